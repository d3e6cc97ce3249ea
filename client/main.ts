import * as Phaser from "phaser";
import { App } from "./app.ts";
import { BootScene } from "./scenes/BootScene.ts";
import { DebriefScene } from "./scenes/DebriefScene.ts";
import { FacilitatorScene } from "./scenes/FacilitatorScene.ts";
import { GuideScene } from "./scenes/GuideScene.ts";
import { LobbyScene } from "./scenes/LobbyScene.ts";
import { TableScene } from "./scenes/TableScene.ts";

const game = new Phaser.Game({
  // The board is shapes and text: the canvas renderer draws it on any school laptop, GPU or not.
  type: Phaser.CANVAS,
  parent: "game",
  backgroundColor: "#0f1724",
  scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
  // The board changes only with the state: 30 frames a second spare laptops' batteries and CPUs.
  fps: { limit: 30 },
  scene: [BootScene, LobbyScene, TableScene, FacilitatorScene, DebriefScene, GuideScene],
  callbacks: { preBoot: (g) => g.registry.set("app", new App()) },
});

Object.assign(window, { tradeTruce: game });

// Back and Forward change only the address: reopen what it names, unless the screen already shows it.
window.addEventListener("hashchange", () => {
  if (location.hash === (document.body.dataset.address ?? "")) return;
  game.scene.getScenes(true)[0]?.scene.start("BootScene");
});

// Phaser watches the window, but the board's column changes width between screens: follow it.
const parent = document.getElementById("game");
if (parent) new ResizeObserver(() => game.scale.refresh()).observe(parent);
