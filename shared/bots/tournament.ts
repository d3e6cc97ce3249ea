import { distanceToFrontier, matchPoint, paretoFrontier } from "../analysis.ts";
import { compliance } from "../report.ts";
import type { Scenario } from "../scenario/schema.ts";
import { scoreParts, utility } from "../scoring.ts";
import { hasAgreement, type MatchState, type Settings } from "../state.ts";
import type { Agent } from "./agent.ts";
import type { BotStrategy } from "./concession.ts";
import { simulate } from "./simulate.ts";

/** A sample's mean and standard deviation, to a tenth. */
export type Stat = { readonly mean: number; readonly sd: number };

/** A team's score in parts, each as a statistic over the seeds. */
export type ScoreStats = Readonly<
  Record<"utility" | "pressure" | "redLines" | "summit" | "compliance" | "total", Stat>
>;

/** How one pairing fared over every seed, per team where it differs. */
export type Pairing = {
  /** Who played each team. */
  readonly players: Readonly<Record<string, string>>;
  /** Matches with an agreement standing at the end, in percent. */
  readonly dealRate: number;
  /** The brief's utility of the levels in force when the summit round closed: what the deal gave. */
  readonly dealUtility: Readonly<Record<string, Stat>>;
  readonly score: Readonly<Record<string, ScoreStats>>;
  readonly distanceToFrontier: Stat;
  /** How many matches reached their first agreement in each round. */
  readonly agreementRounds: Readonly<Record<string, number>>;
  /** The share of promised deliveries each team made, in percent (null: none promised). */
  readonly delivered: Readonly<Record<string, number | null>>;
};

const tenth = (n: number) => Math.round(n * 10) / 10;

/** The mean and standard deviation of some numbers. */
export function stat(values: readonly number[]): Stat {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length);
  return { mean: tenth(mean), sd: tenth(Math.sqrt(variance)) };
}

/** The name a player goes by in a table. */
const nameOf = (player: BotStrategy | Agent) => (typeof player === "string" ? player : player.name);

/**
 * Plays every pairing of the players (each on either side of the table) over seeds 1 to `seeds`, as
 * headless matches through the rules, and sums each pairing up.
 */
export function playTournament(
  scenario: Scenario,
  players: readonly (BotStrategy | Agent)[],
  options: { readonly seeds: number; readonly settings: Settings; readonly compliance: number },
): Pairing[] {
  const teams = scenario.teams.map((t) => t.id);
  const [first = "", second = ""] = teams;
  const frontier = paretoFrontier(scenario);
  return players.flatMap((a) =>
    players.map((b) => {
      const states: MatchState[] = [];
      for (let seed = 1; seed <= options.seeds; seed++)
        states.push(
          simulate(scenario, {
            seed,
            ...options.settings,
            strategies: { [first]: a, [second]: b },
            compliance: options.compliance,
          }).head.state,
        );
      const rounds: Record<string, number> = {};
      for (const state of states) {
        const round = state.agreements.find((x) => x.status !== "snapped-back")?.round;
        if (round !== undefined && hasAgreement(state)) rounds[round] = (rounds[round] ?? 0) + 1;
      }
      const perTeam = <T>(f: (team: string) => T) =>
        Object.fromEntries(teams.map((t) => [t, f(t)]));
      return {
        players: { [first]: nameOf(a), [second]: nameOf(b) },
        dealRate: tenth((100 * states.filter(hasAgreement).length) / states.length),
        dealUtility: perTeam((team) =>
          stat(
            states.map((s) => utility(scenario, team, s.levelHistory[s.rounds - 1] ?? s.levels)),
          ),
        ),
        score: perTeam((team) => {
          const parts = states.map((s) => {
            const score = s.scores?.[team];
            return score ? { ...scoreParts(scenario, score), total: score.total } : undefined;
          });
          const of = (key: keyof ScoreStats) => stat(parts.map((p) => p?.[key] ?? 0));
          return {
            utility: of("utility"),
            pressure: of("pressure"),
            redLines: of("redLines"),
            summit: of("summit"),
            compliance: of("compliance"),
            total: of("total"),
          };
        }),
        distanceToFrontier: stat(
          states.map((s) => distanceToFrontier(frontier, matchPoint(scenario, s))),
        ),
        agreementRounds: rounds,
        delivered: perTeam((team) => {
          const made = states.map((s) => compliance(scenario, s)[team]);
          const promised = made.reduce((sum, c) => sum + (c?.promised ?? 0), 0);
          const delivered = made.reduce((sum, c) => sum + (c?.delivered ?? 0), 0);
          return promised ? tenth((100 * delivered) / promised) : null;
        }),
      };
    }),
  );
}

/** A tournament as CSV, one row per pairing with every statistic in its own column. */
export function tournamentCsv(scenario: Scenario, pairings: readonly Pairing[]): string {
  const teams = scenario.teams.map((t) => t.id);
  const parts = ["utility", "pressure", "redLines", "summit", "compliance", "total"] as const;
  const header = [
    ...teams,
    "dealRate",
    ...teams.flatMap((t) => [`${t}DealUtility`, `${t}DealUtilitySd`]),
    ...teams.flatMap((t) => parts.flatMap((p) => [`${t}Score_${p}`, `${t}Score_${p}Sd`])),
    "distanceToFrontier",
    "distanceToFrontierSd",
    "agreementRounds",
    ...teams.map((t) => `${t}Delivered`),
  ];
  const rows = pairings.map((p) => [
    ...teams.map((t) => p.players[t] ?? ""),
    p.dealRate,
    ...teams.flatMap((t) => [p.dealUtility[t]?.mean, p.dealUtility[t]?.sd]),
    ...teams.flatMap((t) => parts.flatMap((k) => [p.score[t]?.[k].mean, p.score[t]?.[k].sd])),
    p.distanceToFrontier.mean,
    p.distanceToFrontier.sd,
    Object.entries(p.agreementRounds)
      .map(([round, n]) => `r${round}:${n}`)
      .join(" "),
    ...teams.map((t) => p.delivered[t] ?? ""),
  ]);
  return [header, ...rows].map((row) => row.join(",")).join("\n");
}
