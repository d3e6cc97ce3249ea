import { type MatchState, viewFor } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { downloadCsv, downloadPng, snapshot } from "../debrief/downloads.ts";
import { frontierChart } from "../debrief/frontier.ts";
import { arrange, type Chart, type ChartId, drawRow, penFor } from "../debrief/layout.ts";
import { debriefPanel, type Lineage } from "../debrief/panel.ts";
import { concessionsChart, levelsChart, marketChart, pressureChart } from "../debrief/rounds.ts";
import { fill } from "../dom.ts";
import { t } from "../i18n.ts";
import { handoutSheets, printSheets } from "../print.ts";
import { Replay, type TableSource } from "../replay.ts";
import { COLORS, clearScene, Screen } from "./Screen.ts";

/** The debrief: both briefs revealed, scores, and the deals drawn against the Pareto frontier. */
export class DebriefScene extends Screen {
  private connections: TableSource[] = [];
  private readonly known = new Map<TableSource, Known>();
  /** Each round's closing state, from the first table's log (fetched once the match has ended). */
  private rounds: MatchState[] = [];
  /** For a fork, its parent: from the first table's log too. */
  private lineage: Lineage | undefined;

  constructor() {
    super("DebriefScene");
  }

  init(data: { connection?: TableSource; connections?: TableSource[] }): void {
    this.connections = data.connections ?? (data.connection ? [data.connection] : []);
    this.known.clear();
  }

  /** Whether this browser runs the session of the tables debriefed (the class debrief). */
  private runsSession(): boolean {
    const matchId = this.connections[0]?.matchId;
    return !!matchId && this.app.runs(matchId);
  }

  create(): void {
    const [first] = this.connections;
    // A seat's debrief reopens from its table's address; the class debrief sits under the console's.
    const address =
      this.connections.length === 1 && first && first.seat.kind !== "facilitator"
        ? first.address
        : "#/console/debrief";
    this.show("debrief", t("debrief:scene.title"), address);
    this.onResize(() => this.draw());
    this.rounds = [];
    this.lineage = undefined;
    const matchId = this.connections[0]?.matchId;
    if (matchId)
      void this.app
        .fetchLog(matchId)
        .then((text) => {
          const opened = Replay.open(text, matchId);
          if (!opened.ok) return;
          this.rounds = opened.replay.roundEnds();
          this.lineage = lineageOf(opened.replay);
          this.draw();
          this.renderPanel();
        })
        .catch(() => undefined);
    for (const connection of this.connections)
      connection.subscribe((known) => {
        this.known.set(connection, known);
        this.draw();
        this.renderPanel();
      });
  }

  private get tables(): Known[] {
    return [...this.known.values()];
  }

  private draw(): void {
    clearScene(this);
    const { width, height } = this.scale;
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    const tables = this.tables;
    const first = tables[0];
    if (!first || Object.keys(first.view.briefs).length < 2) return;
    const pen = penFor(this, g);
    const { scenario, view } = first;
    const charts: Record<ChartId, Chart> = {
      frontier: frontierChart(
        pen,
        scenario,
        view,
        tables.map((t) => t.view),
        this.lineage?.parent,
      ),
      levels: levelsChart(pen, scenario, this.rounds),
      market: marketChart(pen, view),
      pressure: pressureChart(pen, scenario, this.rounds),
      concessions: concessionsChart(pen, tables),
    };
    for (const row of arrange(width, height))
      drawRow(
        pen,
        row.map(([id, cell]) => [cell, charts[id]]),
      );
  }

  private renderPanel(): void {
    const first = this.tables[0];
    if (!first) return;
    fill(
      this.ui,
      ...debriefPanel(
        first,
        {
          csv: () => downloadCsv(this.tables),
          png: () => void downloadPng(this.game),
          print: () =>
            void printSheets(
              t("debrief:print.handout.title"),
              snapshot(this.game).then((charts) => handoutSheets(first, charts)),
            ),
          lobby: () => this.scene.start("LobbyScene"),
          ...(this.runsSession() && { console: () => this.scene.start("FacilitatorScene") }),
        },
        this.lineage,
      ),
    );
  }
}

/** A fork's parent as its debrief compares it: the fork point and the parent's end, as all see it. */
function lineageOf(replay: Replay): Lineage | undefined {
  const { fork } = replay.log.header;
  if (!fork || !replay.parent) return undefined;
  return {
    fork,
    opening: replay.opening,
    parent: viewFor(replay.scenario, replay.parent.final, { kind: "facilitator" }),
  };
}
