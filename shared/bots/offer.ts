import type { CommitmentTerms, Package } from "../commands.ts";
import type { Scenario } from "../scenario/schema.ts";
import { crossedRedLines, utility } from "../scoring.ts";
import { agreedLevels, type Levels, lastRound, openThreats } from "../state.ts";
import type { View } from "../view.ts";
import { estimate, type OpponentModel } from "./opponent.ts";

/** How many candidate packages a bot weighs before it offers one. */
export const CANDIDATES = 6;
/** How much seeded noise tilts a bot's choice of the next concession (±, as a share). */
export const CONCESSION_NOISE = 0.3;

/** The level of an issue a team's brief likes best. */
function bestLevel(scenario: Scenario, team: string, issue: string): number {
  const row = scenario.briefs[team]?.points[issue] ?? [];
  return row.indexOf(Math.max(...row));
}

/**
 * One package worth at least `floor` to the bot: from its ideal levels it concedes one level at a
 * time where the other side gains most (by the model) for what the bot gives up, tilted by seeded
 * noise, never onto a level its red lines forbid, for as long as it stays above the floor.
 */
function concede(
  scenario: Scenario,
  team: string,
  start: Levels,
  floor: number,
  model: OpponentModel,
  random: () => number,
): Levels {
  const negotiable = scenario.issues.filter((i) => !i.domestic);
  const levels: Record<string, number> = { ...start };
  for (;;) {
    let best: { issue: string; level: number; score: number } | undefined;
    for (const issue of negotiable) {
      const at = levels[issue.id] ?? 0;
      const values = model.values[issue.id] ?? [];
      const wanted = values.indexOf(Math.max(...values));
      if (at === wanted) continue;
      const level = at + Math.sign(wanted - at);
      const next = { ...levels, [issue.id]: level };
      if (crossedRedLines(scenario, team, next).length) continue;
      const cost = utility(scenario, team, levels) - utility(scenario, team, next);
      const gain = estimate(model, next) - estimate(model, levels);
      const score =
        ((gain + 0.001) / (Math.max(0, cost) + 0.5)) * (1 + CONCESSION_NOISE * (2 * random() - 1));
      if (utility(scenario, team, next) >= floor && (!best || score > best.score))
        best = { issue: issue.id, level, score };
    }
    if (!best) return levels;
    levels[best.issue] = best.level;
  }
}

/**
 * Builds an offer worth at least `floor` to the bot's team (DESIGN: offers near the target the other
 * side likes best): several seeded concession paths from its ideal package, of which it offers the
 * one the opponent model values most. The package names only what it changes against the agreed
 * levels, and the threats it holds off.
 */
export function buildOffer(
  scenario: Scenario,
  view: View,
  team: string,
  floor: number,
  model: OpponentModel,
  random: () => number,
): Package {
  const agreed = agreedLevels(view);
  const negotiable = scenario.issues.filter((i) => !i.domestic);
  const ideal = {
    ...agreed,
    ...Object.fromEntries(negotiable.map((i) => [i.id, bestLevel(scenario, team, i.id)])),
  };
  const candidates = Array.from({ length: CANDIDATES }, () =>
    concede(scenario, team, ideal, floor, model, random),
  );
  const levels = candidates.reduce((best, c) =>
    estimate(model, c) > estimate(model, best) ? c : best,
  );
  const threats = openThreats(view);
  const changed = Object.fromEntries(
    negotiable
      .map((i) => [i.id, levels[i.id] ?? i.start] as const)
      .filter(
        ([id, level]) =>
          level !== agreed[id] || threats.some((t) => t.issue === id && t.level !== level),
      ),
  );
  const commitments = deliveries(scenario, view, changed);
  return { levels: changed, commitments, snapback: commitments.length > 0 };
}

/**
 * The deliveries a package's changed levels imply: for an issue delivered over time (soybeans), the
 * level's value in two instalments, in the first round after this one that is not before the summit's
 * implementation and in the last round.
 */
export function deliveries(
  scenario: Scenario,
  view: View,
  changed: Readonly<Record<string, number>>,
): CommitmentTerms[] {
  const last = lastRound(view);
  const first = Math.min(last, Math.max(view.round + 1, view.implementation ? view.rounds + 1 : 0));
  return scenario.issues.flatMap((issue) => {
    const level = changed[issue.id];
    const value = level === undefined ? 0 : (issue.levels[level]?.value ?? 0);
    if (!issue.delivery || value <= 0) return [];
    const instalments =
      first === last
        ? [{ round: first, amount: value }]
        : [
            { round: first, amount: value / 2 },
            { round: last, amount: value / 2 },
          ];
    return [{ issue: issue.id, by: issue.holder, instalments }];
  });
}
