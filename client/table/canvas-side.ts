import type * as Phaser from "phaser";
import type { Known } from "../board.ts";
import type { Box } from "../charts.ts";
import { formatFixed, t } from "../i18n.ts";
import { COLORS, MIN_TEXT, px, textStyle } from "../scenes/Screen.ts";
import { wrap } from "../wrap.ts";

/** Trust between the teams as a bar from 0 to 100. */
export function drawTrust(
  scene: Phaser.Scene,
  g: Phaser.GameObjects.Graphics,
  box: Box,
  trust: number,
  size: number,
): void {
  scene.add.text(
    box.x,
    box.y,
    t("table:canvas.trust", { trust: Math.round(trust) }),
    textStyle(px(size * 0.85)),
  );
  const barY = box.y + px(size * 0.85) * 1.4;
  g.fillStyle(COLORS.line).fillRect(box.x, barY, box.w, size * 0.5);
  g.fillStyle(COLORS.ok).fillRect(box.x, barY, (box.w * trust) / 100, size * 0.5);
}

/** The pressure meters of every team whose private state the seat sees, with its capital. */
export function drawMeters(
  scene: Phaser.Scene,
  g: Phaser.GameObjects.Graphics,
  box: Box,
  known: Known,
  size: number,
): void {
  const { x, y, w, h: hgt } = box;
  const { view, scenario } = known;
  const teams = scenario.teams.filter((team) => view.teams[team.id]?.private);
  if (!teams.length) {
    wrap(scene.add.text(x, y, t("table:canvas.ownMeters"), textStyle(MIN_TEXT, "#c5cdda")), w);
    return;
  }
  const rows = teams.reduce(
    (n, team) => n + scenario.constituencies.filter((c) => c.team === team.id).length + 1.3,
    0,
  );
  const rowH = Math.max(MIN_TEXT * 2, Math.min(size * 2.2, hgt / rows));
  const label = px(Math.min(size * 0.8, rowH * 0.5));
  let cy = y;
  for (const team of teams) {
    const own = view.teams[team.id]?.private;
    if (!own) continue;
    scene.add.text(
      x,
      cy,
      t("table:canvas.pressure", {
        team: team.name,
        capital: formatFixed(own.capital),
      }),
      textStyle(label, "#c5cdda"),
    );
    cy += rowH * 1.1;
    for (const c of scenario.constituencies.filter((k) => k.team === team.id)) {
      const value = own.meters[c.id] ?? 0;
      scene.add.text(
        x,
        cy,
        t("table:canvas.meter", {
          label: c.label,
          value: formatFixed(value),
        }),
        textStyle(label),
      );
      const barY = cy + label * 1.25;
      const barH = Math.max(4, rowH - label * 1.5);
      g.fillStyle(COLORS.line).fillRect(x, barY, w, barH);
      g.fillStyle(value >= 70 ? COLORS.warn : value >= 50 ? COLORS.gold : COLORS.ok).fillRect(
        x,
        barY,
        (w * value) / 100,
        barH,
      );
      cy += rowH;
    }
    cy += rowH * 0.2;
  }
}
