import type { FacilitatorSession } from "../app.ts";
import { fill, h } from "../dom.ts";
import { languageSwitch, t } from "../i18n.ts";
import { joinCard } from "../lobby/join-card.ts";
import type { Lobby } from "../lobby/lobby.ts";
import { onlineCard } from "../lobby/online-card.ts";
import { replayCard } from "../lobby/replay-card.ts";
import { sessionCard, teacherCard } from "../lobby/teacher-card.ts";
import { COLORS, clearScene, px, Screen, textStyle } from "./Screen.ts";

/** The lobby: join a table by code, play online, or run a session as a teacher. */
export class LobbyScene extends Screen {
  constructor() {
    super("LobbyScene");
  }

  create(): void {
    this.show("lobby", t("lobby:title"));
    location.hash = "";
    this.drawBackdrop();
    this.onResize(() => this.drawBackdrop());
    const lobby: Lobby = {
      app: this.app,
      start: (scene, data) => this.scene.start(scene, data),
    };
    const created = h("div");
    const language = languageSwitch();
    const showCreated = (session: FacilitatorSession) => {
      const card = sessionCard(lobby, session);
      fill(created, card);
      card.scrollIntoView({ block: "start" });
      card.focus({ preventScroll: true });
    };
    this.ui.append(
      h(
        "div",
        { style: "width: min(30rem, 100%)" },
        h("div", { style: "text-align:right" }, language),
        created,
        joinCard(lobby),
        onlineCard(lobby),
        teacherCard(lobby, this.app.facilitatorSession(), showCreated),
        replayCard(lobby),
      ),
    );
  }

  private drawBackdrop(): void {
    clearScene(this);
    this.time.removeAllEvents();
    const { width, height } = this.scale;
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    g.fillStyle(COLORS.first, 0.35).fillTriangle(0, 0, width * 0.55, 0, 0, height);
    g.fillStyle(COLORS.second, 0.35).fillTriangle(width, height, width * 0.1, height, width, 0);
    g.fillStyle(0x000000, 0.35).fillRoundedRect(
      width * 0.06,
      height * 0.34,
      width * 0.5,
      height * 0.32,
      24,
    );
    const title = this.add.text(
      width * 0.08,
      height * 0.1,
      t("lobby:backdrop.title"),
      textStyle(Math.min(96, width / 12)),
    );
    this.add.text(
      width * 0.08,
      title.y + title.height,
      t("lobby:backdrop.subtitle"),
      textStyle(px(Math.min(30, width / 40)), "#a9b3c4"),
    );
    const line = this.add.graphics();
    const points = Array.from(
      { length: 40 },
      (_, i) => 0.5 + 0.35 * Math.sin(i / 3) * Math.cos(i / 7),
    );
    let tick = 0;
    this.time.addEvent({
      delay: 120,
      loop: true,
      callback: () => {
        tick += 1;
        line.clear().lineStyle(4, COLORS.gold, 0.9).beginPath();
        points.forEach((p, i) => {
          const x = width * 0.08 + (i / 39) * width * 0.46;
          const y = height * (0.38 + 0.24 * (1 - (p + 0.08 * Math.sin((i + tick) / 4))));
          if (i === 0) line.moveTo(x, y);
          else line.lineTo(x, y);
        });
        line.strokePath();
      },
    });
  }
}
