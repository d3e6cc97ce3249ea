/**
 * Server benchmark: memory per idle match, then M matches × 4 clients each sending an intent every
 * 500 ms, against the game's server and against a bare Colyseus room with a comparable state, with
 * the same driver in the same run. Run with `npm run bench -- server`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Room } from "@colyseus/sdk";
import {
  classAddress,
  drive,
  type LoadResult,
  rssMb,
  SEATS,
  sdk,
  settle,
  startProcess,
  stop,
  type Target,
} from "./load.ts";

/** Matches × 4 seats the server is driven at (`BENCH_LOADS=250,1000` picks others). */
export const LOADS = (process.env.BENCH_LOADS ?? "25,250,500,1000").split(",").map(Number);
const INTERVAL_MS = 500;
const DURATION_MS = 15_000;
const IDLE_MATCHES = 200;

/** Opens `count` items with at most `width` at a time. */
async function inBatches<T>(
  count: number,
  width: number,
  open: (i: number) => Promise<T[]>,
): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < count; i += width)
    all.push(
      ...(
        await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, k) => open(i + k)))
      ).flat(),
    );
  return all;
}

async function gameServer(dir: string, name: string): Promise<Target> {
  return startProcess("server/main.ts", 2581, {
    DB_PATH: join(dir, `${name}.sqlite`),
    CLIENT_DIR: dir,
    TRUST_PROXY: "127.0.0.1",
  });
}

