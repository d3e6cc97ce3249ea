import { tenth } from "./rules/kit.ts";
import { meanPressure, metersFor } from "./rules/pressure.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { Board, Levels, Score } from "./state.ts";

/** A team's utility of an outcome by its brief's points, scaled so 0 is its worst outcome and 100 its best. */
export function utility(scenario: Scenario, team: string, levels: Levels): number {
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

/** The issues of a team's red lines that an outcome crosses. */
export function crossedRedLines(scenario: Scenario, team: string, levels: Levels): string[] {
  const lines = scenario.briefs[team]?.redLines ?? [];
  return lines.filter((line) => line.levels.includes(levels[line.issue] ?? -1)).map((l) => l.issue);
}

/** The mean of some numbers, to a tenth; `fallback` when there are none. */
function mean(values: readonly number[], fallback: number): number {
  return values.length ? tenth(values.reduce((a, b) => a + b, 0) / values.length) : fallback;
}

/** A team's utility over the match: its brief's value of the levels in force, averaged over the rounds played. */
export function pathUtility(scenario: Scenario, board: Board, team: string): number {
  return mean(
    board.levelHistory.map((levels) => utility(scenario, team, levels)),
    utility(scenario, team, board.levels),
  );
}

/** What a team owes for compliance: breaches it committed and deliveries it owed and did not make. */
export function compliancePenalty(scenario: Scenario, board: Board, team: string): number {
  const breaches = board.breaches.filter((b) => b.team === team).length;
  const missed = board.agreements
    .flatMap((a) => a.commitments)
    .filter((c) => c.by === team)
    .flatMap((c) => c.instalments)
    .reduce((sum, i) => sum + (i.delivered === undefined ? 0 : 1 - i.delivered), 0);
  const { breachPenalty, missPenalty } = scenario.scoring;
  return -tenth(breaches * breachPenalty + missed * missPenalty) || 0;
}

/**
 * A team's score (DESIGN: scoring counts the path): the utility of the levels in force in every
 * round, less its domestic pressure over the rounds times the scenario's weight, less a penalty per
 * red line crossed by what it signed or endorsed, plus the summit bonus when the leaders endorsed an
 * agreement in force at the summit, less what breaches and missed deliveries cost.
 */
export function scoreTeam(scenario: Scenario, board: Board, team: string): Score {
  const own = board.teams[team]?.private;
  const utilityValue = pathUtility(scenario, board, team);
  const pressure = mean(own?.pressureHistory ?? [], meanPressure(metersFor(scenario, board, team)));
  const summitBonus = board.framework === "endorsed" ? scenario.scoring.summitBonus : 0;
  const crossed = own?.redLines.length ?? 0;
  const compliance = compliancePenalty(scenario, board, team);
  const total = tenth(
    utilityValue -
      scenario.scoring.pressureWeight * pressure +
      summitBonus -
      scenario.scoring.redLinePenalty * crossed +
      compliance,
  );
  return {
    utility: utilityValue,
    pressure,
    redLinesCrossed: crossed,
    summitBonus,
    compliance,
    total,
    constituencies: constituencyScores(scenario, board, team),
  };
}

/**
 * How each of a team's constituencies fared (a wild card's score): 100 less its mean meter at the
 * close of every round, or less its meter now before any round has closed.
 */
export function constituencyScores(
  scenario: Scenario,
  board: Board,
  team: string,
): Record<string, number> {
  const history = board.teams[team]?.private?.meterHistory ?? [];
  const now = metersFor(scenario, board, team);
  return Object.fromEntries(
    Object.keys(now).map((id) => [
      id,
      tenth(
        100 -
          mean(
            history.map((meters) => meters[id] ?? 0),
            now[id] ?? 0,
          ),
      ),
    ]),
  );
}

/** A score split into the signed points each part adds to the total. */
export function scoreParts(
  scenario: Scenario,
  score: Score,
): Readonly<Record<"utility" | "pressure" | "redLines" | "summit" | "compliance", number>> {
  return {
    utility: score.utility,
    pressure: tenth(-scenario.scoring.pressureWeight * score.pressure),
    redLines: tenth(-scenario.scoring.redLinePenalty * score.redLinesCrossed),
    summit: score.summitBonus,
    compliance: score.compliance,
  };
}

/** Every team's score. */
export function scoreAll(scenario: Scenario, board: Board): Record<string, Score> {
  return Object.fromEntries(scenario.teams.map((t) => [t.id, scoreTeam(scenario, board, t.id)]));
}
