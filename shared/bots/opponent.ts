import type { Scenario } from "../scenario/schema.ts";
import { agreedLevels, type Levels } from "../state.ts";
import type { View } from "../view.ts";

/** How much an issue's weight grows each time the other side's offers leave it unchanged. */
export const UNCHANGED_BONUS = 0.2;

/**
 * What a bot believes the other side wants: a weight per issue and a value per level, both from 0
 * to 1. A frequency model in the style of HardHeaded (van Krimpen et al., ANAC 2011): the issues the
 * other side never gives ground on weigh most, and the levels it asks for most often are worth most.
 */
export type OpponentModel = {
  readonly weights: Readonly<Record<string, number>>;
  readonly values: Readonly<Record<string, readonly number[]>>;
};

/** The levels an offer of the other side would leave, against the levels agreed now. */
export function offeredLevels(view: View, levels: Levels): Levels {
  return { ...agreedLevels(view), ...levels };
}

/**
 * Learns the other side's model from its proposals and counters, oldest first. Before any offer,
 * every issue weighs the same and the other side is taken to want the level furthest from ours.
 */
export function frequencyModel(scenario: Scenario, view: View, team: string): OpponentModel {
  const negotiable = scenario.issues.filter((i) => !i.domestic);
  const offers = view.proposals
    .filter((p) => p.by !== team)
    .map((p) => offeredLevels(view, p.package.levels));
  const weights: Record<string, number> = {};
  const values: Record<string, number[]> = {};
  for (const issue of negotiable) {
    const mine = scenario.briefs[team]?.points[issue.id] ?? [];
    const best = mine.indexOf(Math.max(...mine));
    const counts = issue.levels.map((_, level) => (level === best ? 0 : Math.abs(level - best)));
    for (const offer of offers) {
      const level = offer[issue.id];
      if (level !== undefined) counts[level] = (counts[level] ?? 0) + issue.levels.length;
    }
    const top = Math.max(...counts, 1);
    values[issue.id] = counts.map((c) => c / top);
    weights[issue.id] = 1;
    offers.forEach((offer, k) => {
      const before = offers[k - 1];
      if (before && before[issue.id] === offer[issue.id])
        weights[issue.id] = (weights[issue.id] ?? 1) + UNCHANGED_BONUS;
    });
  }
  const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  for (const id of Object.keys(weights)) weights[id] = (weights[id] ?? 0) / total;
  return { weights, values };
}

/** What the model says a set of levels is worth to the other side, from 0 to 1. */
export function estimate(model: OpponentModel, levels: Levels): number {
  let value = 0;
  for (const [issue, weight] of Object.entries(model.weights))
    value += weight * (model.values[issue]?.[levels[issue] ?? 0] ?? 0);
  return value;
}
