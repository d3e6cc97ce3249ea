import {
  type GameEvent,
  type Intent,
  type LegalAction,
  legalCommands,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { plain, toast } from "../dom.ts";
import { t } from "../i18n.ts";
import { briefSheet, printSheets, worksheetSheet } from "../print.ts";
import type { TableSource } from "../replay.ts";
import { BriefPanel } from "../table/brief.ts";
import { PackageBuilder } from "../table/builder.ts";
import { BoardCanvas } from "../table/canvas.ts";
import { DeliveriesPanel } from "../table/deliveries.ts";
import { TableHeader } from "../table/header.ts";
import { LeversPanel } from "../table/levers.ts";
import { NewsLog } from "../table/news-log.ts";
import { enableLegal, type Part, type Tab, type Table } from "../table/part.ts";
import { ProposalsPanel } from "../table/proposals.ts";
import { ReplayBar } from "../table/replay-bar.ts";
import { BoardSummary } from "../table/summary.ts";
import { Tabs } from "../table/tabs.ts";
import { ChatPanel, StatementsPanel } from "../table/talk.ts";
import { WorksheetPanel, WorksheetRoster } from "../table/worksheet.ts";
import { Screen } from "./Screen.ts";

/** Events worth a toast: what the other side (or a teammate) just did at the table, and the clock. */
const NEWSWORTHY = new Set([
  "proposal/tabled",
  "proposal/accepted",
  "proposal/rejected",
  "proposal/withdrawn",
  "issue/moved",
  "issue/threatened",
  "agreement/breached",
  "agreement/snapped-back",
  "summit/endorsed",
  "summit/closed",
  "phase/advanced",
  "match/paused",
  "match/resumed",
  "phase/extended",
  "news/published",
]);

/**
 * The negotiation table: the canvas draws the board, the panel holds every control, enabled from
 * `legalCommands` of the seat's view. The scene keeps the lifecycle, the tabs and the one `act`
 * bridge; each part (in `client/table/`) renders itself once per state.
 */
export class TableScene extends Screen {
  private source!: TableSource;
  private known: Known | undefined;
  private legal: readonly LegalAction[] = [];
  private parts: Part[] = [];
  private tabs!: Tabs;
  private canvas!: BoardCanvas;
  private builder: PackageBuilder | undefined;
  private proposals: ProposalsPanel | undefined;
  private chats: { tab: Tab; panel: ChatPanel }[] = [];
  private log!: NewsLog;
  private focusedTrack: string | undefined;
  private summary: BoardSummary | undefined;

  constructor() {
    super("TableScene");
  }

  init(data: { source: TableSource }): void {
    this.source = data.source;
    this.known = undefined;
    this.parts = [];
    this.builder = undefined;
    this.summary = undefined;
    this.focusedTrack = undefined;
  }

  create(): void {
    this.show("table", t("table:scene.title"), this.source.address);
    const seat = this.source.seat;
    const table: Table = {
      source: this.source,
      team: seat.kind === "team" ? seat.team : undefined,
      act: (intent, error) => this.act(intent, error),
      select: (tab) => {
        this.tabs.select(tab);
        if (tab === "proposals") this.proposals?.focusNewest();
      },
    };
    this.tabs = new Tabs("proposals", () => this.draw());
    this.canvas = new BoardCanvas(
      this,
      table.team && !this.source.replay ? (i, l) => this.pick(i, l) : undefined,
    );
    this.log = new NewsLog(this.source);
    this.unsubscribeOnShutdown(this.source.onEvent((event) => this.onEvent(event)));
    this.time.addEvent({
      delay: 500,
      loop: true,
      callback: () => this.canvas.drawClock(this.known),
    });
    this.onResize(() => this.draw());
    this.unsubscribeOnShutdown(this.source.subscribe((known) => this.onState(known, table)));
  }

  private unsubscribeOnShutdown(unsubscribe: () => void): void {
    this.events.once("shutdown", unsubscribe);
  }

  /** Builds the parts on the first state (the builder needs the scenario), then renders them all. */
  private onState(known: Known, table: Table): void {
    if (!this.known) this.assemble(known, table);
    const [was, now] = [this.known?.view.phase, known.view.phase];
    if (table.team && now === "preparation" && was !== now) this.tabs.select("worksheet");
    if (was === "preparation" && now !== was && this.tabs.current === "worksheet")
      this.tabs.select("proposals");
    this.tabs.offer("worksheet", known.view.preparation);
    this.known = known;
    this.legal = this.source.replay ? [] : legalCommands(known.scenario, known.view);
    if (
      !this.source.replay &&
      known.view.phase === "ended" &&
      this.source.seat.kind !== "facilitator"
    ) {
      this.scene.start("DebriefScene", { connection: this.source });
      return;
    }
    this.render();
  }

  private assemble(known: Known, table: Table): void {
    const builder = new PackageBuilder(table, known.scenario, () => this.onDraft());
    const proposals = new ProposalsPanel(table, (p) => {
      this.tabs.select("build");
      builder.counter(p);
    });
    const summary = new BoardSummary(
      table.team && !this.source.replay
        ? {
            draft: () => builder.draftLevels(),
            pick: (issue, level) => this.pick(issue, level),
            focus: (issue) => {
              this.focusedTrack = issue;
              this.draw();
            },
            done: () => builder.focusSubmit(),
          }
        : undefined,
    );
    const { matchId, seat } = this.source;
    const runs =
      seat.kind === "facilitator" && !this.source.replay && matchId && this.app.runs(matchId);
    const header = new TableHeader(
      table,
      runs ? () => this.scene.start("FacilitatorScene") : undefined,
    );
    const replay = this.source.replay;
    const bar =
      replay &&
      new ReplayBar(replay, {
        app: this.app,
        start: (scene, data) => this.scene.start(scene, data),
      });
    this.chats = [
      { tab: "team-chat", panel: new ChatPanel(table, "chat/team") },
      { tab: "table-chat", panel: new ChatPanel(table, "chat/table") },
    ];
    const panels: [Tab, Part][] = [
      ["proposals", proposals],
      ["build", builder],
      ["moves", new LeversPanel(table)],
      ["deliver", new DeliveriesPanel(table)],
      ...this.chats.map(({ tab, panel }): [Tab, Part] => [tab, panel]),
      ["statements", new StatementsPanel(table)],
      ["log", this.log],
      [
        "brief",
        new BriefPanel(seat.kind === "team" && !replay ? () => this.printOwn() : undefined),
      ],
      ["worksheet", table.team ? new WorksheetPanel(table, known.scenario) : new WorksheetRoster()],
    ];
    this.ui.append(
      summary.element,
      ...(bar ? [bar.element] : []),
      header.element,
      this.tabs.element,
    );
    for (const [tab, part] of panels) {
      const panel = this.tabs.panels.get(tab);
      panel?.append(part.element);
      if (panel) this.ui.append(panel);
    }
    this.parts = [summary, ...(bar ? [bar] : []), header, ...panels.map(([, part]) => part)];
    this.summary = summary;
    this.builder = builder;
    this.proposals = proposals;
    this.tabs.select(this.tabs.current);
    this.ui.scrollTop = 0;
  }

  private render(): void {
    const known = this.known;
    if (!known) return;
    for (const part of this.parts) part.render(known, this.legal);
    enableLegal(this.ui, this.legal);
    const { view } = known;
    this.tabs.count("proposals", view.proposals.length + view.agreements.length);
    for (const { tab, panel } of this.chats) this.tabs.count(tab, panel.lines(known).length);
    this.tabs.count("statements", view.statements.length);
    this.tabs.count("deliver", this.legal.filter((a) => a.type === "commitment/deliver").length);
    this.tabs.count("log", this.source.events.length);
    this.draw();
  }

  private onEvent(event: GameEvent): void {
    this.log.render();
    this.tabs.count("log", this.source.events.length);
    if (NEWSWORTHY.has(event.type)) toast(event.text);
  }

  /** The package being built changed: the board and its keyboard tracks show it. */
  private onDraft(): void {
    if (this.known) this.summary?.render(this.known, this.legal);
    this.draw();
  }

  /** A level picked on the board (click, drag or arrow keys) goes into the package being built. */
  private pick(issue: string, level: number): void {
    if (
      !this.builder ||
      !this.legal.some((a) => a.type === "proposal/table" || a.type === "proposal/counter")
    )
      return;
    this.builder.set(issue, level);
    if (this.tabs.current !== "build") this.tabs.select("build");
  }

  /** Prints the seat's own brief and its worksheet (blank, or as handed in). */
  private printOwn(): void {
    const seat = this.source.seat;
    if (!this.known || seat.kind !== "team") return;
    const key = `${seat.team}:${seat.role}`;
    void printSheets(t("table:scene.printTitle"), [
      briefSheet(this.known, key),
      worksheetSheet(this.known, key),
    ]);
  }

  private draw(): void {
    this.canvas.draw(this.known, this.builder?.draftLevels(), this.focusedTrack);
  }

  /** Sends an intent and shows a refusal next to the control that sent it. */
  private async act(intent: Intent, error: HTMLElement): Promise<boolean> {
    error.textContent = "";
    const result = await this.source.send(intent);
    if (!result.ok) error.textContent = plain(result.message);
    return result.ok;
  }
}
