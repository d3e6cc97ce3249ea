import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import {
  defineRoom,
  defineServer,
  LocalPresence,
  type MatchMakerDriver,
  type Presence,
} from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { stampClientAddresses } from "./address.ts";
import { adoptBeforeJoining, TableKeeper } from "./cluster.ts";
import type { ServerContext } from "./context.ts";
import { fallbackHandler } from "./fallback.ts";
import { routes } from "./http.ts";
import { joinGate } from "./join.ts";
import { matchRoomFor } from "./MatchRoom.ts";
import { RETENTION } from "./retention.ts";
import { newId } from "./secrets.ts";
import { openRoom } from "./sessions.ts";
import { logSigner } from "./signing.ts";

/** Largest WebSocket message accepted; intents are far smaller, and anything bigger closes the socket. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/** How long a bot waits before acting in an untimed session, unless told otherwise. */
export const BOT_DELAY_MS = 1200;

/** Options of a game server. */
export type GameServerOptions = Omit<
  ServerContext,
  "botDelayMs" | "gate" | "signer" | "importStoreBytes" | "presence" | "tables" | "clockScale"
> & {
  /** Runs timed phases this many times faster (a test setting: a 50-minute class in a few minutes). */
  readonly clockScale?: number;
  /** The key logs are signed with (`loadLogKey`); a fresh one per process if none is given. */
  readonly logKey?: Buffer;
  readonly clientDir: string;
  readonly botDelayMs?: number;
  /** Megabytes of imported logs the store may hold (`IMPORT_STORE_MB`). */
  readonly importStoreMb?: number;
  /** Shared with the other processes of a cluster (Redis); this process's memory if none. */
  readonly presence?: Presence;
  /** The matchmaker's listing of rooms, shared with the other processes of a cluster (Redis). */
  readonly driver?: MatchMakerDriver;
  /** Where clients reach this process's rooms (`PUBLIC_ADDRESS`, host:port[/path]), in a cluster. */
  readonly publicAddress?: string;
  /** Addresses of proxies whose `X-Forwarded-For` names the client (the `TRUST_PROXY` setting). */
  readonly trustProxy?: readonly string[];
};

/**
 * The Colyseus server (match rooms, the HTTP API and the built client, all on one port) and the
 * keeper of this process's tables, which the host starts once the server listens.
 */
export function createGameServer(options: GameServerOptions) {
  const presence = options.presence ?? new LocalPresence();
  const context: ServerContext = {
    store: options.store,
    gate: joinGate(options.store, presence),
    signer: logSigner(options.logKey ?? randomBytes(32)),
    reconnectSeconds: options.reconnectSeconds,
    botDelayMs: options.botDelayMs ?? BOT_DELAY_MS,
    importStoreBytes: (options.importStoreMb ?? RETENTION.importStoreMb) * 1024 * 1024,
    presence,
    tables: new TableKeeper(options.store, newId("p"), openRoom),
    clockScale: options.clockScale ?? 1,
  };
  const http = createServer();
  stampClientAddresses(http, options.trustProxy ?? []);
  adoptBeforeJoining(http, context.tables);
  http.on("request", fallbackHandler(context, options.clientDir));
  const server = defineServer({
    greet: false,
    presence,
    driver: options.driver,
    publicAddress: options.publicAddress,
    transport: new WebSocketTransport({ server: http, maxPayload: MAX_MESSAGE_BYTES }),
    rooms: { match: defineRoom(matchRoomFor(context)) },
    routes: routes(context, options.clientDir),
  });
  return { server, http, tables: context.tables };
}
