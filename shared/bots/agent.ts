import type { Intent } from "../commands.ts";
import { sha256Hex } from "../hash.ts";
import type { LegalAction } from "../legal.ts";
import { nextRandom } from "../rng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { View } from "../view.ts";

/** An agent's decision: one intent (or none: nothing to do now) and the reason it gives its team. */
export type BotDecision = { readonly intent?: Intent; readonly reason: string };

/**
 * What an agent is told each time it may act: its own seat's view and a scenario holding only its
 * own team's brief (never the other team's), what the rules let the seat do now, and a seeded random
 * source, so that the same match and seed always give the same decisions.
 */
export type AgentInput = {
  readonly scenario: Scenario;
  readonly view: View;
  readonly legal: readonly LegalAction[];
  /** How far the current phase's clock has run, from 0 to 1, in timed play. */
  readonly clock?: number;
  /** A number in [0, 1), seeded by the agent's seed and this decision point. */
  readonly random: () => number;
};

/**
 * A negotiating agent: given its input, one decision. Agents keep no state between calls: what they
 * learn (the opponent's offers, the time) they read from the view each time, so a match replays.
 */
export type Agent = {
  readonly name: string;
  decide(input: AgentInput): BotDecision;
};

/** A seeded source of numbers in [0, 1): the same seed and key give the same sequence on every host. */
export function seededRandom(seed: number, key: string): () => number {
  let state = Number.parseInt(sha256Hex(`${seed}:${key}`).slice(0, 8), 16);
  return () => {
    const [value, next] = nextRandom(state);
    state = next;
    return value;
  };
}

/** Where in the match a decision is taken: the key that seeds its random numbers. */
export function decisionPoint(view: View): string {
  return `${view.round}/${view.phase}/${view.proposals.length}/${view.agreements.length}`;
}
