import { applyCommand } from "./apply.ts";
import type { Scenario } from "./scenario/schema.ts";
import { pathUtility, utility } from "./scoring.ts";
import { type Board, createMatch, type MatchState, type Settings } from "./state.ts";

/** An outcome (a level for every issue) and what it is worth to each team, 0–100 by their briefs. */
export type OutcomePoint = {
  readonly levels: Readonly<Record<string, number>>;
  readonly utilities: readonly [number, number];
};

type Partial2 = { levels: Record<string, number>; a: number; b: number };

/** Keeps the points no other point beats for both teams (ties in both keep the first). */
function prune(points: Partial2[]): Partial2[] {
  const sorted = [...points].sort((p, q) => q.a - p.a || q.b - p.b);
  const kept: Partial2[] = [];
  let bestB = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    if (p.b > bestB) {
      kept.push(p);
      bestB = p.b;
    }
  }
  return kept;
}

/**
 * The Pareto frontier of the scenario's outcome space by the two briefs' utilities, sorted by the
 * first team's utility, descending. Utilities add up over issues, so the frontier is built issue by
 * issue, pruning dominated partial outcomes as it goes, instead of enumerating every combination.
 */
export function paretoFrontier(scenario: Scenario): readonly OutcomePoint[] {
  const [first, second] = scenario.teams;
  if (!first || !second) return [];
  let frontier: Partial2[] = [{ levels: {}, a: 0, b: 0 }];
  for (const issue of scenario.issues.filter((i) => !i.domestic)) {
    const pa = scenario.briefs[first.id]?.points[issue.id] ?? [];
    const pb = scenario.briefs[second.id]?.points[issue.id] ?? [];
    frontier = prune(
      frontier.flatMap((p) =>
        issue.levels.map((_, level) => ({
          levels: { ...p.levels, [issue.id]: level },
          a: p.a + (pa[level] ?? 0),
          b: p.b + (pb[level] ?? 0),
        })),
      ),
    );
  }
  return frontier.map((p) => outcome(scenario, p.levels));
}

/** An outcome's point in utility space. */
export function outcome(
  scenario: Scenario,
  levels: Readonly<Record<string, number>>,
): OutcomePoint {
  const [first, second] = scenario.teams;
  return {
    levels,
    utilities: [
      utility(scenario, first?.id ?? "", levels),
      utility(scenario, second?.id ?? "", levels),
    ],
  };
}

/**
 * What a match yields with no agreement (DESIGN: the no-deal point): the match played through every
 * phase with no command but the facilitator's, so threats fire on their dates, scheduled lapses
 * happen, and markets and pressure move as the rules say. The ended state carries the scores.
 */
export function noDealMatch(scenario: Scenario, settings: Settings, seed: number): MatchState {
  let state = createMatch(scenario, settings, seed);
  for (let guard = 0; state.phase !== "ended"; guard++) {
    const type = state.phase === "setup" ? "match/start" : "phase/advance";
    const outcome = applyCommand(scenario, state, {
      actor: { kind: "facilitator" },
      intent: { type },
    });
    if (!outcome.ok || guard > 1000) throw new Error(`A match without a deal stalled: ${type}`);
    state = outcome.state;
  }
  return state;
}

/**
 * The disagreement point in the scores' utility terms: each team's brief value of the levels in
 * force, averaged over every round, when no agreement is ever made. The seed only matters for a
 * scenario whose drawn events carry threats.
 */
export function disagreement(scenario: Scenario, settings: Settings, seed = 0): OutcomePoint {
  return matchPoint(scenario, noDealMatch(scenario, settings, seed));
}

/** A match's point in utility space: each team's utility over the rounds played (the scores' utility part). */
export function matchPoint(scenario: Scenario, state: Board): OutcomePoint {
  const [first = 0, second = 0] = scenario.teams.map((t) => pathUtility(scenario, state, t.id));
  return { levels: state.levels, utilities: [first, second] };
}

/** The settings a scenario plays by default: all its negotiation and implementation rounds. */
export function defaultSettings(scenario: Scenario): Settings {
  return { rounds: scenario.rounds.length, implementation: scenario.implementation.length };
}

function gains(point: OutcomePoint, d: OutcomePoint): [number, number] {
  return [point.utilities[0] - d.utilities[0], point.utilities[1] - d.utilities[1]];
}

/** The Nash bargaining point: the frontier outcome that maximises the product of both teams' gains. */
export function nashPoint(
  frontier: readonly OutcomePoint[],
  d: OutcomePoint,
): OutcomePoint | undefined {
  let best: OutcomePoint | undefined;
  let bestProduct = -1;
  for (const point of frontier) {
    const [ga, gb] = gains(point, d);
    if (ga < 0 || gb < 0) continue;
    if (ga * gb > bestProduct) {
      best = point;
      bestProduct = ga * gb;
    }
  }
  return best;
}

/**
 * The Kalai–Smorodinsky point: the frontier outcome where both teams reach the same share of their
 * best possible gain (maximising the smaller share).
 */
export function kalaiPoint(
  frontier: readonly OutcomePoint[],
  d: OutcomePoint,
): OutcomePoint | undefined {
  const feasible = frontier.filter((p) => gains(p, d).every((g) => g >= 0));
  const ideal = [0, 1].map((k) => Math.max(...feasible.map((p) => gains(p, d)[k] ?? 0)));
  let best: OutcomePoint | undefined;
  let bestShare = -1;
  for (const point of feasible) {
    const share = Math.min(
      ...gains(point, d).map((g, k) => ((ideal[k] ?? 0) > 0 ? g / (ideal[k] ?? 1) : 1)),
    );
    if (share > bestShare) {
      best = point;
      bestShare = share;
    }
  }
  return best;
}

/**
 * How far an outcome lies inside the frontier: the shortest distance in utility points from it to
 * the frontier's line (0 for an outcome on it).
 */
export function distanceToFrontier(frontier: readonly OutcomePoint[], point: OutcomePoint): number {
  const [x, y] = point.utilities;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < frontier.length; i++) {
    const p = frontier[i]?.utilities;
    const q = frontier[i + 1]?.utilities ?? p;
    if (!p || !q) continue;
    const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
    const length = dx * dx + dy * dy;
    const t =
      length === 0 ? 0 : Math.max(0, Math.min(1, ((x - p[0]) * dx + (y - p[1]) * dy) / length));
    best = Math.min(best, Math.hypot(x - (p[0] + t * dx), y - (p[1] + t * dy)));
  }
  const dominated = frontier.some((f) => f.utilities[0] >= x && f.utilities[1] >= y);
  return dominated ? Math.round(best * 10) / 10 : 0;
}
