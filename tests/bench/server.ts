/**
 * Server benchmark: memory per idle and per active match, and intent-to-patch latency with a few
 * dozen matches of scripted clients, against a server running in its own process on 127.0.0.1.
 * Run with `npm run bench`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { WebSocket } from "ws";

globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

const PORT = 2581;
const URL = `http://127.0.0.1:${PORT}`;
const IDLE_MATCHES = 200;
const ACTIVE_MATCHES = 30;
const INTERVAL_MS = 500;
const DURATION_MS = 20_000;

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "trade-truce-bench-"));

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      DB_PATH: join(dir, "bench.sqlite"),
      CLIENT_DIR: dir,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((ready) =>
    server.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && ready()),
  );
  return server;
}

async function createSession(tables: number) {
  const response = await fetch(`${URL}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tables, rounds: 4 }),
  });
  return (await response.json()) as {
    code: string;
    facilitatorSecret: string;
    matches: { matchId: string }[];
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const server = await startServer();
const pid = server.pid ?? 0;
try {
  await settle();
  const baseline = rssMb(pid);
  for (let i = 0; i < IDLE_MATCHES / 10; i++) await createSession(10);
  await settle();
  const idle = rssMb(pid);

  const sdk = new Client(URL);
  const session = await createSession(ACTIVE_MATCHES);
  const seats = [
    ["us", "treasury"],
    ["us", "ustr"],
    ["cn", "vice-premier"],
    ["cn", "negotiator"],
  ] as const;
  const players: Room[] = [];
  for (const { matchId } of session.matches) {
    const facilitator = await sdk.joinById(matchId, {
      facilitatorSecret: session.facilitatorSecret,
    });
    facilitator.onMessage("*", () => undefined);
    facilitator.send("intent", { intent: { type: "match/start" } });
    facilitator.send("intent", { intent: { type: "phase/advance" } });
    facilitator.send("intent", { intent: { type: "phase/advance" } });
    for (const [team, role] of seats) {
      const room = await sdk.joinById(matchId, { code: session.code, name: role, team, role });
      room.onMessage("*", () => undefined);
      players.push(room);
    }
  }
  await settle();
  const connected = rssMb(pid);

  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await Promise.all(
    players.map(async (room, p) => {
      const pending = new Map<string, number>();
      room.onMessage("result", (result: { ref: string; ok: boolean }) => {
        const at = pending.get(result.ref);
        if (at === undefined) return;
        pending.delete(result.ref);
        if (result.ok) latencies.push(performance.now() - at);
        else errors += 1;
      });
      await new Promise((resolve) => setTimeout(resolve, (p * 37) % INTERVAL_MS));
      for (let i = 0; performance.now() - started < DURATION_MS; i++) {
        const ref = `${p}-${i}`;
        const intent =
          i % 3 === 0
            ? { type: "chat/table", text: `point ${i}` }
            : { type: "chat/team", text: `note ${i} from seat ${p}` };
        pending.set(ref, performance.now());
        room.send("intent", { ref, intent });
        sent += 1;
        await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
      }
    }),
  );
  await settle();
  const seconds = (performance.now() - started) / 1000;
  const cpu = (cpuSeconds(pid) - cpuBefore) / seconds;
  const active = rssMb(pid);
  latencies.sort((a, b) => a - b);

  console.log(`Server benchmark, Node ${process.version}, server in its own process\n`);
  const rows: [string, string][] = [
    ["baseline RSS", `${baseline.toFixed(1)} MB`],
    [
      `idle matches (${IDLE_MATCHES})`,
      `${((idle - baseline) / IDLE_MATCHES).toFixed(3)} MB RSS each`,
    ],
    [
      `active matches (${ACTIVE_MATCHES} × 4 clients)`,
      `${((active - idle) / ACTIVE_MATCHES).toFixed(3)} MB RSS each (${((connected - idle) / ACTIVE_MATCHES).toFixed(3)} MB on joining)`,
    ],
    [
      "intents sent",
      `${sent} (${(sent / seconds).toFixed(0)}/s), ${latencies.length} accepted, ${errors} refused`,
    ],
    [
      "intent-to-patch latency",
      `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms`,
    ],
    ["server CPU", `${(cpu * 100).toFixed(0)}% of one core`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(36)} ${value}`);
  for (const room of players) await room.leave();
} finally {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
