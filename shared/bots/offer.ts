import type { CommitmentTerms, Package } from "../commands.ts";
import type { Scenario } from "../scenario/schema.ts";
import { utility } from "../scoring.ts";
import { agreedLevels, lastRound, openThreats } from "../state.ts";
import type { View } from "../view.ts";

/** The level of an issue a team's brief likes best. */
function bestLevel(scenario: Scenario, team: string, issue: string): number {
  const row = scenario.briefs[team]?.points[issue] ?? [];
  return row.indexOf(Math.max(...row));
}

/**
 * What the other side seems to want on each issue, learned from its offers: the level it asked for
 * most recently, or else the level furthest from ours.
 */
export function opponentModel(
  scenario: Scenario,
  view: View,
  team: string,
): Record<string, number> {
  const model: Record<string, number> = {};
  for (const issue of scenario.issues.filter((i) => !i.domestic)) {
    const mine = bestLevel(scenario, team, issue.id);
    model[issue.id] = mine === 0 ? issue.levels.length - 1 : 0;
  }
  for (const proposal of view.proposals.filter((p) => p.by !== team))
    for (const [issue, level] of Object.entries(proposal.package.levels)) model[issue] = level;
  return model;
}

/**
 * Builds an offer worth at least `floor` to the bot's team: it starts from its ideal package and
 * gives way, one level at a time, on the issues where moving towards what the other side wants costs
 * it least, for as long as it stays above the floor. The package names only what it changes against
 * the agreed levels, and the threats it holds off.
 */
export function buildOffer(scenario: Scenario, view: View, team: string, floor: number): Package {
  const wanted = opponentModel(scenario, view, team);
  const agreed = agreedLevels(view);
  const negotiable = scenario.issues.filter((i) => !i.domestic);
  const levels: Record<string, number> = {
    ...agreed,
    ...Object.fromEntries(negotiable.map((i) => [i.id, bestLevel(scenario, team, i.id)])),
  };
  for (;;) {
    let best: { issue: string; level: number; cost: number } | undefined;
    for (const issue of negotiable) {
      const at = levels[issue.id] ?? 0;
      const goal = wanted[issue.id] ?? at;
      if (at === goal) continue;
      const level = at + Math.sign(goal - at);
      const cost =
        utility(scenario, team, levels) - utility(scenario, team, { ...levels, [issue.id]: level });
      if (!best || cost < best.cost) best = { issue: issue.id, level, cost };
    }
    if (!best) break;
    const next = { ...levels, [best.issue]: best.level };
    if (utility(scenario, team, next) < floor) break;
    levels[best.issue] = best.level;
  }
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
