import type * as Phaser from "phaser";
import type { Box } from "../charts.ts";
import { COLORS, px, textStyle } from "../scenes/Screen.ts";
import { wrap } from "../wrap.ts";

/** The colour of axis labels and notes on the debrief's charts. */
export const MUTED = "#a9b3c4";

/** What a debrief chart draws with: the scene (for texts), one graphics layer and its text sizes. */
export type Pen = {
  readonly scene: Phaser.Scene;
  readonly g: Phaser.GameObjects.Graphics;
  /** The frontier's title, the debrief's headline chart. */
  readonly headline: number;
  readonly title: number;
  /** Marks, legends and axis titles. */
  readonly label: number;
  readonly tick: number;
};

/** A pen whose text grows with the canvas, never under the legible minimum. */
export function penFor(scene: Phaser.Scene, g: Phaser.GameObjects.Graphics): Pen {
  const base = Math.min(22, scene.scale.width / 55);
  return {
    scene,
    g,
    headline: px(base * 1.2),
    title: px(base),
    label: px(base * 0.8),
    tick: px(base * 0.7),
  };
}

/** Adds a text to the canvas at its top-left corner (set another origin on the result). */
export function text(
  pen: Pen,
  x: number,
  y: number,
  content: string,
  size: number,
  color?: string,
): Phaser.GameObjects.Text {
  return pen.scene.add.text(x, y, content, textStyle(size, color));
}

/** The height a line of text of a size takes on the canvas. */
export const lineHeight = (size: number) => Math.ceil(size * 1.25);

/** The room under a plot for a row of tick labels. */
export const tickBand = (pen: Pen) => lineHeight(pen.tick) + 6;

/** Room a plot keeps beside its frame for tick labels and axis titles. */
export type Margin = { readonly left: number; readonly bottom: number };

/** A chart of the debrief: its title, the room it keeps for labels, and how it draws in its frame. */
export type Chart = {
  readonly title: string;
  readonly headline?: boolean;
  readonly margin?: Margin;
  draw(box: Box): void;
};

/**
 * Draws a row of charts: titles wrapped to their cells, the frames aligned under the tallest title
 * with room kept for each chart's labels, then each chart inside its frame.
 */
export function drawRow(pen: Pen, row: readonly (readonly [Box, Chart])[]): void {
  const titles = row.map(([cell, chart]) =>
    wrap(
      pen.scene.add.text(
        cell.x,
        cell.y,
        chart.title,
        textStyle(chart.headline ? pen.headline : pen.title),
      ),
      cell.w,
    ),
  );
  const band = Math.max(...titles.map((t) => t.height)) + lineHeight(pen.tick) / 2 + 6;
  for (const [cell, chart] of row) {
    const margin = chart.margin ?? { left: 0, bottom: tickBand(pen) };
    const box = {
      x: cell.x + margin.left,
      y: cell.y + band,
      w: cell.w - margin.left,
      h: cell.h - band - margin.bottom,
    };
    pen.g.lineStyle(1, COLORS.line).strokeRect(box.x, box.y, box.w, box.h);
    chart.draw(box);
  }
}

/**
 * Labels points along the bottom of a plot, kept within its width; when they would touch, only
 * every second (third…) label is kept, so that many rounds on a narrow chart stay legible.
 */
export function xLabels(pen: Pen, box: Box, labels: readonly (readonly [number, string])[]): void {
  const texts = labels.map(
    ([x, label]) => [x, text(pen, 0, box.y + box.h + 4, label, pen.tick, MUTED)] as const,
  );
  const widest = Math.max(0, ...texts.map(([, t]) => t.width));
  const spacing = box.w / Math.max(1, labels.length - 1);
  const stride = Math.max(1, Math.ceil((widest + 6) / spacing));
  let right = Number.NEGATIVE_INFINITY;
  texts.forEach(([x, t], i) => {
    const left = Math.min(Math.max(x - t.width / 2, box.x), box.x + box.w - t.width);
    if (i % stride || left < right + 6) t.destroy();
    else {
      t.setX(left);
      right = left + t.width;
    }
  });
}

/** The debrief's charts, by name. */
export type ChartId = "frontier" | "levels" | "market" | "pressure" | "concessions";

const PAD = 16;
const GAP = 28;

/**
 * Where each chart goes, row by row: the frontier and the issue levels over the market, pressure
 * and concessions; on a canvas taller than wide (a phone), one chart a row, the frontier taller.
 */
export function arrange(width: number, height: number): (readonly [ChartId, Box])[][] {
  if (width < height) {
    const weights = [
      ["frontier", 1.6],
      ["levels", 1],
      ["market", 1],
      ["pressure", 1],
      ["concessions", 1],
    ] as const;
    const unit = (height - 2 * PAD - GAP * (weights.length - 1)) / 5.6;
    let y = PAD;
    return weights.map(([id, weight]) => {
      const cell = { x: PAD, y, w: width - 2 * PAD, h: unit * weight };
      y += cell.h + GAP;
      return [[id, cell]];
    });
  }
  const w = width - 2 * PAD;
  const h = height - 2 * PAD - GAP;
  const top = h * 0.58;
  const left = (w - GAP) * 0.58;
  const third = (w - 2 * GAP) / 3;
  return [
    [
      ["frontier", { x: PAD, y: PAD, w: left, h: top }],
      ["levels", { x: PAD + left + GAP, y: PAD, w: w - left - GAP, h: top }],
    ],
    (["market", "pressure", "concessions"] as const).map((id, i) => [
      id,
      { x: PAD + i * (third + GAP), y: PAD + top + GAP, w: third, h: h - top },
    ]),
  ];
}
