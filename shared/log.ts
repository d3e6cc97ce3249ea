import { z } from "zod";
import { applyCommand } from "./apply.ts";
import { Command } from "./commands.ts";
import { canonicalJson, digest, sha256Hex } from "./hash.ts";
import { type GameEvent, type RuleError, refuse } from "./rules/kit.ts";
import { formatZodError, parseJson } from "./scenario/load.ts";
import { Scenario } from "./scenario/schema.ts";
import { createMatch, type MatchState } from "./state.ts";

/** The format name every match log carries. */
export const LOG_FORMAT = "trade-truce/match-log";
/**
 * The version of the log format this code writes and reads. Format 3 chains each entry to the one
 * before by a hash of the entry alone, and digests the state only at checkpoints; format 4 adds forks
 * (a header's `fork`, a log's `parent`).
 */
export const LOG_VERSION = 4;
/** Entries between state checkpoints, unless a header says otherwise (every phase change is one too). */
export const CHECKPOINT_EVERY = 1000;
/**
 * The version of the rules this code plays: a log replays only under the rules it was recorded
 * with, so any change to what a command does raises it.
 */
export const RULES_VERSION = 5;
/** Fewest and most negotiation rounds a match may have. */
export const MIN_ROUNDS = 2;
export const MAX_ROUNDS = 12;
/** Most implementation rounds after the summit. */
export const MAX_IMPLEMENTATION_ROUNDS = 4;

const Hash = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 hex digest");

/**
 * Where a fork branches off its parent: the parent's match id, the number of the parent's entry it
 * plays on from (0: before any), and that entry's hash, which chains to everything before it.
 */
export const ForkPoint = z.object({
  matchId: z.string().min(1).max(64),
  at: z.number().int().min(0),
  hash: Hash,
});
export type ForkPoint = z.infer<typeof ForkPoint>;

/**
 * What a match is made of before any command: the log format and rules versions it was recorded
 * with, the full scenario, the seed and the settings.
 */
export const LogHeader = z.object({
  version: z.literal(LOG_VERSION),
  rules: z.literal(RULES_VERSION),
  matchId: z.string().min(1).max(64),
  createdAt: z.string().max(40),
  scenario: Scenario,
  seed: z.number().int().min(0).max(0xffffffff),
  settings: z.object({
    rounds: z.number().int().min(MIN_ROUNDS).max(MAX_ROUNDS),
    implementation: z.number().int().min(0).max(MAX_IMPLEMENTATION_ROUNDS),
    preparation: z.boolean().optional(),
  }),
  /** Entries between state checkpoints (every phase change is one too). */
  checkpointEvery: z.number().int().min(1).max(100_000),
  /** Set when this match is a fork: it opens in the state its parent reached at that entry. */
  fork: ForkPoint.optional(),
});
export type LogHeader = z.infer<typeof LogHeader>;

/** A log header of this format and rules version, from what the host chose. */
export function makeHeader(
  fields: Omit<LogHeader, "version" | "rules" | "checkpointEvery"> &
    Partial<Pick<LogHeader, "checkpointEvery">>,
): LogHeader {
  return {
    version: LOG_VERSION,
    rules: RULES_VERSION,
    checkpointEvery: CHECKPOINT_EVERY,
    ...fields,
  };
}

/**
 * One accepted command, when it happened (ms since the epoch), at a checkpoint the digest of the
 * state after it, and its hash: chained to the entry before, over these fields alone.
 */
export const LogEntry = z.object({
  seq: z.number().int().min(1),
  at: z.number().int().min(0),
  command: Command,
  checkpoint: Hash.optional(),
  hash: Hash,
});
export type LogEntry = z.infer<typeof LogEntry>;

/**
 * A complete, self-contained match log; `end` seals a finished match so truncation shows. A match
 * that ends in the rules ends with a phase change, so its last entry is always a checkpoint. A fork
 * carries its parent's log, as it stood when the fork was made.
 */
export type MatchLog = {
  format: typeof LOG_FORMAT;
  header: LogHeader;
  entries: LogEntry[];
  end?: { entries: number; hash: string } | undefined;
  parent?: MatchLog | undefined;
};
export const MatchLog: z.ZodType<MatchLog> = z.object({
  format: z.literal(LOG_FORMAT),
  header: LogHeader,
  entries: z.array(LogEntry),
  end: z.object({ entries: z.number().int().min(0), hash: Hash }).optional(),
  get parent() {
    return MatchLog.optional();
  },
});

/**
 * The tip of a match: its state, the hash of its last entry, the last sequence number, and how
 * often its log checkpoints the state.
 */
export type Head = {
  readonly state: MatchState;
  readonly hash: string;
  readonly seq: number;
  readonly checkpointEvery: number;
};

/** The hash a log's first entry chains to: the digest of its header. */
export function genesisHash(header: LogHeader): string {
  return digest(header);
}

/** Opens a match from its header, before any command: a fork, in the state its parent reached. */
export function openMatch(header: LogHeader, forkedFrom?: MatchState): Head {
  return {
    state: forkedFrom ?? createMatch(header.scenario, header.settings, header.seed),
    hash: genesisHash(header),
    seq: 0,
    checkpointEvery: header.checkpointEvery,
  };
}

