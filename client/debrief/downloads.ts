import type * as Phaser from "phaser";
import { distanceToFrontier, outcome, paretoFrontier } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { h } from "../dom.ts";

/** Offers an address to the browser as a download under a file name. */
function offer(href: string, name: string): void {
  h("a", { href, download: name }).click();
}

/** Downloads the debrief's figures as CSV: one row per team per table. */
export function downloadCsv(tables: readonly Known[]): void {
  const header = [
    "table",
    "team",
    "utility",
    "pressure",
    "summit_bonus",
    "red_lines",
    "total",
    "distance_to_frontier",
  ];
  const rows = tables.flatMap(({ scenario, view }, i) => {
    const distance = distanceToFrontier(paretoFrontier(scenario), outcome(scenario, view.levels));
    return Object.entries(view.scores ?? {}).map(([team, s]) => [
      i + 1,
      team,
      s.utility,
      s.pressure,
      s.summitBonus,
      s.redLinesCrossed,
      s.total,
      distance,
    ]);
  });
  const csv = [header, ...rows].map((r) => r.join(",")).join("\n");
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  offer(url, "trade-truce-debrief.csv");
  URL.revokeObjectURL(url);
}

/** What the canvas shows, as a PNG image's address. */
export function snapshot(game: Phaser.Game): Promise<string | undefined> {
  return new Promise((resolve) =>
    game.renderer.snapshot((image) =>
      resolve(image instanceof HTMLImageElement ? image.src : undefined),
    ),
  );
}

/** Downloads what the canvas shows as a PNG image. */
export async function downloadPng(game: Phaser.Game): Promise<void> {
  const src = await snapshot(game);
  if (src) offer(src, "trade-truce-debrief.png");
}
