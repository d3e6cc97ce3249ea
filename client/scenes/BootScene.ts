import type { Connection } from "../app.ts";
import { status } from "../dom.ts";
import { t } from "../i18n.ts";
import { Replay } from "../replay.ts";
import { Screen } from "./Screen.ts";

/** Boots the page: reopens what the address names (a table, the console), else the lobby. */
export class BootScene extends Screen {
  constructor() {
    super("BootScene");
  }

  async create(): Promise<void> {
    const [, screen, id] = location.hash.split("/");
    try {
      if (screen === "guide") return void this.scene.start("GuideScene");
      if (screen === "console" && this.app.facilitatorSession())
        return void this.scene.start("FacilitatorScene");
      if (screen === "replay" && id) {
        const opened = Replay.open(await this.app.fetchLog(id), id);
        if (!opened.ok) throw new Error(t("lobby:replay.invalid", { reason: opened.error }));
        const [, , , seq] = location.hash.split("/");
        if (seq) opened.replay.seek(Number(seq));
        return void this.scene.start("TableScene", { source: opened.replay });
      }
      if (screen === "table" && id) {
        const connection: Connection = await this.app.rejoin(id);
        return void this.scene.start("TableScene", { source: connection });
      }
    } catch (e) {
      status((e as Error).message);
    }
    this.scene.start("LobbyScene");
  }
}
