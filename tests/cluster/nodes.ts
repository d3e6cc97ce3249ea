import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@colyseus/sdk";
import Redis from "ioredis";
import type { Intent } from "../../shared/index.ts";
import type { IntentResult } from "../../shared/protocol.ts";
import { type FreshPostgres, freshPostgres } from "../server/databases.ts";
import { type Player, startServerProcess, wrap } from "../server/helpers.ts";

/**
 * The Redis database the cluster tests use (emptied at the start of each suite): the machine's own
 * Redis, or `TEST_REDIS_URL`.
 */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/5";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An empty Redis database for one suite, or a failure saying how to start Redis. */
async function freshRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await redis.connect();
    await redis.flushdb();
  } catch (error) {
    throw new Error(
      `The cluster tests need Redis at ${REDIS_URL}, which is not reachable (${(error as Error).message}): start it with \`redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no\`, or set TEST_REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

/** Server processes sharing one PostgreSQL schema and one Redis database, as a deployment runs them. */
export class Cluster {
  private readonly dir = mkdtempSync(join(tmpdir(), "trade-truce-cluster-"));
  private readonly processes = new Map<number, ChildProcess>();

  private constructor(private readonly database: FreshPostgres) {}

  static async create(): Promise<Cluster> {
    await freshRedis();
    return new Cluster(await freshPostgres());
  }

  /** Starts a server process on `port`, clients told to reach its rooms there unless `env` says otherwise. */
  async start(port: number, env: Record<string, string> = {}): Promise<void> {
    const dir = mkdtempSync(join(this.dir, `${port}-`));
    const child = await startServerProcess(port, dir, {
      REDIS_URL,
      DATABASE_URL: this.database.url,
      PUBLIC_ADDRESS: `localhost:${port}`,
      RECONNECT_SECONDS: "5",
      ...env,
    });
    this.processes.set(port, child);
  }

  /** Stops a process with a signal and waits for it to exit. */
  async stop(port: number, signal: "SIGKILL" | "SIGTERM"): Promise<void> {
    const child = this.processes.get(port);
    this.processes.delete(port);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  async close(): Promise<void> {
    for (const port of [...this.processes.keys()]) await this.stop(port, "SIGKILL");
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const urlOf = (port: number) => `http://localhost:${port}`;

/** Joins a table through the process at `port`, retrying while the table is being taken over. */
export async function joinThrough(
  port: number,
  matchId: string,
  options: Record<string, unknown>,
  patienceMs = 30_000,
): Promise<Player> {
  const start = Date.now();
  for (;;) {
    try {
      return await wrap(await new Client(urlOf(port)).joinById(matchId, options));
    } catch (error) {
      if (Date.now() - start > patienceMs)
        throw new Error(`could not join through ${port}: ${(error as Error).message}`);
      await sleep(200);
    }
  }
}

/** Sends an intent; resolves to its answer, or undefined if the connection closes or 3 s pass first. */
export function tryAct(player: Player, intent: Intent): Promise<IntentResult | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 3000);
    player.room.onLeave(() => resolve(undefined));
    player.act(intent).then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      () => resolve(undefined),
    );
  });
}
