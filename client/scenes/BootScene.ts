import type { Connection } from "../app.ts";
import { status } from "../dom.ts";
import { Screen } from "./Screen.ts";

/** Boots the page: reopens what the address names (a table, the console), else the lobby. */
export class BootScene extends Screen {
  constructor() {
    super("BootScene");
  }

  async create(): Promise<void> {
    const [, screen, id] = location.hash.split("/");
    try {
      if (screen === "console" && this.app.facilitatorSession())
        return void this.scene.start("FacilitatorScene");
      if (screen === "table" && id) {
        const connection: Connection = await this.app.rejoin(id);
        return void this.scene.start("TableScene", { connection });
      }
    } catch (e) {
      status((e as Error).message);
    }
    this.scene.start("LobbyScene");
  }
}
