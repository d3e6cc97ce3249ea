import { disagreement } from "../analysis.ts";
import type { Scenario } from "../scenario/schema.ts";
import { utility } from "../scoring.ts";
import { agreedLevels, type Proposal } from "../state.ts";
import type { View } from "../view.ts";

/** The bot strategies, from negotiation research. */
export const BOT_STRATEGIES = [
  "boulware",
  "linear",
  "conceder",
  "tit-for-tat",
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

/** How far through the negotiation a view is, from 0 (first round) to 1 (the summit round and after). */
export function progress(view: Pick<View, "round" | "rounds">): number {
  return view.rounds <= 1 ? 1 : Math.min(1, (view.round - 1) / (view.rounds - 1));
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
 * The utility a strategy aims for now, and why. Tit-for-tat reciprocates in its own utility terms:
 * it concedes as much as the other side's last offer gained it over their previous one.
 */
export function target(
  strategy: BotStrategy,
  scenario: Scenario,
  view: View,
  team: string,
): { value: number; why: string } {
  const floor = Math.max(reservation(scenario, view, team), 100 - CONCESSION_RANGE);
  const t = progress(view);
  if (strategy === "hardliner") return { value: HARDLINE, why: `hardliner holds at ${HARDLINE}` };
  if (strategy === "tit-for-tat") {
    const mine = view.proposals.filter((p) => p.by === team);
    const theirs = theirProposals(view, team).map((p) =>
      worth(scenario, view, team, p.package.levels),
    );
    const last = mine.at(-1);
    const start = last ? worth(scenario, view, team, last.package.levels) : OPENING;
    const gained = theirs.length >= 2 ? (theirs.at(-1) ?? 0) - (theirs.at(-2) ?? 0) : 0;
    const value = Math.max(floor, Math.min(OPENING, start - Math.max(0, gained)));
    return {
      value,
      why: `tit-for-tat: they conceded ${gained.toFixed(1)} to me, so I aim for ${value.toFixed(1)}`,
    };
  }
  const value = timeDependentTarget(BETA[strategy], t, floor);
  return {
    value,
    why: `${strategy} (β=${BETA[strategy]}): at t=${t.toFixed(2)} I aim for ${value.toFixed(1)}`,
  };
}
