import {
  concessionCurves,
  disagreement,
  distanceToFrontier,
  kalaiPoint,
  type MatchState,
  matchPoint,
  meanPressure,
  nashPoint,
  type OutcomePoint,
  outcome,
  paretoFrontier,
  type Scenario,
  type View,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { type Box, plotLine } from "../charts.ts";
import { levelLabel, teamName } from "../describe.ts";
import { fill, h } from "../dom.ts";
import { Replay, type TableSource } from "../replay.ts";
import { COLORS, Screen, teamColor, textStyle } from "./Screen.ts";

/** Offers a blob to the browser as a download. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  h("a", { href: url, download: name }).click();
  URL.revokeObjectURL(url);
}

/** The debrief: both briefs revealed, scores, and the deals drawn against the Pareto frontier. */
export class DebriefScene extends Screen {
  private connections: TableSource[] = [];
  private readonly known = new Map<TableSource, Known>();

  constructor() {
    super("DebriefScene");
  }

  init(data: { connection?: TableSource; connections?: TableSource[] }): void {
    this.connections = data.connections ?? (data.connection ? [data.connection] : []);
    this.known.clear();
  }

  /** Each round's closing state, from the first table's log (fetched once the match has ended). */
  private rounds: MatchState[] = [];

  create(): void {
    this.show("debrief", "Debrief");
    this.onResize(() => this.draw());
    this.rounds = [];
    const matchId = this.connections[0]?.matchId;
    if (matchId)
      void this.app
        .fetchLog(matchId)
        .then((text) => {
          const opened = Replay.open(text, matchId);
          if (!opened.ok) return;
          this.rounds = opened.replay.roundEnds();
          this.draw();
        })
        .catch(() => undefined);
    for (const connection of this.connections)
      connection.subscribe((known) => {
        this.known.set(connection, known);
        this.draw();
        this.renderPanel();
      });
  }

  private get first(): Known | undefined {
    return [...this.known.values()][0];
  }

  private draw(): void {
    this.children.removeAll();
    const known = this.first;
    const { width, height } = this.scale;
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    if (!known || Object.keys(known.view.briefs).length < 2) return;
    const size = Math.max(12, Math.min(22, width / 55));
    const top = height * 0.56 - 60;
    this.drawFrontier(g, 60, 50, width * 0.55 - 60, top, known.scenario, known.view, size);
    this.drawLevels(g, { x: width * 0.62, y: 50, w: width * 0.36, h: top }, known.scenario, size);
    const third = (width - 60 - 2 * 40 - 20) / 3;
    const row = { y: height * 0.68, h: height * 0.25 };
    this.drawMarket(g, { x: 60, ...row, w: third }, known.view, size);
    this.drawPressure(g, { x: 100 + third, ...row, w: third }, known.scenario, size);
    this.drawConcessions(g, { x: 140 + 2 * third, ...row, w: third }, size);
  }

  /** One line per team through its points, x spread over the rounds, y from 0 (bottom) to 100 (top). */
  private plotRounds(
    g: Phaser.GameObjects.Graphics,
    box: Box,
    values: readonly number[],
    color: number,
    width = 3,
  ): void {
    const points = values.map((v, i): [number, number] => [
      box.x + (i / Math.max(1, values.length - 1)) * box.w,
      box.y + box.h - (v / 100) * box.h,
    ]);
    g.lineStyle(width, color, width > 2 ? 1 : 0.35).beginPath();
    points.forEach(([x, y], i) => {
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    });
    g.strokePath();
    if (width > 2) for (const [x, y] of points) g.fillStyle(color).fillCircle(x, y, 5);
  }

  /** How far each issue (thin) and each team's levers on average (thick) moved towards conciliation, round by round. */
  private drawLevels(
    g: Phaser.GameObjects.Graphics,
    box: Box,
    scenario: Scenario,
    size: number,
  ): void {
    this.add.text(
      box.x,
      box.y - size * 1.6,
      "Issue levels by round (up: conciliatory)",
      textStyle(size),
    );
    g.lineStyle(1, COLORS.line).strokeRect(box.x, box.y, box.w, box.h);
    if (!this.rounds.length) {
      this.add.text(
        box.x + 8,
        box.y + 8,
        "Loading the match log…",
        textStyle(size * 0.8, "#a9b3c4"),
      );
      return;
    }
    const share = (state: MatchState, id: string) => {
      const issue = scenario.issues.find((i) => i.id === id);
      return issue ? (100 * (state.levels[id] ?? issue.start)) / (issue.levels.length - 1) : 0;
    };
    for (const issue of scenario.issues)
      this.plotRounds(
        g,
        box,
        this.rounds.map((s) => share(s, issue.id)),
        teamColor(issue.holder),
        1.5,
      );
    for (const team of scenario.teams) {
      const levers = scenario.issues.filter((i) => i.holder === team.id);
      this.plotRounds(
        g,
        box,
        this.rounds.map(
          (s) => levers.reduce((sum, i) => sum + share(s, i.id), 0) / Math.max(1, levers.length),
        ),
        teamColor(team.id),
      );
    }
    this.roundLabels(box, size);
  }

  /** Each team's mean domestic pressure at the end of each round. */
  private drawPressure(
    g: Phaser.GameObjects.Graphics,
    box: Box,
    scenario: Scenario,
    size: number,
  ): void {
    this.add.text(box.x, box.y - size * 1.6, "Domestic pressure by round", textStyle(size));
    g.lineStyle(1, COLORS.line).strokeRect(box.x, box.y, box.w, box.h);
    for (const team of scenario.teams)
      this.plotRounds(
        g,
        box,
        this.rounds.map((s) => meanPressure(s.teams[team.id]?.private?.meters ?? {})),
        teamColor(team.id),
      );
    this.roundLabels(box, size);
  }

  private roundLabels(box: Box, size: number): void {
    const count = this.rounds.length;
    for (let i = 0; i < count; i++) {
      const x = box.x + (i / Math.max(1, count - 1)) * box.w;
      this.add
        .text(x, box.y + box.h + 4, `R${i + 1}`, textStyle(size * 0.7, "#a9b3c4"))
        .setOrigin(0.5, 0);
    }
  }

  /** Each table's concession curves: the utility to each team of its own last offer, round by round. */
  private drawConcessions(g: Phaser.GameObjects.Graphics, box: Box, size: number): void {
    this.add.text(
      box.x,
      box.y - size * 1.6,
      "Concessions: offers, worth to the offerer",
      textStyle(size),
    );
    g.lineStyle(1, COLORS.line).strokeRect(box.x, box.y, box.w, box.h);
    for (const known of this.known.values()) {
      const curves = concessionCurves(known.scenario, known.view);
      for (const [team, curve] of Object.entries(curves)) {
        const points = curve.map((u, i): [number, number] | undefined =>
          u === null
            ? undefined
            : [
                box.x + (i / Math.max(1, curve.length - 1)) * box.w,
                box.y + box.h - (u / 100) * box.h,
              ],
        );
        g.lineStyle(3, teamColor(team), 0.8).beginPath();
        let started = false;
        for (const p of points) {
          if (!p) continue;
          if (started) g.lineTo(p[0], p[1]);
          else g.moveTo(p[0], p[1]);
          started = true;
        }
        g.strokePath();
        for (const p of points) if (p) g.fillStyle(teamColor(team)).fillCircle(p[0], p[1], 4);
      }
    }
    for (const [i, team] of (this.first?.scenario.teams ?? []).entries())
      this.add.text(
        box.x + 8,
        box.y + 6 + i * size,
        `— ${team.name}`,
        textStyle(size * 0.75, team.id === "us" ? "#56b4e9" : "#ff9f5a"),
      );
  }

  /** Downloads the debrief's figures as CSV: one row per team per table. */
  private downloadCsv(): void {
    const rows = [
      [
        "table",
        "team",
        "utility",
        "pressure",
        "summit_bonus",
        "red_lines",
        "total",
        "distance_to_frontier",
      ],
    ];
    let table = 0;
    for (const known of this.known.values()) {
      table += 1;
      const frontier = paretoFrontier(known.scenario);
      const distance = distanceToFrontier(frontier, outcome(known.scenario, known.view.levels));
      for (const [team, s] of Object.entries(known.view.scores ?? {}))
        rows.push([
          String(table),
          team,
          String(s.utility),
          String(s.pressure),
          String(s.summitBonus),
          String(s.redLinesCrossed),
          String(s.total),
          String(distance),
        ]);
    }
    save(
      new Blob([rows.map((r) => r.join(",")).join("\n")], { type: "text/csv" }),
      "trade-truce-debrief.csv",
    );
  }

  /** Downloads the charts as a PNG image. */
  private downloadPng(): void {
    this.game.renderer.snapshot((image) => {
      if (image instanceof HTMLImageElement)
        h("a", { href: image.src, download: "trade-truce-debrief.png" }).click();
    });
  }

  private drawFrontier(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    hgt: number,
    scenario: Scenario,
    view: View,
    size: number,
  ): void {
    const [us, cn] = scenario.teams;
    const frontier = paretoFrontier(scenario);
    const d = disagreement(scenario, view);
    const px = (p: OutcomePoint) => x + (p.utilities[0] / 100) * w;
    const py = (p: OutcomePoint) => y + hgt - (p.utilities[1] / 100) * hgt;
    this.add.text(x, y - size * 1.8, "The deal against the Pareto frontier", textStyle(size * 1.2));
    g.lineStyle(1, COLORS.line).strokeRect(x, y, w, hgt);
    this.add
      .text(x + w - 8, y + hgt + 6, `${us?.name} utility →`, textStyle(size * 0.8, "#a9b3c4"))
      .setOrigin(1, 0);
    this.add
      .text(x - 8, y, `${cn?.name} utility ↑`, textStyle(size * 0.8, "#a9b3c4"))
      .setOrigin(1, 0)
      .setAngle(-90);
    g.lineStyle(3, COLORS.ink).beginPath();
    frontier.forEach((p, i) => {
      if (i === 0) g.moveTo(px(p), py(p));
      else g.lineTo(px(p), py(p));
    });
    g.strokePath();
    for (const tick of [0, 50, 100]) {
      this.add
        .text(x + (tick / 100) * w, y + hgt + 4, String(tick), textStyle(size * 0.7, "#a9b3c4"))
        .setOrigin(0.5, 0);
      this.add
        .text(x - 6, y + hgt - (tick / 100) * hgt, String(tick), textStyle(size * 0.7, "#a9b3c4"))
        .setOrigin(1, 0.5);
    }
    const mark = (
      p: OutcomePoint | undefined,
      color: number,
      label: string,
      shape: "circle" | "square" | "diamond" | "cross",
      side: 1 | -1 = 1,
    ) => {
      if (!p) return;
      const cx = px(p);
      const cy = py(p);
      g.fillStyle(color);
      if (shape === "circle") g.fillCircle(cx, cy, 9);
      if (shape === "square") g.fillRect(cx - 8, cy - 8, 16, 16);
      if (shape === "diamond")
        g.fillTriangle(cx, cy - 11, cx + 11, cy, cx, cy + 11).fillTriangle(
          cx,
          cy - 11,
          cx - 11,
          cy,
          cx,
          cy + 11,
        );
      if (shape === "cross")
        g.lineStyle(4, color)
          .lineBetween(cx - 9, cy - 9, cx + 9, cy + 9)
          .lineBetween(cx - 9, cy + 9, cx + 9, cy - 9);
      this.add
        .text(cx + 14 * side, cy - size * 0.6, label, textStyle(size * 0.8))
        .setOrigin(side === 1 ? 0 : 1, 0);
    };
    mark(d, COLORS.muted, "no deal", "cross");
    mark(nashPoint(frontier, d), COLORS.gold, "Nash", "diamond");
    mark(kalaiPoint(frontier, d), COLORS.sky, "Kalai", "square", -1);
    mark(
      outcome(scenario, scenario.reference.levels),
      COLORS.warn,
      `${scenario.reference.label} (real)`,
      "diamond",
    );
    let table = 0;
    for (const known of this.known.values()) {
      table += 1;
      mark(
        matchPoint(scenario, known.view),
        COLORS.ok,
        this.known.size > 1 ? `table ${table}` : "your deal",
        "circle",
      );
    }
  }

  private drawMarket(g: Phaser.GameObjects.Graphics, box: Box, view: View, size: number): void {
    const { history, index } = view.market;
    const series = history.at(-1) === index ? history : [...history, index];
    this.add.text(box.x, box.y - size * 1.6, "Market index, round by round", textStyle(size));
    g.lineStyle(1, COLORS.line).strokeRect(box.x, box.y, box.w, box.h);
    plotLine(g, box, series, COLORS.sky, true).forEach(([px], i) => {
      const label =
        i === 0 ? "start" : i === series.length - 1 && i !== view.rounds ? "end" : `R${i}`;
      this.add
        .text(px, box.y + box.h + 4, label, textStyle(size * 0.7, "#a9b3c4"))
        .setOrigin(0.5, 0);
    });
  }

  private renderPanel(): void {
    const known = this.first;
    if (!known) return;
    const { view, scenario } = known;
    const frontier = Object.keys(view.briefs).length >= 2 ? paretoFrontier(scenario) : [];
    const scores = Object.entries(view.scores ?? {});
    fill(
      this.ui,
      h("h1", { style: "font-size:1.3rem" }, "Debrief"),
      h(
        "table",
        { class: "grid" },
        h("caption", { class: "muted" }, "Scores and their parts"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "Team"),
            h("th", {}, "Utility"),
            h("th", {}, "Pres\u00adsure"),
            h("th", {}, "Red lines"),
            h("th", {}, "Summit"),
            h("th", {}, "Prom\u00adises"),
            h("th", {}, "Total"),
          ),
        ),
        h(
          "tbody",
          {},
          ...scores.map(([team, s]) =>
            h(
              "tr",
              {},
              h("td", {}, teamName(scenario, team)),
              h("td", {}, s.utility),
              h("td", {}, s.pressure),
              h("td", {}, s.redLinesCrossed),
              h("td", {}, s.summitBonus),
              h("td", {}, s.compliance),
              h("td", {}, h("strong", {}, s.total)),
            ),
          ),
        ),
      ),
      h(
        "p",
        { class: "muted" },
        `Total: the brief's utility of the levels in force, averaged over every round; less pressure over the rounds ×${scenario.scoring.pressureWeight}; less ${scenario.scoring.redLinePenalty} per red line crossed by what the team signed or endorsed; plus the summit bonus for an endorsed agreement; less breaches and missed deliveries.`,
      ),
      frontier.length > 0 &&
        h(
          "p",
          {},
          `Distance of your deal from the frontier: ${distanceToFrontier(frontier, matchPoint(scenario, view))} utility points (0 means no value was left on the table). Points on the chart are the scores' utility part: a deal reached late sits inside the frontier because the rounds before it count too. The frontier, Nash and Kalai are deals in force from the first round; "no deal" is this match played with no agreement, threats firing on their dates.`,
        ),
      h("h2", {}, "Your deal and the real one"),
      h(
        "table",
        { class: "grid" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "Issue"),
            h("th", {}, "Your table"),
            h("th", {}, scenario.reference.label),
          ),
        ),
        h(
          "tbody",
          {},
          ...scenario.issues.map((i) =>
            h(
              "tr",
              {},
              h("td", {}, i.label),
              h("td", {}, levelLabel(scenario, i.id, view.levels[i.id])),
              h("td", {}, levelLabel(scenario, i.id, scenario.reference.levels[i.id])),
            ),
          ),
        ),
      ),
      h("p", { class: "muted" }, scenario.reference.notes),
      ...Object.entries(view.briefs).map(([team, brief]) =>
        h(
          "section",
          { class: `item ${team}` },
          h("h2", {}, `${teamName(scenario, team)}'s brief`),
          h("p", {}, brief.summary),
          h("p", {}, brief.constituencies),
        ),
      ),
      h("button", { onclick: () => this.downloadCsv() }, "Download the scores (CSV)"),
      h("button", { onclick: () => this.downloadPng() }, "Download the charts (PNG)"),
      h("button", { onclick: () => this.scene.start("LobbyScene") }, "Back to the lobby"),
    );
  }
}
