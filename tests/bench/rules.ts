/**
 * Rules benchmark: how many commands per second `apply` handles, and how long replaying and
 * verifying a 10,000-entry match log takes against plain JSON.parse of the same file.
 * Run with `npm run bench`.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { nobleSha256Hex, useSha256 } from "../../shared/hash.ts";
import {
  apply,
  type Command,
  type LogEntry,
  type LogHeader,
  type MatchState,
  openMatch,
  replay,
  sealLog,
  simulate,
  step,
} from "../../shared/index.ts";
import { FACILITATOR, scenario } from "../shared/helpers.ts";
import { choice, commandFor } from "../shared/random-commands.ts";

const ENTRIES = 10_000;
const PER_PHASE = 200;

const header: LogHeader = {
  matchId: "bench",
  createdAt: "2026-11-28T00:00:00Z",
  scenario,
  seed: 2025,
  settings: { rounds: 12 },
};

/** Plays a long match of player commands (chat, drafts, proposals, moves, deliveries), advancing every PER_PHASE. */
function record(): { entries: LogEntry[]; states: MatchState[] } {
  const choices = fc.sample(choice, { seed: 1, numRuns: ENTRIES * 3 });
  let head = openMatch(header);
  const entries: LogEntry[] = [];
  const states: MatchState[] = [head.state];
  let inPhase = 0;
  for (const [actor, kind, a, b, c] of choices) {
    if (entries.length >= ENTRIES) break;
    const command: Command =
      head.state.phase === "setup" || inPhase >= PER_PHASE
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
    states.push(head.state);
  }
  return { entries, states };
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

const [{ entries, states }, recordMs] = time(record);
const log = sealLog(header, entries);
const text = JSON.stringify(log);
const types = new Map<string, number>();
for (const e of entries)
  types.set(e.command.intent.type, (types.get(e.command.intent.type) ?? 0) + 1);

const applyMs = best(5, () => {
  entries.forEach((e, i) => {
    const state = states[i];
    if (!state || !apply(scenario, state, e.command).ok) throw new Error(`entry ${e.seq} refused`);
  });
});
const parseMs = best(5, () => JSON.parse(text));
const replayWith = (sha256: (text: string) => string) => {
  useSha256(sha256);
  return best(5, () => {
    const result = replay(JSON.parse(text));
    if (!result.ok) throw new Error(result.error.message);
  });
};
const replayMs = replayWith(nobleSha256Hex);
const nativeMs = replayWith((t) => createHash("sha256").update(t).digest("hex"));

const SIMULATIONS = 200;
const simMs = time(() => {
  for (let seed = 1; seed <= SIMULATIONS; seed++)
    simulate(scenario, {
      seed,
      rounds: 4,
      strategies: { us: "linear", cn: "conceder" },
      compliance: 0.8,
    });
})[1];

const last = states[states.length - 1];
const rows: [string, string][] = [
  ["log entries", `${entries.length} (final phase: round ${last?.round} ${last?.phase})`],
  ["log file size", `${(text.length / 1024 / 1024).toFixed(2)} MB`],
  [
    "apply only",
    `${Math.round((entries.length / applyMs) * 1000).toLocaleString("en")} commands/s`,
  ],
  [
    "apply + hash chain (recording)",
    `${Math.round((entries.length / recordMs) * 1000).toLocaleString("en")} commands/s (incl. generation)`,
  ],
  [
    "bot-vs-bot matches (headless)",
    `${Math.round((SIMULATIONS / simMs) * 1000)} matches/s (4 rounds, linear vs conceder)`,
  ],
  ["JSON.parse of the log", `${parseMs.toFixed(1)} ms`],
  [
    "replay + verify, @noble/hashes",
    `${replayMs.toFixed(1)} ms (${(replayMs / parseMs).toFixed(1)}× JSON.parse)`,
  ],
  [
    "replay + verify, node:crypto",
    `${nativeMs.toFixed(1)} ms (${(nativeMs / parseMs).toFixed(1)}× JSON.parse)`,
  ],
];
console.log(`Rules benchmark, Node ${process.version}, best of 5\n`);
for (const [name, value] of rows) console.log(`${name.padEnd(32)} ${value}`);
console.log(`\ncommand mix: ${[...types].map(([t, n]) => `${t} ${n}`).join(", ")}`);
