import type * as Phaser from "phaser";
import {
  disagreement,
  kalaiPoint,
  matchPoint,
  nashPoint,
  type OutcomePoint,
  outcome,
  paretoFrontier,
  type Scenario,
  type View,
} from "../../shared/index.ts";
import type { Box } from "../charts.ts";
import { formatNumber, t } from "../i18n.ts";
import { COLORS } from "../scenes/Screen.ts";
import { type Chart, lineHeight, MUTED, type Pen, text, tickBand, xLabels } from "./layout.ts";

type Shape = "circle" | "square" | "diamond" | "cross";
type Mark = { point: OutcomePoint | undefined; color: number; label: string; shape: Shape };
type Rect = { x: number; y: number; w: number; h: number };

/** How far a marker reaches from its centre. */
const REACH = 11;

/** The room left of the plot for the tick labels (up to "100") and the rotated axis title. */
const leftMargin = (pen: Pen) => Math.ceil(pen.tick * 2.2) + lineHeight(pen.label) + 12;

/**
 * The deal against the Pareto frontier: the frontier, the no-deal point, Nash and Kalai, the real
 * outcome and each table's deal, in the teams' utilities; `view` is the first table's, `parent` the
 * end of the match it was forked from.
 */
export function frontierChart(
  pen: Pen,
  scenario: Scenario,
  view: View,
  tables: readonly View[],
  parent?: View,
): Chart {
  return {
    title: t("debrief:frontier.title"),
    headline: true,
    margin: {
      left: leftMargin(pen),
      bottom: tickBand(pen) + lineHeight(pen.label),
    },
    draw(box) {
      const frontier = paretoFrontier(scenario);
      const d = disagreement(scenario, view);
      axes(pen, box, scenario);
      const at = (p: OutcomePoint): [number, number] => [
        box.x + (p.utilities[0] / 100) * box.w,
        box.y + box.h - (p.utilities[1] / 100) * box.h,
      ];
      pen.g.lineStyle(3, COLORS.ink).beginPath();
      frontier.forEach((p, i) => {
        if (i === 0) pen.g.moveTo(...at(p));
        else pen.g.lineTo(...at(p));
      });
      pen.g.strokePath();
      const marks: Mark[] = [
        { point: d, color: COLORS.muted, label: t("debrief:frontier.noDeal"), shape: "cross" },
        {
          point: nashPoint(frontier, d),
          color: COLORS.gold,
          label: t("debrief:frontier.nash"),
          shape: "diamond",
        },
        {
          point: kalaiPoint(frontier, d),
          color: COLORS.sky,
          label: t("debrief:frontier.kalai"),
          shape: "square",
        },
        {
          point: outcome(scenario, scenario.reference.levels),
          color: COLORS.warn,
          label: t("debrief:frontier.real", { label: scenario.reference.label }),
          shape: "diamond",
        },
        ...(parent
          ? [
              {
                point: matchPoint(scenario, parent),
                color: COLORS.ink,
                label: t("debrief:frontier.parentMatch"),
                shape: "square" as const,
              },
            ]
          : []),
        ...tables.map((table, i) => ({
          point: matchPoint(scenario, table),
          color: COLORS.ok,
          label:
            tables.length > 1
              ? t("debrief:frontier.table", { number: i + 1 })
              : t("debrief:frontier.yourDeal"),
          shape: "circle" as const,
        })),
      ];
      const placed = marks.flatMap((m) => (m.point ? [{ ...m, at: at(m.point) }] : []));
      for (const m of placed) drawMarker(pen.g, m.at, m.color, m.shape);
      const taken: Rect[] = placed.map(({ at: [x, y] }) => square(x, y, REACH));
      for (const m of placed) {
        const label = text(pen, 0, 0, m.label, pen.label);
        const spot = freeSpot(m.at, label, box, taken);
        label.setPosition(spot.x, spot.y);
        taken.push(spot);
      }
    },
  };
}

/** Tick labels at 0, 50 and 100 on both axes, and the axes' titles outside them. */
function axes(pen: Pen, box: Box, scenario: Scenario): void {
  const [us, cn] = scenario.teams;
  const ticks = [0, 50, 100];
  xLabels(
    pen,
    box,
    ticks.map((tick) => [box.x + (tick / 100) * box.w, formatNumber(tick)]),
  );
  for (const tick of ticks)
    text(
      pen,
      box.x - 6,
      box.y + box.h - (tick / 100) * box.h,
      formatNumber(tick),
      pen.tick,
      MUTED,
    ).setOrigin(1, 0.5);
  text(
    pen,
    box.x + box.w,
    box.y + box.h + tickBand(pen),
    t("debrief:frontier.axisX", { team: us?.name }),
    pen.label,
    MUTED,
  ).setOrigin(1, 0);
  text(
    pen,
    box.x - leftMargin(pen),
    box.y + box.h / 2,
    t("debrief:frontier.axisY", { team: cn?.name }),
    pen.label,
    MUTED,
  )
    .setOrigin(0.5, 0)
    .setAngle(-90);
}

function drawMarker(
  g: Phaser.GameObjects.Graphics,
  [x, y]: [number, number],
  color: number,
  shape: Shape,
): void {
  const r = REACH;
  g.fillStyle(color);
  if (shape === "circle") g.fillCircle(x, y, r - 2);
  if (shape === "square") g.fillRect(x - r + 3, y - r + 3, 2 * r - 6, 2 * r - 6);
  if (shape === "diamond")
    g.fillTriangle(x, y - r, x + r, y, x, y + r).fillTriangle(x, y - r, x - r, y, x, y + r);
  if (shape === "cross")
    g.lineStyle(4, color)
      .lineBetween(x - r + 2, y - r + 2, x + r - 2, y + r - 2)
      .lineBetween(x - r + 2, y + r - 2, x + r - 2, y - r + 2);
}

const square = (x: number, y: number, r: number): Rect => ({
  x: x - r,
  y: y - r,
  w: 2 * r,
  h: 2 * r,
});

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/**
 * Where a marker's label goes: beside, above or below it, then further out, the first spot inside
 * the plot that covers no other label or marker; failing that, the spot that covers least.
 */
function freeSpot(
  [x, y]: [number, number],
  label: { width: number; height: number },
  box: Box,
  taken: readonly Rect[],
): Rect {
  const { width: w, height: h } = label;
  const d = REACH + 4;
  const spots: Rect[] = [
    { x: x + d, y: y - h / 2, w, h },
    { x: x - d - w, y: y - h / 2, w, h },
    { x: x - w / 2, y: y - d - h, w, h },
    { x: x - w / 2, y: y + d, w, h },
    ...[1, 2, 3].flatMap((k) =>
      [1, -1].flatMap((dy) => [
        { x: x + d, y: y - h / 2 + dy * k * h, w, h },
        { x: x - d - w, y: y - h / 2 + dy * k * h, w, h },
      ]),
    ),
  ];
  const cost = (r: Rect) =>
    w * h - overlap(r, box) + taken.reduce((sum, t) => sum + overlap(r, t), 0);
  let best = spots[0] as Rect;
  for (const spot of spots) {
    const c = cost(spot);
    if (c === 0) return spot;
    if (c < cost(best)) best = spot;
  }
  return best;
}
