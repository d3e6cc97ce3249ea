import * as Phaser from "phaser";
import { App } from "./app.ts";
import { BootScene } from "./scenes/BootScene.ts";
import { DebriefScene } from "./scenes/DebriefScene.ts";
import { FacilitatorScene } from "./scenes/FacilitatorScene.ts";
import { LobbyScene } from "./scenes/LobbyScene.ts";
import { TableScene } from "./scenes/TableScene.ts";

const game = new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: "#0f1724",
  scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
  scene: [BootScene, LobbyScene, TableScene, FacilitatorScene, DebriefScene],
  callbacks: { preBoot: (g) => g.registry.set("app", new App()) },
});

Object.assign(window, { tradeTruce: game });

// Phaser watches the window, but the board's column changes width between screens: follow it.
const parent = document.getElementById("game");
if (parent) new ResizeObserver(() => game.scale.refresh()).observe(parent);
