import type * as Phaser from "phaser";
import { type Levels, lastRound, roundPlan } from "../../shared/index.ts";
import { clockText, type Known } from "../board.ts";
import { type Box, plotLine } from "../charts.ts";
import { levelLabel } from "../describe.ts";
import { formatFixed, t } from "../i18n.ts";
import { COLORS, clearScene, px, teamColor, textStyle } from "../scenes/Screen.ts";
import { wrap } from "../wrap.ts";
import { drawMeters, drawTrust } from "./canvas-side.ts";

/**
 * A round's label from the scenario's plan, or the plan's own fallback ("Round 3", "Implementation 1")
 * in the page's language when the scenario names no such round.
 */
function planLabel(view: { round: number; rounds: number }, label: string): string {
  const implementation = view.round - view.rounds;
  if (implementation > 0 && label === `Implementation ${implementation}`)
    return t("table:canvas.implementation", { n: implementation });
  if (implementation <= 0 && label === `Round ${view.round}`)
    return t("table:canvas.roundLabel", { round: view.round });
  return label;
}

/** Below this width the board stacks its parts in one column (a phone). */
export const NARROW = 640;

/** Where an issue's track lies, so a click or a drag on it can pick a level. */
type Track = {
  issue: string;
  x0: number;
  step: number;
  levels: number;
  top: number;
  bottom: number;
};

/**
 * The board: every issue as a track (the level in force filled, open offers and pending agreements
 * ringed, the seat's draft in gold, threats marked), the market, trust, the seat's meters and the
 * latest news. A click or a drag on a track picks that level for the package being built.
 */
export class BoardCanvas {
  private tracks: Track[] = [];
  private clock: Phaser.GameObjects.Text | undefined;

  constructor(
    private readonly scene: Phaser.Scene,
    pick: ((issue: string, level: number) => void) | undefined,
  ) {
    if (!pick) return;
    let dragging: Track | undefined;
    const level = (track: Track, x: number) =>
      Math.max(0, Math.min(track.levels - 1, Math.round((x - track.x0) / track.step)));
    scene.input.on("pointerdown", (pointer: Phaser.Input.Pointer) => {
      dragging = this.tracks.find((t) => pointer.y >= t.top && pointer.y <= t.bottom);
      if (dragging && pointer.x >= dragging.x0 - dragging.step / 2)
        pick(dragging.issue, level(dragging, pointer.x));
    });
    scene.input.on("pointermove", (pointer: Phaser.Input.Pointer) => {
      if (dragging && pointer.isDown) pick(dragging.issue, level(dragging, pointer.x));
    });
    scene.input.on("pointerup", () => {
      dragging = undefined;
    });
  }

  /** Draws the whole board; `draft` is the package being built, `focus` the track the keyboard is on. */
  draw(known: Known | undefined, draft: Levels | undefined, focus: string | undefined): void {
    const { scene } = this;
    clearScene(scene);
    this.clock = undefined;
    this.tracks = [];
    if (!known) return;
    const { view, scenario } = known;
    const { width, height } = scene.scale;
    const narrow = width < NARROW;
    const pad = Math.max(12, width * 0.02);
    const size = px(Math.min(24, width / 50));
    const g = scene.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    const plan = roundPlan(scenario, view.rounds, view.round);
    scene.add.text(
      pad,
      pad,
      t("table:canvas.round", {
        round: view.round,
        last: lastRound(view),
        label: planLabel(view, plan.label),
      }),
      textStyle(size * 1.15),
    );
    const phase = t(`common:phase.${view.phase}`).toUpperCase();
    scene.add.text(
      pad,
      pad + size * 1.6,
      t(plan.date ? "table:canvas.phaseDated" : "table:canvas.phase", {
        phase,
        paused: view.paused ? "yes" : "no",
        date: plan.date,
      }),
      textStyle(px(size * 0.85), "#c5cdda"),
    );
    const top = pad + size * 3.4;
    const news = size * 2.6;
    const bottom = height - news - pad;
    if (narrow) {
      const tracksH = scenario.issues.length * size * 4.8;
      this.drawTracks(g, { x: pad, y: top, w: width - 2 * pad, h: tracksH }, known, draft, focus);
      const side = {
        x: pad,
        y: top + tracksH + pad,
        w: width - 2 * pad,
        h: bottom - top - tracksH - pad,
      };
      this.drawSide(g, side, known, size);
    } else {
      const tracksW = (width - 3 * pad) * 0.62;
      this.drawTracks(g, { x: pad, y: top, w: tracksW, h: bottom - top }, known, draft, focus);
      this.drawSide(
        g,
        { x: 2 * pad + tracksW, y: top, w: width - 3 * pad - tracksW, h: bottom - top },
        known,
        size,
      );
    }
    this.drawNews(g, { x: pad, y: bottom + pad / 2, w: width - 2 * pad, h: news }, known, size);
    this.drawClock(known);
  }

