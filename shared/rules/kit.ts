import type { Actor, Intent, IntentType, PlayerActor } from "../commands.ts";
import { HASH_CHUNK } from "../hash.ts";
import type { Issue, Role, Scenario } from "../scenario/schema.ts";
import {
  type Board,
  type MatchState,
  type Phase,
  PLAYING_PHASES,
  type TeamPrivate,
} from "../state.ts";

/** A refusal of the rules: a string code such as `proposal/not-open` and a plain-words message. */
export type RuleError = { readonly code: string; readonly message: string };

/** Something that happened, for tickers and logs: `to` is "all" or the one team that may see it. */
/**
 * Something that happened, told to all or to one team: its text in English, and the values it was
 * written from (ids, numbers), from which a page writes it in its own language.
 */
export type GameEvent = {
  readonly type: string;
  readonly to: string;
  readonly text: string;
  readonly values?: EventValues;
};
/**
 * An event's values: `team`, `other` and `issue` are ids, `level` a level of `issue`, `phase` a
 * phase, `role` a role of `team`; the rest are numbers, ids and words as they are.
 */
export type EventValues = Readonly<Record<string, string | number>>;

/** The outcome of a command: the new state and its events, or a rule error. */
export type Outcome =
  | { readonly ok: true; readonly state: MatchState; readonly events: readonly GameEvent[] }
  | { readonly ok: false; readonly error: RuleError };

/**
 * Who may send an intent: any seat of a team (`member`, wild cards included), any negotiating seat
 * (`player`), only a team's lead, the facilitator or the clock.
 */
export type Who = "member" | "player" | "lead" | "facilitator" | "clock";

/** One command's rule: who and when (checked by `apply` and `legalCommands` alike), then its effect. */
export type Rule<T extends IntentType> = {
  readonly who: Who;
  /** Phases in which the intent is allowed. */
  readonly phases: readonly Phase[];
  /** Whether the intent is allowed while the match is paused. */
  readonly whilePaused?: boolean;
  /** The targets a seat could aim the intent at (proposal ids, issues...), for `legalCommands`. */
  readonly targets?: (
    scenario: Scenario,
    board: Board,
    actor: Actor,
  ) => readonly Partial<Extract<Intent, { type: T }>>[];
  /** Checks the intent's target against the board; reads only the fields `targets` fills. */
  readonly permit?: (
    scenario: Scenario,
    board: Board,
    actor: Actor,
    intent: Extract<Intent, { type: T }>,
  ) => RuleError | undefined;
  /** Checks the rest of the intent and applies it to the full state. */
  readonly run: (
    scenario: Scenario,
    state: MatchState,
    actor: Actor,
    intent: Extract<Intent, { type: T }>,
  ) => Outcome;
};

/** Every phase in which the match is under way. */
export const PLAYING: readonly Phase[] = PLAYING_PHASES;

/** Builds a rule error. */
export function refuse(code: string, message: string): { ok: false; error: RuleError } {
  return { ok: false, error: { code, message } };
}

/** Builds a success. */
export function done(state: MatchState, ...events: GameEvent[]): Outcome {
  return { ok: true, state, events };
}

/** Clamps a number into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rounds to one decimal place, so that figures stay readable and exact in logs. */
export function tenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The scenario's issue with this id, if any. */
export function findIssue(scenario: Scenario, id: string): Issue | undefined {
  return scenario.issues.find((issue) => issue.id === id);
}

/** The id of the team facing `team`. */
export function otherTeam(scenario: Scenario, team: string): string {
  const other = scenario.teams.find((t) => t.id !== team);
  if (!other) throw new Error("A scenario has exactly two teams");
  return other.id;
}

/** The name of a team, for messages. */
export function teamName(scenario: Scenario, team: string): string {
  return scenario.teams.find((t) => t.id === team)?.name ?? team;
}

/** Whether an actor holds a lead role of its team. */
export function isLead(scenario: Scenario, actor: PlayerActor): boolean {
  return roleOf(scenario, actor.team, actor.role)?.lead ?? false;
}

/** A team's private part; missing only in views, where the rules never look for it. */
export function privateOf(board: Board, team: string): TeamPrivate {
  const own = board.teams[team]?.private;
  if (!own) throw new Error(`No private state for team ${team}`);
  return own;
}

/** Returns the state with one team's private part replaced through `change`. */
export function updatePrivate(
  state: MatchState,
  team: string,
  change: (own: TeamPrivate) => TeamPrivate,
): MatchState {
  const current = state.teams[team];
  if (!current) throw new Error(`Unknown team ${team}`);
  return {
    ...state,
    teams: { ...state.teams, [team]: { ...current, private: change(privateOf(state, team)) } },
  };
}

/** Returns the state with every team's public flags changed through `change`. */
export function updateTeams(
  state: MatchState,
  change: (team: MatchState["teams"][string], id: string) => MatchState["teams"][string],
): MatchState {
  return {
    ...state,
    teams: Object.fromEntries(Object.entries(state.teams).map(([id, t]) => [id, change(t, id)])),
  };
}

/**
 * Hands out the next id of a kind (p for proposals, a agreements, c commitments, d drafts), numbered
 * per kind so players read p1, p2, p3 and a1, a2. Private kinds count under their own `counter` per
 * team (drafts: "d:us"), so a team's ids never tell it how often the other acted in private.
 */
export function takeId(
  state: MatchState,
  prefix: string,
  counter = prefix,
): readonly [string, MatchState] {
  const [ids, next] = takeIds(state, prefix, 1, counter);
  return [ids[0] ?? "", next];
}

/** Hands out the next `count` ids of a kind. */
export function takeIds(
  state: MatchState,
  prefix: string,
  count: number,
  counter = prefix,
): readonly [readonly string[], MatchState] {
  const last = state.ids[counter] ?? 0;
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${last + 1 + i}`);
  return [ids, { ...state, ids: { ...state.ids, [counter]: last + count } }];
}

/** The role of a seat, if the scenario has it. */
export function roleOf(scenario: Scenario, team: string, role: string): Role | undefined {
  return scenario.teams.find((t) => t.id === team)?.roles.find((r) => r.id === role);
}

/** The player actor, or a broken invariant: `apply` checks the actor kind before any player rule runs. */
export function player(actor: Actor): PlayerActor {
  if (actor.kind !== "player") throw new Error("A player rule ran for a non-player actor");
  return actor;
}

/**
 * Appends an item to a history kept to at most `max` items; past that, the oldest HASH_CHUNK go at
 * once, so the chunks a state digest is built from stay aligned and cached.
 */
export function appendCapped<T>(list: readonly T[], item: T, max: number): readonly T[] {
  const next = [...list, item];
  return next.length > max ? next.slice(HASH_CHUNK) : next;
}
