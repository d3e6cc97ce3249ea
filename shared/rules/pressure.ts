import type { Scenario } from "../scenario/schema.ts";
import type { Board, MatchState } from "../state.ts";
import { clamp, tenth, updatePrivate } from "./kit.ts";

/**
 * A team's constituency meters for given issue levels (DESIGN: domestic pressure): each meter is its
 * start, plus how far each driving issue has moved from its start level, plus market losses, plus
 * the shocks of events and deliveries, within 0–100.
 */
export function metersFor(
  scenario: Scenario,
  board: Board,
  team: string,
  levels: Readonly<Record<string, number>> = board.levels,
): Record<string, number> {
  const shocks = board.teams[team]?.private?.shocks ?? {};
  const marketLoss = scenario.market.start - board.market.index;
  const meters: Record<string, number> = {};
  for (const c of scenario.constituencies) {
    if (c.team !== team) continue;
    let value = c.start + c.market * marketLoss + (shocks[c.id] ?? 0);
    for (const driver of c.drivers) {
      const start = scenario.issues.find((i) => i.id === driver.issue)?.start ?? 0;
      const level = levels[driver.issue] ?? start;
      value += (driver.perLevel[level] ?? 0) - (driver.perLevel[start] ?? 0);
    }
    meters[c.id] = tenth(clamp(value, 0, 100));
  }
  return meters;
}

/** The mean of a team's meters: its overall domestic pressure. */
export function meanPressure(meters: Readonly<Record<string, number>>): number {
  const values = Object.values(meters);
  return values.length ? tenth(values.reduce((a, b) => a + b, 0) / values.length) : 0;
}

/** Recomputes every team's meters, keeping a team's objects untouched where nothing moved. */
export function refreshMeters(scenario: Scenario, state: MatchState): MatchState {
  let next = state;
  for (const team of scenario.teams) {
    const meters = metersFor(scenario, next, team.id);
    const current = next.teams[team.id]?.private?.meters ?? {};
    if (Object.entries(meters).every(([id, value]) => current[id] === value)) continue;
    next = updatePrivate(next, team.id, (own) => ({ ...own, meters }));
  }
  return next;
}

/** Adds shocks to constituencies (of either team), as events and deliveries do. */
export function addShocks(
  scenario: Scenario,
  state: MatchState,
  shocks: Readonly<Record<string, number>>,
  scale = 1,
): MatchState {
  let next = state;
  for (const [id, delta] of Object.entries(shocks)) {
    const team = scenario.constituencies.find((c) => c.id === id)?.team;
    if (!team || delta === 0) continue;
    next = updatePrivate(next, team, (own) => ({
      ...own,
      shocks: { ...own.shocks, [id]: tenth((own.shocks[id] ?? 0) + delta * scale) },
    }));
  }
  return next;
}

/** Halves every shock at the end of a round: news fades, levels stay. */
export function fadeShocks(scenario: Scenario, state: MatchState): MatchState {
  let next = state;
  for (const team of scenario.teams) {
    next = updatePrivate(next, team.id, (own) => ({
      ...own,
      shocks: Object.fromEntries(Object.entries(own.shocks).map(([id, v]) => [id, tenth(v / 2)])),
    }));
  }
  return next;
}
