import {
  distanceToFrontier,
  matchPoint,
  nashPoint,
  type OutcomePoint,
  outcome,
  paretoFrontier,
} from "./analysis.ts";
import { type BeliefReport, issueWeights } from "./preparation.ts";
import { type EventValues, otherTeam } from "./rules/kit.ts";
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
 * A question for the debrief: its text in English, and the kind of question and values (ids and
 * numbers, as an event's) it was written from, from which a page writes it in its own language.
 */
export type Question = {
  readonly kind: string;
  readonly values: EventValues;
  readonly text: string;
};

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
): Question[] {
  const questions: Question[] = [];
  const frontier = paretoFrontier(scenario);
  const point = matchPoint(scenario, board);
  const [first, second] = scenario.teams.map((t) => t.id);
  if (!first || !second) return questions;
  const ask = (kind: string, values: EventValues, text: string) =>
    questions.push({ kind, values, text });
  const [a, b] = [name(scenario, first), name(scenario, second)];
  if (!hasAgreement(board)) {
    const nash = nashPoint(frontier, noDeal);
    const [worthA = 0, worthB = 0] = noDeal.utilities;
    const [nashA = 0, nashB = 0] = nash?.utilities ?? [];
    ask(
      "noDeal",
      { team: first, other: second, worthA, worthB, nash: nash ? "yes" : "no", nashA, nashB },
      `You ended without an agreement: no deal was worth ${worthA} to ${a} and ${worthB} to ${b}${nash ? `, while the Nash point offered ${nashA} and ${nashB}` : ""}. What stopped a deal, and who paid most for it?`,
    );
  } else {
    const left = distanceToFrontier(frontier, point);
    const trade = bestTrade(scenario, board.levels);
    const [one, two] = Object.entries(trade?.levels ?? {});
    if (trade && one) {
      const [gainA, gainB] = trade.gains;
      const move = ([id, level]: [string, number]) =>
        `${label(scenario, id)} to “${levelText(scenario, id, level)}”`;
      ask(
        "trade",
        {
          left,
          team: first,
          other: second,
          gainA,
          gainB,
          issue: one[0],
          level: one[1],
          moves: two ? "two" : "one",
          ...(two && { issue2: two[0], level2: two[1] }),
        },
        `Your deal left ${left} points on the table. Moving ${[one, two]
          .flatMap((m) => (m ? [move(m)] : []))
          .join(
            " and ",
          )} would have given ${a} +${gainA} and ${b} +${gainB}: which side could have offered it, and why did nobody?`,
      );
    } else
      ask(
        "efficient",
        { left },
        `Your deal left ${left} points on the table, and no trade of one or two issues would have gained both sides: what made the deal efficient, and was it fair?`,
      );
  }
  for (const team of [first, second]) {
    const other = otherTeam(scenario, team);
    const [us, them] = [name(scenario, team), name(scenario, other)];
    const read = beliefs.teams[team];
    if (read?.theirReservation) {
      const { estimate, actual } = read.theirReservation;
      ask(
        "reservation",
        { team, other, estimate, actual },
        `${us} put ${them}'s bottom line at ${estimate}; it was ${actual}. How did that guess shape what ${us} offered?`,
      );
    }
    if (read?.theirPriorities !== undefined) {
      const issue = topIssue(scenario, other);
      ask(
        "priorities",
        { team, other, correlation: read.theirPriorities, issue },
        `${us} read ${them}'s priorities with a rank correlation of ${read.theirPriorities} (1 is perfect). ${them}'s brief weighed ${label(scenario, issue)} most: what did ${them} say or do that showed it, or hid it?`,
      );
    }
  }
  ask(
    "reference",
    {},
    `The real talks ended with the ${scenario.reference.label} (${scenario.reference.date}). Where does your deal differ from it, and which side's domestic pressure explains the difference?`,
  );
  return questions;
}