/** An entry's hash: the previous entry's hash and the entry's own fields, never the whole state. */
export function entryHash(previous: string, entry: Omit<LogEntry, "hash">): string {
  return sha256Hex(`${previous}|${canonicalJson(entry)}`);
}

/** Whether entry `seq`, taking the head's state to `after`, is a checkpoint: a new phase or round, or every N-th entry. */
function isCheckpoint(head: Head, after: MatchState, seq: number): boolean {
  return (
    after.phase !== head.state.phase ||
    after.round !== head.state.round ||
    seq % head.checkpointEvery === 0
  );
}

/** The result of one step: the new head, the log entry to append and the events, or a rule error. */
export type Step =
  | {
      readonly ok: true;
      readonly head: Head;
      readonly entry: LogEntry;
      readonly events: readonly GameEvent[];
    }
  | { readonly ok: false; readonly error: RuleError };

/** Applies a command at a time and, when accepted, makes the log entry that records it. */
export function step(scenario: Scenario, head: Head, command: Command, at: number): Step {
  const parsed = Command.safeParse(command);
  if (!parsed.success) return refuse("command/invalid", formatZodError(parsed.error).join("; "));
  const next = advance(scenario, head, parsed.data);
  if (!next.ok) return next;
  const seq = head.seq + 1;
  const fields = next.checkpoint
    ? { seq, at, command: parsed.data, checkpoint: next.checkpoint }
    : { seq, at, command: parsed.data };
  const hash = entryHash(head.hash, fields);
  return {
    ok: true,
    head: { ...head, state: next.state, hash, seq },
    entry: { ...fields, hash },
    events: next.events,
  };
}

/** Applies a command already checked against the schema: the next state, its events and, at a checkpoint, its digest. */
function advance(scenario: Scenario, head: Head, command: Command) {
  const outcome = applyCommand(scenario, head.state, command);
  if (!outcome.ok) return outcome;
  const checkpoint = isCheckpoint(head, outcome.state, head.seq + 1)
    ? digest(outcome.state)
    : undefined;
  return { ...outcome, checkpoint };
}

/** The seat name of a bot's actor: `bot:` and its strategy. */
export const botSeat = (strategy: string) => `bot:${strategy}`;

/** The event that tells a bot's team why it acted, from the note its command carries. */
export function botReason(command: Command): GameEvent | undefined {
  const { actor, note } = command;
  return actor.kind === "player" && actor.seat.startsWith(botSeat("")) && note
    ? {
        type: "bot/reason",
        to: actor.team,
        text: `Bot ${actor.role}: ${note}`,
        values: { team: actor.team, role: actor.role, note },
      }
    : undefined;
}

/** Seals a log: the entry count and final hash, so a cut-off copy is detected. */
export function sealLog(header: LogHeader, entries: readonly LogEntry[]): MatchLog {
  const last = entries[entries.length - 1];
  return {
    format: LOG_FORMAT,
    header,
    entries: [...entries],
    end: { entries: entries.length, hash: last?.hash ?? genesisHash(header) },
  };
}

/** Why a log was refused: a code, a message and the first bad entry's sequence number when there is one. */
export type LogError = { readonly code: string; readonly message: string; readonly seq?: number };

/**
 * A verified replay: the log, the state it opened in, the head after its last entry and, for a fork,
 * its parent's replay.
 */
export type Replayed = {
  readonly ok: true;
  readonly log: MatchLog;
  readonly opening: MatchState;
  readonly head: Head;
  readonly parent?: Replayed;
};
type Refused = { readonly ok: false; readonly error: LogError };

/**
 * Replays a log, checking it as it goes (DESIGN: every match replays exactly): the schema, then each
 * entry's sequence number and its hash chained to the one before (any changed, dropped, reordered or
 * inserted entry breaks it), that the rules accept its command, and at each checkpoint that the state
 * reproduces the recorded digest; a sealed log must also be complete and end in the sealed state. A
 * fork is replayed from its parent's state at the fork entry, once the parent has replayed and
 * matches the fork's record of it. Reports the first bad entry.
 */
export function replay(
  data: unknown,
  onStep?: (head: Head, entry: LogEntry, events: readonly GameEvent[]) => void,
): Replayed | Refused {
  const versions = checkVersions(data);
  if (versions) return { ok: false, error: versions };
  const parsed = MatchLog.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      error: { code: "log/invalid", message: formatZodError(parsed.error).join("; ") },
    };
  return replayLog(parsed.data, onStep);
}