  /** The phase countdown, redrawn every half second ("untimed" when the session has no clock). */
  drawClock(known: Known | undefined): void {
    const decoded = known?.decoded;
    if (!decoded) return;
    const { width } = this.scene.scale;
    const pad = Math.max(12, width * 0.02);
    const size = px(Math.min(24, width / 50));
    const text =
      decoded.timed || decoded.phase === "ended" ? clockText(known) : t("table:canvas.untimed");
    if (!this.clock?.active)
      this.clock = this.scene.add
        .text(width - pad, pad, "", textStyle(size * 1.6, "#f0e442"))
        .setOrigin(1, 0);
    this.clock.setText(text);
  }

  /** The market chart, trust and the meters the seat may see, in a column beside or under the tracks. */
  private drawSide(g: Phaser.GameObjects.Graphics, box: Box, known: Known, size: number): void {
    const { view } = known;
    const chartH = Math.max(size * 3, box.h * 0.22);
    this.scene.add.text(
      box.x,
      box.y,
      t("table:canvas.market", {
        index: formatFixed(view.market.index, 1),
      }),
      textStyle(px(size * 0.85)),
    );
    const chart = { x: box.x, y: box.y + size * 1.4, w: box.w, h: chartH };
    g.lineStyle(1, COLORS.line).strokeRect(chart.x, chart.y, chart.w, chart.h);
    plotLine(g, chart, [...view.market.history, view.market.index], COLORS.sky);
    const trustY = chart.y + chart.h + size * 0.8;
    drawTrust(this.scene, g, { x: box.x, y: trustY, w: box.w, h: size * 2 }, view.trust, size);
    const metersY = trustY + size * 2.8;
    drawMeters(
      this.scene,
      g,
      { x: box.x, y: metersY, w: box.w, h: box.y + box.h - metersY },
      known,
      size,
    );
  }

