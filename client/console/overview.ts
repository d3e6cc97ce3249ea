import type * as Phaser from "phaser";
import { lastRound, meanPressure } from "../../shared/index.ts";
import { clockText, type Known } from "../board.ts";
import { plotLine } from "../charts.ts";
import { levelLabel } from "../describe.ts";
import { formatFixed, t } from "../i18n.ts";
import { COLORS, clearScene, px, teamColor, textStyle } from "../scenes/Screen.ts";
import { wrap } from "../wrap.ts";

/** A table as the console's overview draws it. */
export type TableCard = { readonly table: number; readonly known?: Known };

/** Every table of the class at a glance: round, phase, clock, deals, pressure, moved issues, market. */
export function drawOverview(
  scene: Phaser.Scene,
  cards: readonly TableCard[],
  selected: number,
): void {
  clearScene(scene);
  const { width, height } = scene.scale;
  const g = scene.add.graphics();
  g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
  const columns = Math.ceil(Math.sqrt(Math.max(1, cards.length)));
  const rows = Math.ceil(Math.max(1, cards.length) / columns);
  const pad = 16;
  const w = (width - pad * (columns + 1)) / columns;
  const hgt = (height - pad * (rows + 1)) / rows;
  const size = px(Math.min(22, w / 22));
  cards.forEach((card, i) => {
    const x = pad + (i % columns) * (w + pad);
    const y = pad + Math.floor(i / columns) * (hgt + pad);
    g.fillStyle(0x172234).fillRoundedRect(x, y, w, hgt, 12);
    g.lineStyle(
      i === selected ? 4 : 1,
      i === selected ? COLORS.gold : COLORS.line,
    ).strokeRoundedRect(x, y, w, hgt, 12);
    scene.add.text(
      x + 12,
      y + 10,
      t("console:overview.table", { table: card.table }),
      textStyle(size * 1.2),
    );
    const known = card.known;
    if (!known) return;
    const { view, scenario } = known;
    const clock = clockText(known);
    scene.add.text(
      x + 12,
      y + 12 + size * 1.5,
      t("console:overview.status", {
        round: view.round,
        last: lastRound(view),
        phase: t(`common:phase.${view.phase}`),
        paused: view.paused ? "yes" : "no",
        hasClock: clock ? "yes" : "no",
        clock,
      }),
      textStyle(size, "#c5cdda"),
    );
    const deals = view.agreements.filter((a) => a.status !== "snapped-back").length;
    scene.add.text(
      x + 12,
      y + 14 + size * 2.8,
      t("console:overview.counts", {
        deals,
        open: view.proposals.filter((p) => p.status === "open").length,
        market: formatFixed(view.market.index, 1),
      }),
      textStyle(size),
    );
    scenario.teams.forEach((team, k) => {
      const pressure = meanPressure(view.teams[team.id]?.private?.meters ?? {});
      const by = y + 20 + size * 4.3 + k * size * 1.5;
      const ready = view.teams[team.id]?.ready ? "yes" : "no";
      const label = t("console:overview.pressure", { team: team.name, ready });
      scene.add.text(x + 12, by, label, textStyle(px(size * 0.8)));
      g.fillStyle(COLORS.line).fillRect(x + 12 + (w - 24) * 0.5, by + 2, (w - 24) * 0.45, size);
      g.fillStyle(teamColor(scenario, team.id)).fillRect(
        x + 12 + (w - 24) * 0.5,
        by + 2,
        ((w - 24) * 0.45 * pressure) / 100,
        size,
      );
    });
    const moved = scenario.issues.filter((issue) => view.levels[issue.id] !== issue.start);
    const text = px(size * 0.75);
    wrap(
      scene.add.text(
        x + 12,
        y + 26 + size * 7.5,
        moved.length
          ? moved
              .map((issue) =>
                t("console:overview.moved", {
                  issue: issue.label,
                  level: levelLabel(scenario, issue.id, view.levels[issue.id]),
                }),
              )
              .join("\n")
          : t("console:overview.noMoves"),
        textStyle(text, "#c5cdda"),
      ),
      w - 24,
    ).setMaxLines(Math.max(1, Math.floor((hgt * 0.62 - size * 7.5) / (text * 1.2))));
    plotLine(
      g,
      { x: x + 12, y: y + hgt * 0.7 - 12, w: w - 24, h: hgt * 0.3 },
      [...view.market.history, view.market.index],
      COLORS.sky,
    );
  });
}
