/**
 * Rules benchmark: commands per second through `apply` on a realistic mix, replay-with-verification
 * of 1,000 to 100,000-entry logs beside `JSON.parse` of the same files, the cost of the durable
 * store, and headless bot-vs-bot matches per second.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import fc from "fast-check";
import { nativeSha256Hex } from "../../server/secrets.ts";
import { postgres, type Sql, sqlite } from "../../server/sql.ts";
import { Store } from "../../server/store.ts";
import { nobleSha256Hex, useSha256 } from "../../shared/hash.ts";
import {
  apply,
  type Command,
  LOG_VERSION,
  type LogEntry,
  type LogHeader,
  type MatchState,
  makeHeader,
  openMatch,
  RULES_VERSION,
  replay,
  sealLog,
  simulate,
  step,
} from "../../shared/index.ts";
import { freshPostgres } from "../server/databases.ts";
import { FACILITATOR, scenario } from "../shared/helpers.ts";
import { choice, commandFor } from "../shared/random-commands.ts";

const header = (_entries: number): LogHeader =>
  makeHeader({
    matchId: "bench",
    createdAt: "2026-11-28T00:00:00Z",
    scenario,
    seed: 2025,
    settings: { rounds: 12, implementation: 0 },
  });

/** Plays a long match of player commands (chat, drafts, proposals, moves, deliveries), spreading them over its phases. */
function record(count: number): {
  entries: LogEntry[];
  states: MatchState[];
  commands: Command[];
} {
  const perPhase = Math.ceil(count / 46);
  let head = openMatch(header(count));
  const entries: LogEntry[] = [];
  const commands: Command[] = [];
  const states: MatchState[] = [head.state];
  let inPhase = 0;
  for (
    let batch = 1;
    entries.length < count && head.state.phase !== "ended" && batch <= 40;
    batch++
  )
    for (const [actor, kind, a, b, c] of fc.sample(choice, { seed: batch, numRuns: count })) {
      if (entries.length >= count || head.state.phase === "ended") break;
      const command: Command =
        head.state.phase === "setup" || inPhase >= perPhase
          ? {
              actor: FACILITATOR,
              intent: { type: head.state.phase === "setup" ? "match/start" : "phase/advance" },
            }
          : commandFor(head.state, [actor % 4, kind % 40, a, b, c === 0 ? 1 : c]);
      if (command.intent.type === "team/ready") continue;
      const result = step(scenario, head, command, 1_700_000_000_000 + entries.length * 250);
      if (!result.ok) continue;
      inPhase = result.head.state.phase === head.state.phase ? inPhase + 1 : 0;
      head = result.head;
      entries.push(result.entry);
      commands.push(command);
      states.push(head.state);
    }
  return { entries, states, commands };
}

/**
 * The long match, recorded once per log format and rules version and kept in test-output/bench:
 * recording takes minutes (the command generator asks every seat's legal actions, which grow with
 * the match), replaying it seconds. Its commands and the states before its first `kept` entries come
 * from replaying it; the rest are not kept, so that a heap of old states does not slow what is timed.
 */
function longLog(count: number, kept: number): ReturnType<typeof record> {
  const file = resolve(
    import.meta.dirname,
    `../../test-output/bench/long-log-${count}-v${LOG_VERSION}-r${RULES_VERSION}.json`,
  );
  const states: MatchState[] = [];
  const load = () => {
    states.length = 0;
    return existsSync(file)
      ? replay(JSON.parse(readFileSync(file, "utf8")), (head) => {
          if (head.seq < kept) states.push(head.state);
        })
      : undefined;
  };
  let replayed = load();
  if (!replayed?.ok) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(sealLog(header(count), record(count).entries)));
    replayed = load();
  }
  if (!replayed?.ok) throw new Error(`${file}: ${replayed?.error.message}`);
  const { entries } = replayed.log;
  return {
    entries,
    states: [openMatch(replayed.log.header).state, ...states],
    commands: entries.map((e) => e.command),
  };
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

function best(runs: number, run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) fastest = Math.min(fastest, time(run)[1]);
  return fastest;
}

/** Replay of one log size: the file, JSON.parse alone, and replay with each SHA-256. */
export type ReplayFigure = {
  entries: number;
  megabytes: number;
  parseMs: number;
  nobleMs: number;
  nativeMs: number;
};

export type RulesFigures = {
  readonly applyPerSecond: number;
  readonly mix: Readonly<Record<string, number>>;
  readonly replays: readonly ReplayFigure[];
  readonly durability: {
    readonly withStorePerSecond: number;
    readonly withPostgresPerSecond: number;
    readonly withoutStorePerSecond: number;
  };
  readonly botMatchesPerSecond: number;
};

