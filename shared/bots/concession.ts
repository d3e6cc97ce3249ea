import { disagreement } from "../analysis.ts";
import type { Scenario } from "../scenario/schema.ts";
import { utility } from "../scoring.ts";
import { agreedLevels, type Proposal } from "../state.ts";
import type { View } from "../view.ts";
import { seededRandom } from "./agent.ts";

/** The bot strategies, from negotiation research. */
export const BOT_STRATEGIES = [
  "boulware",
  "linear",
  "conceder",
  "tit-for-tat",
  "agent-k",
  "hardliner",
] as const;
/** A bot strategy. */
export type BotStrategy = (typeof BOT_STRATEGIES)[number];

/** How far below its best a time-dependent bot is willing to go, at most, in utility points. */
export const CONCESSION_RANGE = 45;
/** Concession exponents of the time-dependent tactics (Faratin, Sierra and Jennings 1998). */
export const BETA: Readonly<Record<"boulware" | "linear" | "conceder", number>> = {
  boulware: 0.2,
  linear: 1,
  conceder: 5,
};
/** The utility a hardliner demands, whatever the time. */
export const HARDLINE = 90;
/** Where a tit-for-tat bot opens. */
export const OPENING = 95;
/** What a nice tit-for-tat bot gives with its first counter, before the other side has moved. */
export const NICE_CONCESSION = 3;
/** Offers at the table after which a round's share of the bot's time has run out. */
export const EXCHANGES_PER_ROUND = 6;
/** How far a bot's concession exponent is scaled by its seed, either way (β × or ÷ up to this). */
export const BETA_JITTER = 1.5;
/** How far a bot's floor is raised above its no-deal point by its seed, at most, in utility points. */
export const FLOOR_JITTER = 6;

/**
 * How far through the negotiation a view is, from 0 to 1 at the close of the summit round's table:
 * each round's share of the time runs with the offers tabled in it (and with the phase clock, in
 * timed play), so concession curves move within a round, not only between rounds.
 */
export function progress(
  view: Pick<View, "round" | "rounds" | "phase" | "proposals">,
  clock = 0,
): number {
  if (view.round > view.rounds) return 1;
  const tabled = view.proposals.filter((p) => p.round === view.round).length;
  const within =
    view.phase === "table"
      ? Math.max(clock, Math.min(1, tabled / EXCHANGES_PER_ROUND))
      : view.phase === "summit" || view.phase === "resolution"
        ? 1
        : 0;
  return Math.min(1, (view.round - 1 + within) / view.rounds);
}

/** A bot's own concession parameters, drawn from its seed: its β scaled and its floor raised a little. */
export function temperament(seed: number): { beta: number; floor: number } {
  const random = seededRandom(seed, "temperament");
  return { beta: BETA_JITTER ** (2 * random() - 1), floor: random() * FLOOR_JITTER };
}

const reservations = new WeakMap<Scenario, Map<string, readonly [number, number]>>();

/**
 * The least a bot accepts: its utility at the no-deal point (the match played with no agreement),
 * remembered per scenario and number of rounds.
 */
export function reservation(
  scenario: Scenario,
  view: Pick<View, "rounds" | "implementation">,
  team: string,
): number {
  const key = `${view.rounds}/${view.implementation}`;
  const known = reservations.get(scenario) ?? new Map<string, readonly [number, number]>();
  reservations.set(scenario, known);
  let point = known.get(key);
  if (!point) {
    point = disagreement(scenario, view).utilities;
    known.set(key, point);
  }
  return point[scenario.teams.findIndex((t) => t.id === team)] ?? 0;
}

/** What a package is worth to a team: its utility of the agreed levels with the package applied. */
export function worth(
  scenario: Scenario,
  view: Pick<View, "levels" | "agreements">,
  team: string,
  levels: Readonly<Record<string, number>>,
): number {
  return utility(scenario, team, { ...agreedLevels(view), ...levels });
}

/**
 * The utility a time-dependent tactic aims for at time t (Faratin et al. 1998): it starts at its
 * best and falls towards its floor as t^(1/β) grows, so Boulware (β < 1) holds out until late and
 * Conceder (β > 1) gives ground early.
 */
export function timeDependentTarget(beta: number, t: number, floor: number): number {
  const alpha = t ** (1 / beta);
  return 100 - alpha * (100 - floor);
}

/** The other team's proposals, oldest first. */
export function theirProposals(view: View, team: string): readonly Proposal[] {
  return view.proposals.filter((p) => p.by !== team);
}

/**
 * The utility a strategy aims for now, and why. Time-dependent tactics follow their curve; nice
 * tit-for-tat (Baarslag et al.'s relative tit-for-tat, opening with a concession) gives back in its
 * own utility terms what the other side's offers have given it, never slower than Linear; AgentK
 * (Kawaguchi et al., ANAC 2010) holds out while the other side's offers to it keep improving.
 */
export function target(
  strategy: BotStrategy,
  scenario: Scenario,
  view: View,
  team: string,
  seed = 0,
  clock = 0,
): { value: number; why: string } {
  const mood = temperament(seed);
  const floor = Math.max(reservation(scenario, view, team), 100 - CONCESSION_RANGE) + mood.floor;
  const t = progress(view, clock);
  const at = `at t=${t.toFixed(2)}`;
  if (strategy === "hardliner") return { value: HARDLINE, why: `hardliner holds at ${HARDLINE}` };
  const theirs = theirProposals(view, team).map((p) =>
    worth(scenario, view, team, p.package.levels),
  );
  if (strategy === "tit-for-tat") {
    const given = theirs.length ? Math.max(...theirs) - (theirs[0] ?? 0) : 0;
    const opened = view.proposals.some((p) => p.by === team) ? NICE_CONCESSION : 0;
    const deadline = timeDependentTarget(BETA.linear, t, floor);
    const value = Math.max(floor, Math.min(OPENING - opened - given, deadline));
    return {
      value,
      why: `tit-for-tat: they have given me ${given.toFixed(1)}, so ${at} I aim for ${value.toFixed(1)}`,
    };
  }
  if (strategy === "agent-k") {
    const mean = theirs.length ? theirs.reduce((a, b) => a + b, 0) / theirs.length / 100 : 0.5;
    const spread = theirs.length
      ? Math.sqrt(theirs.reduce((a, v) => a + (v / 100 - mean) ** 2, 0) / theirs.length)
      : 0;
    const reach = Math.min(
      1,
      (Math.sqrt(3) * spread) / Math.sqrt(Math.max(0.01, mean * (1 - mean))),
    );
    const expected = 100 * (mean + (1 - mean) * reach);
    const value = Math.max(floor, 100 - (100 - expected) * t ** (1 + 10 * mean * mood.beta));
    return {
      value,
      why: `agent-k: their offers average ${(100 * mean).toFixed(1)}, I expect up to ${expected.toFixed(1)}; ${at} I aim for ${value.toFixed(1)}`,
    };
  }
  const beta = BETA[strategy] * mood.beta;
  const value = timeDependentTarget(beta, t, floor);
  return { value, why: `${strategy} (β=${beta.toFixed(2)}): ${at} I aim for ${value.toFixed(1)}` };
}
