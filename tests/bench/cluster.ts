/**
 * Cluster benchmark (`npm run bench -- cluster`): one and two server processes sharing PostgreSQL
 * and Redis, driven from this process: matches created per second, intents answered per second at
 * p99 ≤ 100 ms, and the time a table is down when the process holding it is killed.
 */
import { Client, type Room } from "@colyseus/sdk";
import { Cluster, joinThrough, sleep, urlOf } from "../cluster/nodes.ts";
import { classAddress, drive, type LoadResult, SEATS, type Target } from "./load.ts";

/** Matches × 4 seats each cluster is driven at (`BENCH_CLUSTER_LOADS=…` picks others). */
const LOADS = (process.env.BENCH_CLUSTER_LOADS ?? "250,375,500").split(",").map(Number);
const PORTS = [2601, 2602];
const CREATED = 100;
const KILLS = 10;

type Session = { code: string; facilitatorSecret: string; matches: { matchId: string }[] };

/** Creates a session of `tables` tables through the process at `port`, as the class at `from`. */
async function createSession(port: number, tables: number, from: string): Promise<Session> {
  const response = await fetch(`${urlOf(port)}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from },
    body: JSON.stringify({ tables, rounds: 4 }),
  });
  if (response.status !== 201) throw new Error(`session not created: ${response.status}`);
  return (await response.json()) as Session;
}

const quiet = (room: Room) => {
  room.onMessage("*", () => undefined);
  room.reconnection.enabled = false;
  return room;
};

/** Starts `count` processes of a fresh cluster. */
async function cluster(count: number): Promise<Cluster> {
  const made = await Cluster.create();
  for (const port of PORTS.slice(0, count))
    await made.start(port, { TRUST_PROXY: "127.0.0.1", PUBLIC_ADDRESS: `127.0.0.1:${port}` });
  return made;
}

/** Matches created per second: sessions of ten tables, two at a time per process. */
async function creationRate(ports: readonly number[]): Promise<number> {
  const started = performance.now();
  const sessions = CREATED / 10;
  for (let i = 0; i < sessions; i += 2 * ports.length)
    await Promise.all(
      Array.from({ length: Math.min(2 * ports.length, sessions - i) }, (_, k) =>
        createSession(ports[k % ports.length] ?? 0, 10, classAddress(i + k)),
      ),
    );
  return CREATED / ((performance.now() - started) / 1000);
}

/** M matches × 4 seats chatting every 500 ms for 10 s, tables and seats spread over the processes. */
async function load(ports: readonly number[], matches: number, run: number): Promise<LoadResult> {
  const sessions = await Promise.all(
    Array.from({ length: Math.ceil(matches / 25) }, (_, i) =>
      createSession(ports[i % ports.length] ?? 0, 25, classAddress(run * 1000 + i)),
    ),
  );
  const tables = sessions.flatMap((s) => s.matches.map((m) => ({ ...m, s }))).slice(0, matches);
  const seats: Room[] = [];
  const facilitators: Room[] = [];
  for (let i = 0; i < tables.length; i += 10)
    await Promise.all(
      tables.slice(i, i + 10).map(async ({ matchId, s }, k) => {
        const port = ports[(i + k) % ports.length] ?? 0;
        const sdk = new Client(urlOf(port), {
          headers: { "x-forwarded-for": classAddress(65_536 + run * 1000 + i + k) },
        });
        const facilitator = quiet(
          await sdk.joinById(matchId, { facilitatorSecret: s.facilitatorSecret }),
        );
        for (const type of ["match/start", "phase/advance", "phase/advance"])
          facilitator.send("intent", { intent: { type } });
        for (const [team, role] of SEATS)
          seats.push(quiet(await sdk.joinById(matchId, { code: s.code, name: role, team, role })));
        facilitators.push(facilitator);
      }),
    );
  await sleep(1500);
  // `drive` reads a process's CPU and memory; across processes those are not this figure's point.
  const result = await drive(
    { process: { pid: process.pid } as Target["process"], url: "" },
    seats,
    matches,
    (c, i) => ({ type: "chat/team", text: `note ${i} from ${c}` }),
    500,
    10_000,
    0,
  );
  await Promise.all([...seats, ...facilitators].map((r) => r.leave()));
  return result;
}

/** Kill to first accepted intent after takeover, over `KILLS` kills of the process holding a table. */
async function failovers(made: Cluster): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < KILLS; i++) {
    const [holder, survivor] =
      i % 2 ? [PORTS[1] ?? 0, PORTS[0] ?? 0] : [PORTS[0] ?? 0, PORTS[1] ?? 0];
    const session = await createSession(holder, 1, classAddress(50_000 + i));
    const matchId = session.matches[0]?.matchId ?? "";
    const seat = await joinThrough(holder, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    seat.room.reconnection.enabled = false;
    const killed = performance.now();
    await made.stop(holder, "SIGKILL");
    for (;;) {
      const back = await joinThrough(survivor, matchId, { seatToken: seat.seat.token }, 60_000);
      const result = await back.act({ type: "chat/team", text: "back" });
      await back.room.leave();
      if (result.ok) break;
    }
    times.push(performance.now() - killed);
    await made.start(holder, { TRUST_PROXY: "127.0.0.1", PUBLIC_ADDRESS: `127.0.0.1:${holder}` });
  }
  return times;
}

export type ClusterFigures = {
  readonly byProcesses: readonly {
    readonly processes: number;
    readonly matchesCreatedPerSecond: number;
    readonly loads: readonly LoadResult[];
    /** Intents answered per second at the largest load with p99 ≤ 100 ms (0 if none). */
    readonly intentsPerSecondAtP99Under100: number;
  }[];
  readonly failoverMs: readonly number[];
};

/** Runs the whole cluster benchmark. */
export async function benchCluster(): Promise<ClusterFigures> {
  const byProcesses = [];
  let failoverMs: number[] = [];
  for (const processes of [1, 2]) {
    const made = await cluster(processes);
    try {
      const ports = PORTS.slice(0, processes);
      const matchesCreatedPerSecond = await creationRate(ports);
      const loads: LoadResult[] = [];
      for (const [run, matches] of LOADS.entries()) loads.push(await load(ports, matches, run + 1));
      const within = loads.filter((l) => l.p99 <= 100).at(-1);
      byProcesses.push({
        processes,
        matchesCreatedPerSecond,
        loads,
        intentsPerSecondAtP99Under100: within ? within.accepted / 10 : 0,
      });
      if (processes === 2) failoverMs = await failovers(made);
    } finally {
      await made.close();
    }
  }
  return { byProcesses, failoverMs };
}

/** The cluster figures as a printed table. */
export function clusterTable(f: ClusterFigures): string {
  const sorted = [...f.failoverMs].sort((a, b) => a - b);
  const lines = [
    "| processes | matches created/s | load | p50 | p99 | intents answered/s | errors |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const run of f.byProcesses)
    for (const l of run.loads)
      lines.push(
        `| ${run.processes} | ${run.matchesCreatedPerSecond.toFixed(1)} | ${l.matches} × 4 | ${l.p50.toFixed(1)} ms | ${l.p99.toFixed(1)} ms | ${(l.accepted / 10).toFixed(0)} | ${l.errors} |`,
      );
  lines.push(
    "",
    `intents answered per second at p99 ≤ 100 ms: ${f.byProcesses.map((r) => `${r.processes} process${r.processes > 1 ? "es" : ""} ${r.intentsPerSecondAtP99Under100.toFixed(0)}`).join(", ")}`,
    `failover (kill to first intent accepted after takeover), ${sorted.length} kills: p50 ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
  );
  return lines.join("\n");
}
