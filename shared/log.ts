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
 * before by a hash of the entry alone, and digests the state only at checkpoints.
 */
export const LOG_VERSION = 3;
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
 * that ends in the rules ends with a phase change, so its last entry is always a checkpoint.
 */
export const MatchLog = z.object({
  format: z.literal(LOG_FORMAT),
  header: LogHeader,
  entries: z.array(LogEntry),
  end: z.object({ entries: z.number().int().min(0), hash: Hash }).optional(),
});
export type MatchLog = z.infer<typeof MatchLog>;

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

/** Opens a match from its header, before any command. */
export function openMatch(header: LogHeader): Head {
  return {
    state: createMatch(header.scenario, header.settings, header.seed),
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
    ? { type: "bot/reason", to: actor.team, text: `Bot ${actor.role}: ${note}` }
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

/** A verified replay: the log, its scenario and the head after the last entry. */
export type Replayed = { readonly ok: true; readonly log: MatchLog; readonly head: Head };

/**
 * Replays a log, checking it as it goes (DESIGN: every match replays exactly): the schema, then each
 * entry's sequence number and its hash chained to the one before (any changed, dropped, reordered or
 * inserted entry breaks it), that the rules accept its command, and at each checkpoint that the state
 * reproduces the recorded digest; a sealed log must also be complete and end in the sealed state.
 * Reports the first bad entry.
 */
export function replay(
  data: unknown,
  onStep?: (head: Head, entry: LogEntry, events: readonly GameEvent[]) => void,
): Replayed | { readonly ok: false; readonly error: LogError } {
  const versions = checkVersions(data);
  if (versions) return { ok: false, error: versions };
  const parsed = MatchLog.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      error: { code: "log/invalid", message: formatZodError(parsed.error).join("; ") },
    };
  const log = parsed.data;
  let head = openMatch(log.header);
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
  return { ok: true, log, head };
}

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