/** Creates a session of `tables` tables as the class at `from` would. */
async function createSession(target: Target, tables: number, from: string) {
  const response = await fetch(`${target.url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from },
    body: JSON.stringify({ tables, rounds: 4 }),
  });
  return (await response.json()) as {
    code: string;
    facilitatorSecret: string;
    matches: { matchId: string }[];
  };
}

/** Silences a load client's messages and stops it reconnecting when its server is killed. */
function quiet(room: Room): Room {
  room.onMessage("*", () => undefined);
  room.reconnection.enabled = false;
  return room;
}

/**
 * Opens rooms on a fresh server process, drives the load through `load` (the rest only watch), then
 * closes everything and kills the process.
 */
async function measure(
  target: Target,
  matches: number,
  open: () => Promise<{ load: Room[]; watch: Room[] }>,
  intentFor: (client: number, i: number) => unknown,
): Promise<LoadResult> {
  try {
    await settle();
    const baseline = rssMb(target.process.pid ?? 0);
    const { load, watch } = await open();
    await settle();
    const result = await drive(
      target,
      load,
      matches,
      intentFor,
      INTERVAL_MS,
      DURATION_MS,
      baseline,
    );
    await Promise.all([...load, ...watch].map((r) => r.leave()));
    return result;
  } finally {
    await stop(target);
  }
}

/** The game's server under M matches: each started and at the table, its four seats chatting. */
async function loadGame(dir: string, matches: number): Promise<LoadResult> {
  const target = await gameServer(dir, `load-${matches}`);
  const open = async () => {
    const sessions = await inBatches(Math.ceil(matches / 25), 2, async (i) => [
      await createSession(target, 25, classAddress(i)),
    ]);
    const tables = sessions
      .flatMap((s) => s.matches.map((m) => ({ ...m, session: s })))
      .slice(0, matches);
    const watch: Room[] = [];
    const load = await inBatches(tables.length, 10, async (i) => {
      const table = tables[i];
      if (!table) return [];
      const client = sdk(target, classAddress(65_536 + i));
      const facilitator = quiet(
        await client.joinById(table.matchId, {
          facilitatorSecret: table.session.facilitatorSecret,
        }),
      );
      watch.push(facilitator);
      for (const type of ["match/start", "phase/advance", "phase/advance"])
        facilitator.send("intent", { intent: { type } });
      const seated: Room[] = [];
      for (const [team, role] of SEATS)
        seated.push(
          quiet(
            await client.joinById(table.matchId, {
              code: table.session.code,
              name: role,
              team,
              role,
            }),
          ),
        );
      return seated;
    });
    return { load, watch };
  };
  return measure(target, matches, open, (c, i) =>
    i % 3 === 0
      ? { type: "chat/table", text: `point ${i}` }
      : { type: "chat/team", text: `note ${i} from ${c}` },
  );
}

/** The bare room under the same load. */
async function loadBare(matches: number): Promise<LoadResult> {
  const target = await startProcess("tests/bench/bare-server.ts", 2582);
  const open = async () => {
    const client = sdk(target);
    const load = await inBatches(matches, 10, async () => {
      const first = quiet(await client.create("bare"));
      const rest = await Promise.all(
        [1, 2, 3].map(async () => quiet(await client.joinById(first.roomId))),
      );
      return [first, ...rest];
    });
    return { load, watch: [] };
  };
  return measure(target, matches, open, () => ({ type: "bump" }));
}

/** Memory of idle matches: sessions created, nobody connected. */
async function idleMemory(dir: string): Promise<{ baselineMb: number; perIdleMatchMb: number }> {
  const target = await gameServer(dir, "idle");
  try {
    await settle();
    const baselineMb = rssMb(target.process.pid ?? 0);
    for (let i = 0; i < IDLE_MATCHES / 10; i++) await createSession(target, 10, classAddress(i));
    await settle();
    return {
      baselineMb,
      perIdleMatchMb: (rssMb(target.process.pid ?? 0) - baselineMb) / IDLE_MATCHES,
    };
  } finally {
    target.process.kill("SIGKILL");
  }
}

export type ServerFigures = {
  readonly idle: { baselineMb: number; perIdleMatchMb: number };
  readonly runs: readonly {
    readonly matches: number;
    readonly ours: LoadResult;
    readonly bare: LoadResult;
  }[];
};

/** Runs the whole server benchmark. */
export async function benchServer(): Promise<ServerFigures> {
  const dir = mkdtempSync(join(tmpdir(), "trade-truce-bench-"));
  try {
    const idle = await idleMemory(dir);
    const runs = [];
    for (const matches of LOADS)
      runs.push({ matches, ours: await loadGame(dir, matches), bare: await loadBare(matches) });
    return { idle, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The most matches (of the loads run) a process served at p99 ≤ 100 ms, ours and the bare room's. */
export function capacity(figures: ServerFigures): { ours: number; bare: number } {
  const most = (pick: (run: ServerFigures["runs"][number]) => LoadResult) =>
    Math.max(0, ...figures.runs.filter((r) => pick(r).p99 <= 100).map((r) => r.matches));
  return { ours: most((r) => r.ours), bare: most((r) => r.bare) };
}

/** The server figures as a printed table. */
export function serverTable(figures: ServerFigures): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const lines = [
    `idle match: ${figures.idle.perIdleMatchMb.toFixed(3)} MB RSS each (baseline ${figures.idle.baselineMb.toFixed(0)} MB)`,
    "",
    "| load | server | p50 | p99 | max | CPU (one core) | RSS | RSS per match | intents | errors |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const run of figures.runs) {
    for (const [name, r] of [
      ["ours", run.ours],
      ["bare", run.bare],
    ] as const)
      lines.push(
        `| ${run.matches} × 4 | ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${(r.cpu * 100).toFixed(0)}% | ${r.rssMb.toFixed(0)} MB | ${r.rssPerMatchMb.toFixed(3)} MB | ${r.sent} | ${r.errors} |`,
      );
    lines.push(
      `| ${run.matches} × 4 | ours/bare | ${(run.ours.p50 / run.bare.p50).toFixed(2)}× | ${(run.ours.p99 / run.bare.p99).toFixed(2)}× | | ${(run.ours.cpu / run.bare.cpu).toFixed(2)}× | | | | |`,
    );
  }
  const most = capacity(figures);
  lines.push(
    "",
    `matches per process at p99 ≤ 100 ms (of the loads run): ours ${most.ours}, bare ${most.bare}`,
  );
  return lines.join("\n");
}
