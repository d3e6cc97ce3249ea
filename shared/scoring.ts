import { tenth } from "./rules/kit.ts";
import { meanPressure, metersFor } from "./rules/pressure.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { Board, Score } from "./state.ts";

/** A team's utility of an outcome by its brief's points, scaled so 0 is its worst outcome and 100 its best. */
export function utility(
  scenario: Scenario,
  team: string,
  levels: Readonly<Record<string, number>>,
): number {
  const points = scenario.briefs[team]?.points ?? {};
  let value = 0;
  let worst = 0;
  let best = 0;
  for (const issue of scenario.issues) {
    const row = points[issue.id] ?? [0];
    value += row[levels[issue.id] ?? issue.start] ?? 0;
    worst += Math.min(...row);
    best += Math.max(...row);
  }
  return best === worst ? 0 : tenth(((value - worst) / (best - worst)) * 100);
}

/** How many of a team's red lines an outcome crosses. */
export function redLinesCrossed(
  scenario: Scenario,
  team: string,
  levels: Readonly<Record<string, number>>,
): number {
  const lines = scenario.briefs[team]?.redLines ?? [];
  return lines.filter((line) => line.levels.includes(levels[line.issue] ?? -1)).length;
}

/**
 * A team's score (DESIGN: scoring): its brief's utility of the final levels, less its mean domestic
 * pressure times the scenario's weight, less a penalty per red line crossed, plus the summit bonus
 * when both leads endorsed the framework.
 */
export function scoreTeam(scenario: Scenario, board: Board, team: string): Score {
  const utilityValue = utility(scenario, team, board.levels);
  const pressure = meanPressure(metersFor(scenario, board, team));
  const endorsed = Object.values(board.teams).every((t) => t.endorsed === true);
  const summitBonus = endorsed ? scenario.scoring.summitBonus : 0;
  const crossed = redLinesCrossed(scenario, team, board.levels);
  const total = tenth(
    utilityValue -
      scenario.scoring.pressureWeight * pressure +
      summitBonus -
      scenario.scoring.redLinePenalty * crossed,
  );
  return { utility: utilityValue, pressure, summitBonus, redLinesCrossed: crossed, total };
}

/** Every team's score. */
export function scoreAll(scenario: Scenario, board: Board): Record<string, Score> {
  return Object.fromEntries(scenario.teams.map((t) => [t.id, scoreTeam(scenario, board, t.id)]));
}
