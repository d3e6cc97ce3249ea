import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { defineRoom, defineServer } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { stampClientAddresses } from "./address.ts";
import type { ServerContext } from "./context.ts";
import { fallbackHandler, routes } from "./http.ts";
import { joinGate } from "./join.ts";
import { matchRoomFor } from "./MatchRoom.ts";
import { RETENTION } from "./retention.ts";
import { logSigner } from "./signing.ts";

/** Largest WebSocket message accepted; intents are far smaller, and anything bigger closes the socket. */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/** How long a bot waits before acting in an untimed session, unless told otherwise. */
export const BOT_DELAY_MS = 1200;

/** Options of a game server. */
export type GameServerOptions = Omit<
  ServerContext,
  "botDelayMs" | "gate" | "signer" | "importStoreBytes"
> & {
  /** The key logs are signed with (`loadLogKey`); a fresh one per process if none is given. */
  readonly logKey?: Buffer;
  readonly clientDir: string;
  readonly botDelayMs?: number;
  /** Megabytes of imported logs the store may hold (`IMPORT_STORE_MB`). */
  readonly importStoreMb?: number;
  /** Addresses of proxies whose `X-Forwarded-For` names the client (the `TRUST_PROXY` setting). */
  readonly trustProxy?: readonly string[];
};

/** The Colyseus server: match rooms, the HTTP API and the built client, all on one port. */
export function createGameServer(options: GameServerOptions) {
  const context: ServerContext = {
    store: options.store,
    gate: joinGate(options.store),
    signer: logSigner(options.logKey ?? randomBytes(32)),
    reconnectSeconds: options.reconnectSeconds,
    botDelayMs: options.botDelayMs ?? BOT_DELAY_MS,
    importStoreBytes: (options.importStoreMb ?? RETENTION.importStoreMb) * 1024 * 1024,
  };
  const http = createServer();
  stampClientAddresses(http, options.trustProxy ?? []);
  http.on("request", fallbackHandler(context, options.clientDir));
  return defineServer({
    greet: false,
    transport: new WebSocketTransport({ server: http, maxPayload: MAX_MESSAGE_BYTES }),
    rooms: { match: defineRoom(matchRoomFor(context)) },
    routes: routes(context, options.clientDir),
  });
}