/** Replays a log already checked against the schema (`replay`). */
export function replayLog(
  log: MatchLog,
  onStep?: (head: Head, entry: LogEntry, events: readonly GameEvent[]) => void,
): Replayed | Refused {
  const origin = forkOrigin(log);
  if (!origin.ok) return origin;
  const opening = openMatch(log.header, origin.state);
  let head = opening;
  const fail = (code: string, message: string, seq: number) => ({
    ok: false as const,
    error: { code, message, seq },
  });
  for (const entry of log.entries) {
    const { seq, at, command, checkpoint, hash } = entry;
    if (seq !== head.seq + 1)
      return fail("log/sequence", `Entry ${seq} follows entry ${head.seq}.`, seq);
    if (entryHash(head.hash, { seq, at, command, checkpoint }) !== hash)
      return fail(
        "log/hash-mismatch",
        `Entry ${seq} does not chain to the entry before it: it was changed, moved or inserted.`,
        seq,
      );
    const next = advance(log.header.scenario, head, command);
    if (!next.ok)
      return fail("log/rejected", `Entry ${seq} was refused: ${next.error.message}`, seq);
    if (next.checkpoint !== checkpoint)
      return fail(
        "log/state-mismatch",
        `The state after entry ${seq} does not match the log's checkpoint there.`,
        seq,
      );
    head = { state: next.state, hash, seq, checkpointEvery: head.checkpointEvery };
    onStep?.(head, entry, next.events);
  }
  if (log.end && (log.end.entries !== log.entries.length || log.end.hash !== head.hash))
    return {
      ok: false,
      error: {
        code: "log/truncated",
        message: `The log was sealed with ${log.end.entries} entries but holds ${log.entries.length}.`,
        seq: head.seq,
      },
    };
  return { ok: true, log, opening: opening.state, head, parent: origin.parent };
}

/**
 * Where a log opens: for a fork, its parent's state at the fork entry, once the parent replays and
 * is the match, the entry (by its hash) and the scenario and settings the fork's header names.
 */
function forkOrigin(log: MatchLog): { ok: true; state?: MatchState; parent?: Replayed } | Refused {
  const { fork } = log.header;
  if (!fork) return { ok: true };
  const refuse = (message: string): Refused => ({
    ok: false,
    error: { code: "log/parent", message },
  });
  if (!log.parent)
    return refuse(
      `This log is a fork of match ${fork.matchId} at entry ${fork.at}: it replays only with its parent's log, which it does not hold.`,
    );
  let state: MatchState | undefined;
  const parent = replayLog(log.parent, (head) => {
    if (head.seq === fork.at) state = head.state;
  });
  if (!parent.ok) return refuse(`Its parent's log does not replay: ${parent.error.message}`);
  const { header, entries } = parent.log;
  if (header.matchId !== fork.matchId)
    return refuse(`Its parent's log is of match ${header.matchId}, not of ${fork.matchId}.`);
  if (fork.at > entries.length)
    return refuse(
      `Its parent's log holds ${entries.length} entries; the fork plays on from entry ${fork.at}.`,
    );
  if (hashAt(parent.log, fork.at) !== fork.hash)
    return refuse(
      `Its parent's entry ${fork.at} is not the one the fork was made from: the parent's log was altered.`,
    );
  if (digest(forkBasis(header)) !== digest(forkBasis(log.header)))
    return refuse("Its scenario, seed or settings are not its parent's.");
  state ??= parent.opening;
  if (state.phase === "ended")
    return refuse(
      `The parent's match had ended at entry ${fork.at}: a fork plays on from an earlier one.`,
    );
  return { ok: true, state, parent };
}

/** What a fork keeps of its parent's header. */
export const forkBasis = ({ scenario, seed, settings }: LogHeader) => ({
  scenario,
  seed,
  settings,
});

/** The hash of a log's entry `at`: at 0, its first hash (the header's digest). */
export const hashAt = (log: MatchLog, at: number) =>
  at === 0 ? genesisHash(log.header) : log.entries[at - 1]?.hash;

/** The versions a log says it was recorded with; a log of the first format kept them elsewhere. */
function versionsOf(data: Record<string, unknown>): { log: unknown; rules: unknown } {
  const header = (data.header ?? {}) as Record<string, unknown>;
  if (header.version !== undefined) return { log: header.version, rules: header.rules };
  return data.version === 1 ? { log: 1, rules: 1 } : { log: data.version, rules: undefined };
}

/**
 * Refuses a log recorded with another log format or other rules, naming both versions, before any
 * entry is checked (DESIGN: a log of another version is refused with a message naming both).
 */
export function checkVersions(data: unknown): LogError | undefined {
  if (
    data === null ||
    typeof data !== "object" ||
    (data as { format?: unknown }).format !== LOG_FORMAT
  )
    return undefined;
  const found = versionsOf(data as Record<string, unknown>);
  if (found.log === LOG_VERSION && found.rules === RULES_VERSION) return undefined;
  const name = (v: unknown) => (v === undefined ? "unknown" : String(v));
  return {
    code: "log/version",
    message: `This log was recorded with log format ${name(found.log)} and rules ${name(found.rules)}; this version of Trade Truce replays log format ${LOG_VERSION} with rules ${RULES_VERSION}.`,
  };
}

/** Replays a log file's text: JSON syntax errors are reported like any other fault. */
export function replayText(text: string): ReturnType<typeof replay> {
  const json = parseJson(text);
  return json.ok
    ? replay(json.value)
    : { ok: false, error: { code: "log/not-json", message: json.errors.join("; ") } };
}
