import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join as joinPath, resolve } from "node:path";
import type { Room as SdkRoom } from "@colyseus/sdk";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { WebSocket } from "ws";
import { createGameServer, type GameServerOptions } from "../../server/app.ts";
import type { TableKeeper } from "../../server/cluster.ts";
import type { MatchRoom } from "../../server/MatchRoom.ts";
import { sqlite } from "../../server/sql.ts";
import { Store } from "../../server/store.ts";
import type { Intent } from "../../shared/index.ts";
import type { IntentResult, SeatMessage } from "../../shared/protocol.ts";

globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;

/** The port `@colyseus/testing` always listens on. */
export const TEST_URL = "http://localhost:2568";

/** A real game server on a real SQLite file in a fresh folder. */
export type TestServer = {
  readonly colyseus: ColyseusTestServer;
  readonly store: Store;
  /** The server's leases on its tables (as `sweep` and `expireIdleSessions` take them, with the store). */
  readonly tables: TableKeeper;
  readonly dir: string;
  readonly clientDir: string;
  stop(): Promise<void>;
};

/** Starts a server on a fresh store; `prepareClient` may build the client into its folder first. */
export async function startServer(
  reconnectSeconds = 2,
  prepareClient?: (clientDir: string) => Promise<void>,
  options: Partial<GameServerOptions> = {},
): Promise<TestServer> {
  const dir = mkdtempSync(joinPath(tmpdir(), "trade-truce-server-"));
  const store = await Store.open(sqlite(joinPath(dir, "store.sqlite")));
  const clientDir = joinPath(dir, "client");
  mkdirSync(clientDir);
  await prepareClient?.(clientDir);
  const { server, tables } = createGameServer({
    store,
    reconnectSeconds,
    clientDir,
    botDelayMs: 20,
    ...options,
  });
  const colyseus = await boot(server);
  const http = (colyseus.server.transport as unknown as { server: Server }).server;
  // Each test boots a new server on the same port: no HTTP connection may outlive one.
  http.prependListener("request", (_request, response) =>
    response.setHeader("connection", "close"),
  );
  return {
    colyseus,
    store,
    tables,
    dir,
    clientDir,
    async stop() {
      await colyseus.shutdown();
      http.closeAllConnections();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What `POST /api/sessions` answers. */
export type CreatedSession = {
  readonly code: string;
  readonly facilitatorSecret: string;
  readonly matches: readonly { readonly matchId: string; readonly table: number }[];
};

/** Creates a session over HTTP, as a facilitator's browser does. */
export async function createSession(
  server: TestServer,
  body: Record<string, unknown> = {},
): Promise<CreatedSession> {
  const response = await server.colyseus.http.post("/api/sessions", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rounds: 2, implementationRounds: 0, ...body }),
  });
  if (response.statusCode !== 201) throw new Error(`session not created: ${response.statusCode}`);
  return response.data as CreatedSession;
}

/** A session with one table and its facilitator connected: what most server tests start from. */
export async function openTable(server: TestServer, body: Record<string, unknown> = {}) {
  const session = await createSession(server, body);
  const matchId = session.matches[0]?.matchId ?? "";
  const facilitator = await join(server, matchId, { facilitatorSecret: session.facilitatorSecret });
  return { session, matchId, facilitator };
}

/** A connected SDK client that records every message it receives. */
export type Player = {
  readonly room: SdkRoom;
  readonly seat: SeatMessage;
  readonly received: { type: string | number; message: unknown }[];
  /** Sends an intent and waits for its result. */
  act(intent: Intent | Record<string, unknown>): Promise<IntentResult>;
  /** Sends a whole `intent` message (with any extra fields) and waits for its result. */
  send(message: Record<string, unknown>): Promise<IntentResult>;
  /** Waits until the decoded state satisfies a condition. */
  until(check: (state: Record<string, unknown>) => boolean): Promise<void>;
};

let refs = 0;

/** Joins a room with the real SDK and wraps it. */
export async function join(
  server: TestServer,
  matchId: string,
  options: Record<string, unknown>,
): Promise<Player> {
  const room = await server.colyseus.sdk.joinById(matchId, options);
  return wrap(room);
}

export async function wrap(room: SdkRoom): Promise<Player> {
  const received: Player["received"] = [];
  let seat: SeatMessage | undefined;
  const seated = new Promise<void>((resolve) => {
    room.onMessage("*", (type, message) => {
      received.push({ type, message });
      if (type === "seat") {
        seat = message as SeatMessage;
        resolve();
      }
    });
  });
  await seated;
  const player: Player = {
    room,
    get seat() {
      if (!seat) throw new Error("not seated");
      return seat;
    },
    received,
    act(intent) {
      return player.send({ intent });
    },
    send(message) {
      const ref = `r${++refs}`;
      return new Promise((resolve) => {
        const stop = room.onMessage("result", (result: IntentResult) => {
          if (result.ref !== ref) return;
          stop();
          resolve(result);
        });
        room.send("intent", { ...message, ref });
      });
    },
    async until(check) {
      for (let i = 0; i < 200; i++) {
        if (check(room.state.toJSON())) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`state never matched: ${JSON.stringify(room.state.toJSON()).slice(0, 400)}`);
    },
  };
  return player;
}

/** The server-side room of a match. */
export function roomOf(server: TestServer, matchId: string): MatchRoom {
  return server.colyseus.getRoomById(matchId) as unknown as MatchRoom;
}

/** Expects an intent to be accepted. */
export async function ok(player: Player, intent: Intent): Promise<void> {
  const result = await player.act(intent);
  if (!result.ok) throw new Error(`${intent.type} refused: ${result.code} ${result.message}`);
}

/**
 * Six accepted commands that leave a match at the table with an agreement pending: the facilitator
 * starts it and advances twice, the US writes in caucus, China tables a package and the US accepts.
 */
export async function playToAgreement(facilitator: Player, us: Player, cn: Player): Promise<void> {
  await ok(facilitator, { type: "match/start" });
  await ok(facilitator, { type: "phase/advance" });
  await ok(us, { type: "chat/team", text: "Hold the line on chips." });
  await ok(facilitator, { type: "phase/advance" });
  await ok(cn, {
    type: "proposal/table",
    package: {
      levels: { "rare-earths": 2, "us-export-controls": 2 },
      commitments: [],
      snapback: false,
    },
  });
  await ok(us, { type: "proposal/accept", proposalId: "p1" });
}

/**
 * Starts `server/main.ts` as its own process on port `port` with its store in `dir`, as `npm start`
 * runs it, and waits for its ready line (or fails with what it printed).
 */
export async function startServerProcess(
  port: number,
  dir: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const started = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      PORT: String(port),
      DB_PATH: joinPath(dir, "store.sqlite"),
      CLIENT_DIR: dir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      started.kill("SIGKILL");
      fail(new Error(`server did not start: ${output}`));
    }, 20_000);
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Trade Truce is ready")) {
        clearTimeout(timer);
        ready();
      }
    });
    started.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.on("exit", (code) => fail(new Error(`server exited with ${code}: ${output}`)));
  });
  return started;
}
