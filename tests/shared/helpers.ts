import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type Actor,
  apply,
  type Command,
  createMatch,
  type Intent,
  KUALA_LUMPUR_2025,
  lastRound,
  type MatchState,
  type Package,
  type Scenario,
} from "../../shared/index.ts";

export const scenario: Scenario = KUALA_LUMPUR_2025;

/** Seats of the default scenario. */
export const US_LEAD: Actor = { kind: "player", team: "us", role: "treasury", seat: "us-1" };
export const US_USTR: Actor = { kind: "player", team: "us", role: "ustr", seat: "us-2" };
export const CN_LEAD: Actor = { kind: "player", team: "cn", role: "vice-premier", seat: "cn-1" };
export const CN_NEGOTIATOR: Actor = {
  kind: "player",
  team: "cn",
  role: "negotiator",
  seat: "cn-2",
};
export const FACILITATOR: Actor = { kind: "facilitator" };
export const CLOCK: Actor = { kind: "clock" };

/** Freezes a value and everything in it, so a rule that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Applies a command to a frozen state and fails the test if the rules refuse it. */
export function act(state: MatchState, actor: Actor, intent: Intent): MatchState {
  const outcome = apply(scenario, deepFreeze(state), { actor, intent } as Command);
  if (!outcome.ok)
    throw new Error(`${intent.type} refused: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.state;
}

/** Applies a command that the rules must refuse, and returns the error code. */
export function refused(state: MatchState, actor: Actor, intent: Intent): string {
  const outcome = apply(scenario, deepFreeze(state), { actor, intent } as Command);
  if (outcome.ok) throw new Error(`${intent.type} was accepted but should be refused`);
  return outcome.error.code;
}

/** A new match of the default scenario, set up but not started. */
export function newMatch(seed = 7, rounds = 4, implementation = 2): MatchState {
  return createMatch(scenario, { rounds, implementation }, seed);
}

/** Advances phases until the match is in `phase` of `round`. */
export function goTo(state: MatchState, round: number, phase: MatchState["phase"]): MatchState {
  let next = state;
  for (let guard = 0; guard < 100 && !(next.round === round && next.phase === phase); guard++) {
    next = act(
      next,
      FACILITATOR,
      next.phase === "setup" ? { type: "match/start" } : { type: "phase/advance" },
    );
  }
  if (next.round !== round || next.phase !== phase)
    throw new Error(`Never reached round ${round} ${phase}`);
  return next;
}

/** Lets the facilitator advance a match phase by phase until it ends. */
export function playToEnd(state: MatchState): MatchState {
  return goTo(state, lastRound(state), "ended");
}

/** The real Busan framework as a package: every negotiable issue at its reference level. */
export const BUSAN: Package = {
  levels: Object.fromEntries(
    Object.entries(scenario.reference.levels).filter(
      ([id]) => !scenario.issues.find((i) => i.id === id)?.domestic,
    ),
  ),
  commitments: [],
  snapback: false,
};

/** The complete example scenario of `docs/scenarios.md`, as the file's JSON text. */
export function documentedScenario(): string {
  const doc = readFileSync(resolve(import.meta.dirname, "../../docs/scenarios.md"), "utf8");
  return /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? "";
}
