import {
  distanceToFrontier,
  kalaiPoint,
  matchPoint,
  nashPoint,
  noDealMatch,
  type OutcomePoint,
  outcome,
  paretoFrontier,
} from "./analysis.ts";
import type { Head, MatchLog } from "./log.ts";
import type { Scenario } from "./scenario/schema.ts";
import { scoreParts, utility } from "./scoring.ts";
import type { Board, MatchState, Score } from "./state.ts";

/** What one team promised to deliver, and what it did. */
export type Compliance = {
  readonly promised: number;
  readonly delivered: number;
  readonly rate: number | null;
};

/** A score's signed parts, which add up to its total. */
export type ScoreParts = ReturnType<typeof scoreParts>;

/**
 * The analysis of one match: its outcome against the frontier, the bargaining solutions and the real
 * deal. Utilities are the scores' utility part (the levels in force averaged over every round); the
 * frontier, Nash and Kalai are deals in force from the first round, the no-deal point is the match
 * played with no agreement.
 */
export type MatchReport = {
  readonly matchId: string;
  readonly entries: number;
  readonly hash: string;
  readonly phase: MatchState["phase"];
  readonly teams: readonly string[];
  readonly utilities: Readonly<Record<string, number>>;
  readonly scores: Readonly<Record<string, Score>> | null;
  /** Each team's score split into utility, pressure, red lines, summit and compliance points. */
  readonly parts: Readonly<Record<string, ScoreParts>> | null;
  /** The scores the match would have given with no agreement. */
  readonly noDealScores: Readonly<Record<string, Score>>;
  readonly deal: boolean;
  readonly firstAgreementRound: number | null;
  readonly paretoEfficient: boolean;
  readonly distanceToFrontier: number;
  readonly jointGain: number;
  readonly noDeal: readonly [number, number];
  readonly nash: readonly [number, number] | null;
  readonly kalai: readonly [number, number] | null;
  readonly reference: readonly [number, number];
  /** Per team, the utility to itself of its last offer in each round (falling values are concessions). */
  readonly concessions: Readonly<Record<string, readonly (number | null)[]>>;
  readonly compliance: Readonly<Record<string, Compliance>>;
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const pair = (p: OutcomePoint | undefined) =>
  p ? ([p.utilities[0], p.utilities[1]] as const) : null;

/**
 * How far each team conceded, round by round: the utility to itself of its last offer in each round,
 * applied to the levels in force when the round began.
 */
export function concessionCurves(
  scenario: Scenario,
  state: Pick<Board, "proposals" | "rounds" | "levelHistory">,
): Record<string, (number | null)[]> {
  const start = Object.fromEntries(scenario.issues.map((i) => [i.id, i.start]));
  return Object.fromEntries(
    scenario.teams.map((team) => [
      team.id,
      Array.from({ length: state.rounds }, (_, r) => {
        const offer = state.proposals.filter((p) => p.by === team.id && p.round === r + 1).at(-1);
        const before = state.levelHistory[r - 1] ?? start;
        return offer ? utility(scenario, team.id, { ...before, ...offer.package.levels }) : null;
      }),
    ]),
  );
}

/** What each team promised and delivered under the agreements still standing at the end. */
export function compliance(scenario: Scenario, state: MatchState): Record<string, Compliance> {
  return Object.fromEntries(
    scenario.teams.map((team) => {
      const instalments = state.agreements
        .flatMap((a) => a.commitments)
        .filter((c) => c.by === team.id)
        .flatMap((c) => c.instalments);
      const promised = instalments.reduce((sum, i) => sum + i.amount, 0);
      const delivered = instalments.reduce((sum, i) => sum + i.amount * (i.delivered ?? 0), 0);
      return [
        team.id,
        {
          promised: round1(promised),
          delivered: round1(delivered),
          rate: promised ? round1((100 * delivered) / promised) : null,
        },
      ];
    }),
  );
}

/** Analyses a replayed match (DESIGN: the debrief places the deal against the frontier). */
export function analyzeMatch(log: MatchLog, head: Head): MatchReport {
  const { scenario, settings, seed } = log.header;
  const state = head.state;
  const frontier = paretoFrontier(scenario);
  const noDeal = noDealMatch(scenario, settings, seed);
  const d = matchPoint(scenario, noDeal);
  const final = matchPoint(scenario, state);
  const [first, second] = final.utilities;
  const distance = distanceToFrontier(frontier, final);
  const scores = state.scores ?? null;
  const agreements = state.agreements.filter((a) => a.status !== "snapped-back");
  return {
    matchId: log.header.matchId,
    entries: head.seq,
    hash: head.hash,
    phase: state.phase,
    teams: scenario.teams.map((t) => t.id),
    utilities: Object.fromEntries(scenario.teams.map((t, i) => [t.id, final.utilities[i] ?? 0])),
    scores,
    parts:
      scores &&
      Object.fromEntries(Object.entries(scores).map(([t, s]) => [t, scoreParts(scenario, s)])),
    noDealScores: noDeal.scores ?? {},
    deal: agreements.length > 0,
    firstAgreementRound: agreements[0]?.round ?? null,
    paretoEfficient: distance === 0,
    distanceToFrontier: distance,
    jointGain: round1(first - d.utilities[0] + (second - d.utilities[1])),
    noDeal: [d.utilities[0], d.utilities[1]],
    nash: pair(nashPoint(frontier, d)),
    kalai: pair(kalaiPoint(frontier, d)),
    reference: outcome(scenario, scenario.reference.levels).utilities,
    concessions: concessionCurves(scenario, state),
    compliance: compliance(scenario, state),
  };
}

/** One gradebook row per team per match, as CSV with a header line. */
export function reportsToCsv(reports: readonly MatchReport[]): string {
  const header = [
    "match",
    "team",
    "utility",
    "score",
    "pressure",
    "summit_bonus",
    "red_lines",
    "compliance",
    "no_deal_score",
    "deal",
    "pareto_efficient",
    "distance_to_frontier",
    "joint_gain",
    "delivered_pct",
  ];
  const rows = reports.flatMap((r) =>
    r.teams.map((team) => {
      const score = r.scores?.[team];
      return [
        r.matchId,
        team,
        r.utilities[team],
        score?.total ?? "",
        score?.pressure ?? "",
        score?.summitBonus ?? "",
        score?.redLinesCrossed ?? "",
        score?.compliance ?? "",
        r.noDealScores[team]?.total ?? "",
        r.deal,
        r.paretoEfficient,
        r.distanceToFrontier,
        r.jointGain,
        r.compliance[team]?.rate ?? "",
      ];
    }),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell) =>
          /[",\n]/.test(String(cell)) ? `"${String(cell).replaceAll('"', '""')}"` : String(cell),
        )
        .join(","),
    )
    .join("\n");
}
