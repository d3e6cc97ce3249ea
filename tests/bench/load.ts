/** A load driver on @colyseus/sdk 0.18, and the process measurements the server benchmark needs. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { WebSocket } from "ws";

globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

const root = resolve(import.meta.dirname, "../..");

/** A server under test, in a process of its own. */
export type Target = { readonly process: ChildProcess; readonly url: string };

/** Resident memory of a process, in MB. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

/** CPU seconds a process has used. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts a TypeScript entry point as a server process and waits for its ready line. */
export async function startProcess(
  entry: string,
  port: number,
  env: Record<string, string> = {},
): Promise<Target> {
  const profile = process.env.BENCH_PROFILE;
  const profiling = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...profiling, "--import", "tsx", entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((ready) =>
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && ready()),
  );
  return { process: child, url: `http://127.0.0.1:${port}` };
}

export const settle = (ms = 1500) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a server under test: at once (SIGKILL), or, when profiling (`BENCH_PROFILE=dir` writes a
 * CPU profile of every server process there), gracefully so that its profile is written.
 */
export async function stop(target: Target): Promise<void> {
  if (!process.env.BENCH_PROFILE) {
    target.process.kill("SIGKILL");
    return;
  }
  const exited = new Promise((resolve) => target.process.once("exit", resolve));
  target.process.kill("SIGINT");
  await exited;
}

/** What one load run measured. */
export type LoadResult = {
  readonly matches: number;
  readonly clients: number;
  readonly sent: number;
  readonly accepted: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly cpu: number;
  readonly rssMb: number;
  readonly rssPerMatchMb: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/**
 * Sends every client's intents every `intervalMs` for `durationMs`, and measures intent-to-patch
 * latency: the time until the answer, which both rooms send only after the state patch.
 */
export async function drive(
  target: Target,
  rooms: Room[],
  matches: number,
  intentFor: (client: number, i: number) => unknown,
  intervalMs: number,
  durationMs: number,
  baselineMb: number,
): Promise<LoadResult> {
  const pid = target.process.pid ?? 0;
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await Promise.all(
    rooms.map(async (room, c) => {
      const pending = new Map<string, number>();
      room.onMessage("result", (result: { ref: string; ok: boolean }) => {
        const at = pending.get(result.ref);
        if (at === undefined) return;
        pending.delete(result.ref);
        if (result.ok) latencies.push(performance.now() - at);
        else errors += 1;
      });
      await new Promise((r) => setTimeout(r, (c * 37) % intervalMs));
      for (let i = 0; performance.now() - started < durationMs; i++) {
        const ref = `${c}-${i}`;
        pending.set(ref, performance.now());
        room.send("intent", { ref, intent: intentFor(c, i) });
        sent += 1;
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    }),
  );
  await settle(1000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = (cpuSeconds(pid) - cpuBefore) / seconds;
  const rss = rssMb(pid);
  latencies.sort((a, b) => a - b);
  return {
    matches,
    clients: rooms.length,
    sent,
    accepted: latencies.length,
    errors: errors + (sent - latencies.length - errors),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? 0,
    cpu,
    rssMb: rss,
    rssPerMatchMb: (rss - baselineMb) / matches,
  };
}

/**
 * A fresh SDK client for a target; `from` names the client address its requests come from, as a
 * trusted proxy would (the game server runs with `TRUST_PROXY=127.0.0.1` under load, so that a
 * thousand classes are not one address to its per-address limits).
 */
export function sdk(target: Target, from?: string): Client {
  return new Client(target.url, from ? { headers: { "x-forwarded-for": from } } : undefined);
}

/** A distinct made-up client address for the i-th simulated class. */
export const classAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** The four seats of a table, each of which the load drives. */
export const SEATS = [
  ["us", "treasury"],
  ["us", "ustr"],
  ["cn", "vice-premier"],
  ["cn", "negotiator"],
] as const;
