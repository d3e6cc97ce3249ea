import {
  distanceToFrontier,
  matchPoint,
  nashPoint,
  type OutcomePoint,
  outcome,
  paretoFrontier,
} from "./analysis.ts";
import { type BeliefReport, issueWeights } from "./preparation.ts";
import { otherTeam } from "./rules/kit.ts";
import type { Scenario } from "./scenario/schema.ts";
import { type Board, hasAgreement, type Levels } from "./state.ts";

/** A trade both teams would have gained from: new levels for some issues, and each team's gain. */
export type Trade = { readonly levels: Levels; readonly gains: readonly [number, number] };

/**
 * The best trade left on the table at an outcome: one or two issues moved (each to any level) so
 * that both teams gain, the smaller gain as large as it can be; undefined when no such trade exists.
 */
export function bestTrade(scenario: Scenario, levels: Levels): Trade | undefined {
  const base = outcome(scenario, levels).utilities;
  const moves = scenario.issues
    .filter((i) => !i.domestic)
    .flatMap((i) =>
      i.levels.map((_, level) => ({ [i.id]: level })).filter((m) => m[i.id] !== levels[i.id]),
    );
  let best: Trade | undefined;
  const consider = (change: Levels) => {
    const [a = 0, b = 0] = outcome(scenario, { ...levels, ...change }).utilities;
    const gains = [
      Math.round((a - base[0]) * 10) / 10,
      Math.round((b - base[1]) * 10) / 10,
    ] as const;
    if (gains[0] > 0 && gains[1] > 0 && (!best || Math.min(...gains) > Math.min(...best.gains)))
      best = { levels: change, gains };
  };
  moves.forEach((first, i) => {
    consider(first);
    for (const second of moves.slice(i + 1))
      if (Object.keys(first)[0] !== Object.keys(second)[0]) consider({ ...first, ...second });
  });
  return best;
}

const label = (scenario: Scenario, id: string) =>
  scenario.issues.find((i) => i.id === id)?.label ?? id;
const levelText = (scenario: Scenario, id: string, level: number | undefined) =>
  scenario.issues.find((i) => i.id === id)?.levels[level ?? -1]?.label ?? "";
const name = (scenario: Scenario, team: string) =>
  scenario.teams.find((t) => t.id === team)?.name ?? team;

/** The issue a team's brief weighs most. */
function topIssue(scenario: Scenario, team: string): string {
  const weights = Object.entries(issueWeights(scenario, team)).sort(([, a], [, b]) => b - a);
  return weights[0]?.[0] ?? "";
}

/**
 * The debrief's questions for one table (DESIGN: the debrief), written from its match: the value
 * its deal left on the table and the trade that would have taken it, the bottom lines each team
 * guessed against the true ones, whether each read the other's priorities, and the real outcome.
 */
export function debriefQuestions(
  scenario: Scenario,
  board: Board,
  noDeal: OutcomePoint,
  beliefs: BeliefReport,
): string[] {
  const questions: string[] = [];
  const frontier = paretoFrontier(scenario);
  const point = matchPoint(scenario, board);
  const [first, second] = scenario.teams.map((t) => t.id);
  if (!first || !second) return questions;
  if (!hasAgreement(board)) {
    const nash = nashPoint(frontier, noDeal);
    questions.push(
      `You ended without an agreement: no deal was worth ${noDeal.utilities[0]} to ${name(scenario, first)} and ${noDeal.utilities[1]} to ${name(scenario, second)}${nash ? `, while the Nash point offered ${nash.utilities[0]} and ${nash.utilities[1]}` : ""}. What stopped a deal, and who paid most for it?`,
    );
  } else {
    const left = distanceToFrontier(frontier, point);
    const trade = bestTrade(scenario, board.levels);
    questions.push(
      trade
        ? `Your deal left ${left} points on the table. Moving ${Object.entries(trade.levels)
            .map(([id, level]) => `${label(scenario, id)} to “${levelText(scenario, id, level)}”`)
            .join(
              " and ",
            )} would have given ${name(scenario, first)} +${trade.gains[0]} and ${name(scenario, second)} +${trade.gains[1]}: which side could have offered it, and why did nobody?`
        : `Your deal left ${left} points on the table, and no trade of one or two issues would have gained both sides: what made the deal efficient, and was it fair?`,
    );
  }
  for (const team of [first, second]) {
    const other = otherTeam(scenario, team);
    const read = beliefs.teams[team];
    if (read?.theirReservation)
      questions.push(
        `${name(scenario, team)} put ${name(scenario, other)}'s bottom line at ${read.theirReservation.estimate}; it was ${read.theirReservation.actual}. How did that guess shape what ${name(scenario, team)} offered?`,
      );
    if (read?.theirPriorities !== undefined)
      questions.push(
        `${name(scenario, team)} read ${name(scenario, other)}'s priorities with a rank correlation of ${read.theirPriorities} (1 is perfect). ${name(scenario, other)}'s brief weighed ${label(scenario, topIssue(scenario, other))} most: what did ${name(scenario, other)} say or do that showed it, or hid it?`,
      );
  }
  questions.push(
    `The real talks ended with the ${scenario.reference.label} (${scenario.reference.date}). Where does your deal differ from it, and which side's domestic pressure explains the difference?`,
  );
  return questions;
}