  private drawTracks(
    g: Phaser.GameObjects.Graphics,
    box: Box,
    known: Known,
    draft: Levels | undefined,
    focus: string | undefined,
  ): void {
    const { x, y, w, h: hgt } = box;
    const { view, scenario } = known;
    const row = hgt / scenario.issues.length;
    const text = px(Math.min(18, row * 0.26));
    const pending = view.agreements
      .filter((a) => a.status === "pending")
      .flatMap((a) => Object.entries(a.levels));
    const open = view.proposals
      .filter((p) => p.status === "open")
      .flatMap((p) =>
        Object.entries(p.package.levels).filter(([id, level]) => view.levels[id] !== level),
      );
    const labelW = w * 0.3;
    const trackW = w * 0.26;
    const levelX = x + labelW + trackW + 12;
    const lines = Math.max(1, Math.floor((row - 4) / (text * 1.25)));
    const wrapped = (tx: number, ty: number, content: string, width: number, color: string) =>
      wrap(
        this.scene.add.text(tx, ty, content, textStyle(text, color)).setOrigin(0, 0.5),
        width,
      ).setMaxLines(lines);
    scenario.issues.forEach((issue, i) => {
      const y0 = y + row * i;
      const cy = y0 + row / 2;
      const color = teamColor(scenario, issue.holder);
      if (focus === issue.id) g.lineStyle(3, COLORS.gold).strokeRect(x - 4, y0 + 1, w + 4, row - 2);
      g.fillStyle(color).fillRect(x, y0 + row * 0.12, 5, row * 0.76);
      wrapped(x + 12, cy, issue.label, labelW - 16, "#f2f4f8");
      const current = view.levels[issue.id] ?? issue.start;
      const r = Math.max(5, Math.min(row * 0.16, 10));
      const x0 = x + labelW + r + 4;
      const step = (trackW - 2 * r - 8) / (issue.levels.length - 1);
      if (!issue.domestic)
        this.tracks.push({
          issue: issue.id,
          x0,
          step,
          levels: issue.levels.length,
          top: y0,
          bottom: y0 + row,
        });
      g.lineStyle(2, COLORS.line).lineBetween(x0, cy, x0 + step * (issue.levels.length - 1), cy);
      issue.levels.forEach((_, level) => {
        const cx = x0 + step * level;
        g.fillStyle(COLORS.bg).fillCircle(cx, cy, r);
        g.lineStyle(2, COLORS.muted).strokeCircle(cx, cy, r);
        if (level === issue.start) g.lineStyle(1, COLORS.ink).strokeCircle(cx, cy, r + 3);
      });
      g.fillStyle(color).fillCircle(x0 + step * current, cy, r);
      for (const [id, level] of open)
        if (id === issue.id) g.lineStyle(2, COLORS.sky).strokeCircle(x0 + step * level, cy, r + 5);
      for (const [id, level] of pending)
        if (id === issue.id) g.lineStyle(3, COLORS.ok).strokeCircle(x0 + step * level, cy, r + 6);
      const drafted = draft?.[issue.id] !== current ? draft?.[issue.id] : undefined;
      if (drafted !== undefined)
        g.lineStyle(3, COLORS.gold).strokeCircle(x0 + step * drafted, cy, r + 8);
      const threat = view.threats.find((t) => t.issue === issue.id);
      if (threat) {
        const tx = x0 + step * threat.level;
        g.fillStyle(COLORS.warn).fillTriangle(tx - r, cy - r - 8, tx + r, cy - r - 8, tx, cy - r);
      }
      const [label, tint] =
        drafted !== undefined
          ? [`→ ${levelLabel(scenario, issue.id, drafted)}`, "#f0e442"]
          : threat
            ? [
                t("table:canvas.threat", {
                  level: levelLabel(scenario, issue.id, current),
                  round: threat.round,
                  threat: levelLabel(scenario, issue.id, threat.level),
                }),
                "#e7a9cf",
              ]
            : [levelLabel(scenario, issue.id, current), "#c5cdda"];
      wrapped(levelX, cy, label, x + w - levelX, tint);
    });
  }

  /** The latest headline, wrapped to the strip under the board. */
  private drawNews(g: Phaser.GameObjects.Graphics, box: Box, known: Known, size: number): void {
    g.fillStyle(0x000000, 0.6).fillRect(box.x, box.y, box.w, box.h);
    const latest = known.view.news.at(-1);
    if (!latest) return;
    const text = px(size * 0.8);
    const lines = Math.floor((box.h - 8) / (text * 1.25));
    const ticker = this.scene.add.text(
      box.x + 8,
      box.y + 4,
      t(latest.text ? "table:canvas.newsText" : "table:canvas.news", {
        title: latest.title,
        text: latest.text,
      }),
      textStyle(text, "#f0e442"),
    );
    // One line runs on and is cut at the box's edge, however long the title.
    if (lines > 1) wrap(ticker, box.w - 16).setMaxLines(lines);
    else ticker.setCrop(0, 0, box.w - 16, box.h);
  }
}
