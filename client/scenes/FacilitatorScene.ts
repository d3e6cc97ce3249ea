import type { Connection } from "../app.ts";
import type { Known } from "../board.ts";
import { TableControls } from "../console/controls.ts";
import { drawOverview } from "../console/overview.ts";
import { field, fill, h, select } from "../dom.ts";
import { languageSwitch, t } from "../i18n.ts";
import { Screen } from "./Screen.ts";

type Table = {
  readonly matchId: string;
  readonly table: number;
  readonly connection: Connection;
  known?: Known;
};

/** The facilitator's console: every table of the class at a glance, and the controls of each. */
export class FacilitatorScene extends Screen {
  private tables: Table[] = [];
  private selected = 0;
  private controls: TableControls | undefined;
  private readonly slot = h("div");

  constructor() {
    super("FacilitatorScene");
  }

  async create(): Promise<void> {
    this.show("console", t("console:title"), "#/console");
    const session = this.app.facilitatorSession();
    if (!session) {
      this.scene.start("LobbyScene");
      return;
    }
    this.ui.append(this.joinCode(session.code), this.slot);
    this.onResize(() => this.draw());
    this.time.addEvent({ delay: 1000, loop: true, callback: () => this.draw() });
    this.tables = await Promise.all(
      session.matches.map(async (m) => ({
        ...m,
        connection: await this.app.consoleTable(m.matchId),
      })),
    );
    if (!this.sys.isActive()) return;
    this.selected = Math.min(this.selected, this.tables.length - 1);
    this.pick(this.selected);
    for (const table of this.tables) {
      const unsubscribe = table.connection.subscribe((known) => {
        table.known = known;
        if (table === this.tables[this.selected]) this.controls?.render(known);
        this.draw();
      });
      this.events.once("shutdown", unsubscribe);
    }
  }

  /** The join code, large, with a view that fills the screen for the classroom projector. */
  private joinCode(code: string): HTMLElement {
    const overlay = h(
      "div",
      {
        class: "projector",
        hidden: true,
        role: "dialog",
        "aria-label": t("console:header.projectorLabel"),
      },
      h(
        "p",
        {},
        /^(localhost|127\.)/.test(location.hostname)
          ? t("console:header.openHere")
          : t("console:header.openHost", { host: location.host }),
      ),
      h("p", { class: "code" }, code),
      h("button", { onclick: () => (overlay.hidden = true) }, t("console:header.close")),
    );
    const language = languageSwitch();
    language.style.float = "right";
    return h(
      "header",
      { class: "item" },
      language,
      h("h1", { style: "font-size:1.3rem" }, t("console:title")),
      h("p", {}, t("console:header.joinCode"), h("span", { class: "code", id: "join-code" }, code)),
      h("button", { onclick: () => (overlay.hidden = false) }, t("console:header.project")),
      overlay,
    );
  }

  /** Shows one table's controls (built anew only when the teacher picks another table). */
  private pick(index: number): void {
    this.selected = index;
    const table = this.tables[index];
    if (!table) return;
    this.controls = new TableControls(table.connection, {
      open: () => this.scene.start("TableScene", { source: table.connection }),
      debrief: () =>
        this.scene.start("DebriefScene", { connections: this.tables.map((t) => t.connection) }),
      download: () => this.download(table.matchId),
    });
    const picker = select(
      this.tables.map((row, i) => [
        String(i),
        t("console:header.tableOption", { table: row.table }),
      ]),
      String(index),
      {
        onchange: (e: Event) => {
          this.pick(Number((e.target as HTMLSelectElement).value));
          this.slot.querySelector("select")?.focus();
        },
      },
    );
    fill(this.slot, field(t("console:header.table"), picker), this.controls.element);
    if (table.known) this.controls.render(table.known);
    this.draw();
  }

  private draw(): void {
    drawOverview(this, this.tables, this.selected);
  }

  /** Downloads a log with the facilitator key (a plain link cannot send it). */
  private async download(matchId: string): Promise<void> {
    const text = await this.app.fetchLog(matchId);
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    h("a", { href: url, download: `trade-truce-${matchId}.json` }).click();
    URL.revokeObjectURL(url);
  }
}