function replayFigure(entries: LogEntry[], runs: number): ReplayFigure {
  const text = JSON.stringify(sealLog(header(entries.length), entries));
  const parseMs = best(runs, () => JSON.parse(text));
  const replayWith = (sha256: (text: string) => string) => {
    useSha256(sha256);
    return best(runs, () => {
      const result = replay(JSON.parse(text));
      if (!result.ok) throw new Error(result.error.message);
    });
  };
  const nobleMs = replayWith(nobleSha256Hex);
  const nativeMs = replayWith(nativeSha256Hex);
  return {
    entries: entries.length,
    megabytes: text.length / 1024 / 1024,
    parseMs,
    nobleMs,
    nativeMs,
  };
}

/**
 * Accepted commands per second with every entry appended to a store and flushed as its own
 * transaction (the worst case: the server groups a patch interval's entries in one).
 */
async function withStore(commands: Command[], db: Sql): Promise<number> {
  const store = await Store.open(db);
  const h = header(commands.length);
  await store.createMatch("bench", "bench", 1, h, { owner: "bench", until: 0 });
  let head = openMatch(h);
  const start = performance.now();
  for (const [i, command] of commands.entries()) {
    const result = step(scenario, head, command, 1_700_000_000_000 + i * 250);
    if (!result.ok) throw new Error(result.error.message);
    head = result.head;
    store.writes.append("bench", result.entry);
    await store.writes.flush();
  }
  const ms = performance.now() - start;
  await store.close();
  return (commands.length / ms) * 1000;
}

/** The same commands stepped with no store, with each entry flushed to SQLite, and to PostgreSQL. */
async function durability(commands: Command[]): Promise<RulesFigures["durability"]> {
  useSha256(nativeSha256Hex);
  const without = time(() => {
    let head = openMatch(header(commands.length));
    commands.forEach((command, i) => {
      const result = step(scenario, head, command, 1_700_000_000_000 + i * 250);
      if (!result.ok) throw new Error(result.error.message);
      head = result.head;
    });
  })[1];
  const dir = mkdtempSync(join(tmpdir(), "trade-truce-durability-"));
  const sqlitePerSecond = await withStore(commands, sqlite(join(dir, "bench.sqlite")));
  rmSync(dir, { recursive: true, force: true });
  const database = await freshPostgres();
  const postgresPerSecond = await withStore(commands, postgres(database.url));
  await database.drop();
  return {
    withStorePerSecond: sqlitePerSecond,
    withPostgresPerSecond: postgresPerSecond,
    withoutStorePerSecond: (commands.length / without) * 1000,
  };
}

/** Runs the whole rules benchmark. */
export async function benchRules(): Promise<RulesFigures> {
  useSha256(nativeSha256Hex);
  const big = longLog(100_000, 10_000);
  const ten = big.entries.slice(0, 10_000);
  const applyMs = best(3, () => {
    ten.forEach((e, i) => {
      const state = big.states[i];
      if (!state || !apply(scenario, state, e.command).ok)
        throw new Error(`entry ${e.seq} refused`);
    });
  });
  const mix: Record<string, number> = {};
  for (const e of ten) mix[e.command.intent.type] = (mix[e.command.intent.type] ?? 0) + 1;
  const replays = [
    replayFigure(big.entries.slice(0, 1_000), 5),
    replayFigure(ten, 3),
    replayFigure(big.entries, 1),
  ];
  const simulations = 50;
  useSha256(nativeSha256Hex);
  const simMs = time(() => {
    for (let seed = 1; seed <= simulations; seed++)
      simulate(scenario, {
        seed,
        rounds: 4,
        strategies: { us: "linear", cn: "conceder" },
        compliance: 0.8,
        implementation: 2,
      });
  })[1];
  return {
    applyPerSecond: (ten.length / applyMs) * 1000,
    mix,
    replays,
    durability: await durability(big.commands.slice(0, 10_000)),
    botMatchesPerSecond: (simulations / simMs) * 1000,
  };
}

/** The rules figures as a printed table. */
export function rulesTable(f: RulesFigures): string {
  const n = (x: number) => Math.round(x).toLocaleString("en");
  const lines = [
    `apply: ${n(f.applyPerSecond)} commands/s (mix of 10,000: ${Object.entries(f.mix)
      .map(([t, c]) => `${t} ${c}`)
      .join(", ")})`,
    `durable store, each entry its own transaction: ${n(f.durability.withStorePerSecond)} commands/s in SQLite (WAL, synchronous=NORMAL), ${n(f.durability.withPostgresPerSecond)} in PostgreSQL, vs ${n(f.durability.withoutStorePerSecond)} with no store`,
    `bots: ${n(f.botMatchesPerSecond)} bot-vs-bot matches/s headless (4 rounds)`,
    "",
    "| log entries | size | JSON.parse | replay + verify (node:crypto) | × parse | replay + verify (@noble/hashes, browser) | µs per entry |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of f.replays)
    lines.push(
      `| ${n(r.entries)} | ${r.megabytes.toFixed(1)} MB | ${r.parseMs.toFixed(1)} ms | ${r.nativeMs.toFixed(0)} ms | ${(r.nativeMs / r.parseMs).toFixed(0)}× | ${r.nobleMs.toFixed(0)} ms | ${((r.nativeMs * 1000) / r.entries).toFixed(0)} |`,
    );
  return lines.join("\n");
}
