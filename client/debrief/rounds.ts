import {
  concessionCurves,
  type MatchState,
  meanPressure,
  type Scenario,
  type View,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { type Box, plotLine } from "../charts.ts";
import { t } from "../i18n.ts";
import { COLORS, teamColor, teamTextColor } from "../scenes/Screen.ts";
import { type Chart, lineHeight, MUTED, type Pen, text, xLabels } from "./layout.ts";

/** Where the i-th of `count` rounds lies across a plot. */
const roundX = (box: Box, i: number, count: number) => box.x + (i / Math.max(1, count - 1)) * box.w;

/** Where a value from 0 (bottom) to 100 (top) lies up a plot. */
const valueY = (box: Box, value: number) => box.y + box.h - (value / 100) * box.h;

/**
 * A line through points, skipping the missing ones; a thick line (3 px and more) is opaque and
 * dotted, a thin one faint.
 */
function polyline(
  pen: Pen,
  points: readonly ([number, number] | undefined)[],
  color: number,
  width = 3,
): void {
  const thick = width > 2;
  pen.g.lineStyle(width, color, thick ? 1 : 0.35).beginPath();
  let started = false;
  for (const p of points) {
    if (!p) continue;
    if (started) pen.g.lineTo(...p);
    else pen.g.moveTo(...p);
    started = true;
  }
  pen.g.strokePath();
  if (thick) for (const p of points) if (p) pen.g.fillStyle(color).fillCircle(p[0], p[1], 5);
}

/** One line across the rounds, y from 0 (bottom) to 100 (top). */
function plotRounds(pen: Pen, box: Box, values: readonly number[], color: number, width = 3) {
  polyline(
    pen,
    values.map((v, i) => [roundX(box, i, values.length), valueY(box, v)]),
    color,
    width,
  );
}

/** R1, R2… under a plot, one per round. */
function roundLabels(pen: Pen, box: Box, count: number): void {
  xLabels(
    pen,
    box,
    Array.from({ length: count }, (_, i) => [
      roundX(box, i, count),
      t("debrief:rounds.round", { number: i + 1 }),
    ]),
  );
}

/**
 * How far each issue (thin) and each team's levers on average (thick) moved towards conciliation,
 * round by round, from the rounds' closing states (empty while the log loads).
 */
export function levelsChart(pen: Pen, scenario: Scenario, rounds: readonly MatchState[]): Chart {
  return {
    title: t("debrief:rounds.levelsTitle"),
    draw(box) {
      if (!rounds.length) {
        text(pen, box.x + 8, box.y + 8, t("debrief:rounds.loading"), pen.label, MUTED);
        return;
      }
      const share = (state: MatchState, id: string) => {
        const issue = scenario.issues.find((i) => i.id === id);
        return issue ? (100 * (state.levels[id] ?? issue.start)) / (issue.levels.length - 1) : 0;
      };
      for (const issue of scenario.issues)
        plotRounds(
          pen,
          box,
          rounds.map((s) => share(s, issue.id)),
          teamColor(scenario, issue.holder),
          1.5,
        );
      for (const team of scenario.teams) {
        const levers = scenario.issues.filter((i) => i.holder === team.id);
        plotRounds(
          pen,
          box,
          rounds.map(
            (s) => levers.reduce((sum, i) => sum + share(s, i.id), 0) / Math.max(1, levers.length),
          ),
          teamColor(scenario, team.id),
        );
      }
      roundLabels(pen, box, rounds.length);
    },
  };
}

/** Each team's mean domestic pressure at the end of each round. */
export function pressureChart(pen: Pen, scenario: Scenario, rounds: readonly MatchState[]): Chart {
  return {
    title: t("debrief:rounds.pressureTitle"),
    draw(box) {
      for (const team of scenario.teams)
        plotRounds(
          pen,
          box,
          rounds.map((s) => meanPressure(s.teams[team.id]?.private?.meters ?? {})),
          teamColor(scenario, team.id),
        );
      roundLabels(pen, box, rounds.length);
    },
  };
}

/** Each table's concession curves: the utility to each team of its own last offer, round by round. */
export function concessionsChart(pen: Pen, tables: readonly Known[]): Chart {
  return {
    title: t("debrief:rounds.concessionsTitle"),
    draw(box) {
      let rounds = 0;
      for (const { scenario, view } of tables)
        for (const [team, curve] of Object.entries(concessionCurves(scenario, view))) {
          rounds = Math.max(rounds, curve.length);
          polyline(
            pen,
            curve.map((u, i) =>
              u === null ? undefined : [roundX(box, i, curve.length), valueY(box, u)],
            ),
            teamColor(scenario, team),
          );
        }
      roundLabels(pen, box, rounds);
      for (const [i, team] of (tables[0]?.scenario.teams ?? []).entries())
        text(
          pen,
          box.x + 8,
          box.y + 6 + i * lineHeight(pen.label),
          `— ${team.name}`,
          pen.label,
          teamTextColor(tables[0]?.scenario ?? { teams: [] }, team.id),
        );
    },
  };
}

/** The market index from the start, round by round. */
export function marketChart(pen: Pen, view: View): Chart {
  return {
    title: t("debrief:rounds.marketTitle"),
    draw(box) {
      const { history, index } = view.market;
      const series = history.at(-1) === index ? history : [...history, index];
      const points = plotLine(pen.g, box, series, COLORS.sky, true);
      xLabels(
        pen,
        box,
        points.map(([x], i) => [
          x,
          i === 0
            ? t("debrief:rounds.start")
            : i === series.length - 1 && i !== view.rounds
              ? t("debrief:rounds.end")
              : t("debrief:rounds.round", { number: i }),
        ]),
      );
    },
  };
}
