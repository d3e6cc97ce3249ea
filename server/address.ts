import type { IncomingMessage, Server } from "node:http";

/** The header the server writes on every request with the client's address (a client's own is overwritten). */
export const CLIENT_ADDRESS = "x-trade-truce-client";

const plain = (address: string) => address.trim().replace(/^::ffff:/, "");

/**
 * The address a request comes from: its socket's peer, or — only when that peer is a proxy named in
 * `trustedProxies` (the `TRUST_PROXY` setting) — the nearest address in `X-Forwarded-For` that is not
 * itself a trusted proxy. A client cannot choose its address by sending the header itself.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = plain(request.socket.remoteAddress ?? "unknown");
  if (!trustedProxies.includes(peer)) return peer;
  const hops = String(request.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map(plain)
    .filter(Boolean);
  return hops.reverse().find((hop) => !trustedProxies.includes(hop)) ?? peer;
}

/**
 * Stamps every request and WebSocket upgrade a server receives with its client's address, before any
 * listener sees it: Colyseus puts its own router's listener first, so a listener of ours would come
 * too late for the routes' and the matchmaker's limits.
 */
export function stampClientAddresses(server: Server, trustedProxies: readonly string[]): void {
  const emit = server.emit.bind(server);
  server.emit = ((event: string, ...args: unknown[]) => {
    if (event === "request" || event === "upgrade") {
      const request = args[0] as IncomingMessage;
      request.headers[CLIENT_ADDRESS] = clientAddress(request, trustedProxies);
    }
    return emit(event, ...args);
  }) as Server["emit"];
}
