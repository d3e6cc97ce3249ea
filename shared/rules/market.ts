import type { Scenario } from "../scenario/schema.ts";
import type { MatchState } from "../state.ts";
import { clamp, findIssue, tenth } from "./kit.ts";

/**
 * The percentage move of the market when issues change level (DESIGN: markets react at once):
 * each issue moves it by its `market` figure per full swing from the hardest level to the softest,
 * down for escalation, up for relief.
 */
export function marketReaction(
  scenario: Scenario,
  from: Readonly<Record<string, number>>,
  to: Readonly<Record<string, number>>,
): number {
  let percent = 0;
  for (const [id, level] of Object.entries(to)) {
    const issue = findIssue(scenario, id);
    const before = from[id];
    if (!issue || before === undefined) continue;
    percent += (issue.market * (level - before)) / (issue.levels.length - 1);
  }
  return percent;
}

/** Moves the market index by a percentage, at once. */
export function moveMarket(state: MatchState, percent: number): MatchState {
  if (percent === 0) return state;
  const index = tenth(clamp(state.market.index * (1 + percent / 100), 1, 1000));
  return { ...state, market: { ...state.market, index } };
}

/**
 * How much escalation stands in some levels: for each issue held harder than its start, its market
 * figure times the share of its full swing it has moved, in percent.
 */
export function escalation(scenario: Scenario, levels: Readonly<Record<string, number>>): number {
  let percent = 0;
  for (const issue of scenario.issues) {
    const level = levels[issue.id] ?? issue.start;
    if (level < issue.start)
      percent += (issue.market * (issue.start - level)) / (issue.levels.length - 1);
  }
  return percent;
}
