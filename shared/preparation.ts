import type { OutcomePoint } from "./analysis.ts";
import type { Worksheet } from "./commands.ts";
import { otherTeam, tenth } from "./rules/kit.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { Levels } from "./state.ts";

/**
 * How much each issue matters to a team, by its brief: the spread of its points over the issue's
 * levels (what moving the issue from its worst level to its best is worth).
 */
export function issueWeights(scenario: Scenario, team: string): Record<string, number> {
  const points = scenario.briefs[team]?.points ?? {};
  return Object.fromEntries(
    scenario.issues.map((issue) => {
      const row = points[issue.id] ?? [0];
      return [issue.id, Math.max(...row) - Math.min(...row)];
    }),
  );
}

/** Ranks from 1 (smallest), ties sharing the mean of the ranks they span. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    for (let k = start; k <= end; k++) result[order[k]?.index ?? 0] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return result;
}

/**
 * Spearman's rank correlation of two lists of the same length (the Pearson correlation of their
 * ranks, ties averaged), from −1 to 1; undefined for fewer than two pairs or a list of equal values.
 */
export function rankCorrelation(a: readonly number[], b: readonly number[]): number | undefined {
  if (a.length !== b.length || a.length < 2) return undefined;
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (a.length + 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [(ra[i] ?? 0) - mean, (rb[i] ?? 0) - mean];
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va && vb ? Math.round((cov / Math.sqrt(va * vb)) * 100) / 100 : undefined;
}

/** An estimate on a brief's 0–100 scale against the true value. */
export type Estimate = {
  readonly estimate: number;
  readonly actual: number;
  readonly error: number;
};

/**
 * What a worksheet got right (DESIGN: the debrief scores how well each team read the other): rank
 * correlations of the ratings with the briefs' true weights, for the seat's own team and the other;
 * the two bottom lines (the value of no deal) against the true no-deal point; and `prediction`,
 * from 0 to 100, how close the predicted levels came to those in force at the end.
 */
export type BeliefScore = {
  readonly ownPriorities?: number;
  readonly theirPriorities?: number;
  readonly reservation?: Estimate;
  readonly theirReservation?: Estimate;
  readonly prediction?: number;
};

/** The correlation of a seat's ratings with a team's true weights, over the issues it rated. */
function readOf(
  scenario: Scenario,
  ratings: Readonly<Record<string, number>>,
  team: string,
): number | undefined {
  const weights = issueWeights(scenario, team);
  const rated = Object.keys(ratings).filter((id) => id in weights);
  return rankCorrelation(
    rated.map((id) => ratings[id] ?? 0),
    rated.map((id) => weights[id] ?? 0),
  );
}

function estimate(value: number | undefined, actual: number): Estimate | undefined {
  return value === undefined
    ? undefined
    : { estimate: value, actual, error: tenth(Math.abs(value - actual)) };
}

/**
 * Scores one seat's worksheet against the briefs, the no-deal point (utilities in the scenario's
 * team order) and the levels in force at the end.
 */
export function scoreWorksheet(
  scenario: Scenario,
  team: string,
  worksheet: Worksheet,
  noDeal: OutcomePoint,
  final: Levels,
): BeliefScore {
  const other = otherTeam(scenario, team);
  const floor = (id: string) => noDeal.utilities[scenario.teams.findIndex((t) => t.id === id)] ?? 0;
  const predicted = Object.entries(worksheet.prediction).flatMap(([id, level]) => {
    const issue = scenario.issues.find((i) => i.id === id);
    return issue
      ? [1 - Math.abs(level - (final[id] ?? issue.start)) / (issue.levels.length - 1)]
      : [];
  });
  return {
    ownPriorities: readOf(scenario, worksheet.priorities, team),
    theirPriorities: readOf(scenario, worksheet.theirPriorities, other),
    reservation: estimate(worksheet.reservation, floor(team)),
    theirReservation: estimate(worksheet.theirReservation, floor(other)),
    prediction: predicted.length
      ? Math.round((predicted.reduce((a, b) => a + b, 0) / predicted.length) * 100)
      : undefined,
  };
}

/** A team's belief scores: each figure the mean over its seats' worksheets that gave it. */
export function teamBeliefs(scores: readonly BeliefScore[]): BeliefScore {
  const meanOf = (pick: (s: BeliefScore) => number | undefined, digits = 1) => {
    const values = scores.map(pick).filter((v): v is number => v !== undefined);
    return values.length
      ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * digits) / digits
      : undefined;
  };
  const meanEstimate = (pick: (s: BeliefScore) => Estimate | undefined): Estimate | undefined => {
    const given = scores.map(pick).filter((e): e is Estimate => e !== undefined);
    const first = given[0];
    if (!first) return undefined;
    return {
      estimate: tenth(given.reduce((a, e) => a + e.estimate, 0) / given.length),
      actual: first.actual,
      error: tenth(given.reduce((a, e) => a + e.error, 0) / given.length),
    };
  };
  return {
    ownPriorities: meanOf((s) => s.ownPriorities, 100),
    theirPriorities: meanOf((s) => s.theirPriorities, 100),
    reservation: meanEstimate((s) => s.reservation),
    theirReservation: meanEstimate((s) => s.theirReservation),
    prediction: meanOf((s) => s.prediction),
  };
}

/** Every worksheet's scores, by seat, and each team's mean. */
export type BeliefReport = {
  readonly seats: Readonly<Record<string, BeliefScore>>;
  readonly teams: Readonly<Record<string, BeliefScore>>;
};

/** Scores the worksheets of a match against its briefs, the no-deal point and the levels at the end. */
export function beliefReport(
  scenario: Scenario,
  worksheets: Readonly<Record<string, Worksheet>>,
  noDeal: OutcomePoint,
  final: Levels,
): BeliefReport {
  const seats = Object.fromEntries(
    Object.entries(worksheets).map(([key, worksheet]) => [
      key,
      scoreWorksheet(scenario, key.split(":")[0] ?? "", worksheet, noDeal, final),
    ]),
  );
  const teams = Object.fromEntries(
    scenario.teams.map((team) => [
      team.id,
      teamBeliefs(
        Object.entries(seats)
          .filter(([key]) => key.startsWith(`${team.id}:`))
          .map(([, score]) => score),
      ),
    ]),
  );
  return { seats, teams };
}
