import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import type { ServerContext } from "./context.ts";
import { scenarioOf } from "./sessions.ts";
import { sealOf } from "./signing.ts";

/**
 * What Colyseus' router leaves to a plain Node handler: its Node adapter never ends responses whose
 * body exceeds 16 kB, so the built client's files and match-log downloads are served here, with the
 * API's errors for unknown API paths.
 */

/** Content types of the client's files, by extension. */
export const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/** What the page answers before the client is built. */
export const NOT_BUILT = "The client is not built yet: run `npm run build`.";

/** A Node request handler that Colyseus runs for every request its router does not claim. */
export type FallbackHandler = ((request: IncomingMessage, response: ServerResponse) => void) & {
  mountpath: string;
  handle: (request: IncomingMessage, response: ServerResponse) => void;
};

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers });
  response.end(body);
}

function sendProblem(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  send(response, status, JSON.stringify({ ok: false, error: { code, message } }), {
    "content-type": "application/json",
  });
}

/**
 * Serves what may be large — match logs and the built client's files — straight from Node: the
 * router's response adapter stalls on bodies over 16 kB. Colyseus hands this handler every request
 * its router does not claim, as it does an Express app (hence the name and `mountpath`).
 */
export function fallbackHandler(context: ServerContext, clientDir: string): FallbackHandler {
  const { store } = context;
  const root = resolve(clientDir);
  const file = async (path: string) => {
    const target = resolve(join(root, path));
    if (target !== root && !target.startsWith(root + sep)) return undefined;
    const info = await stat(target).catch(() => undefined);
    return info?.isFile()
      ? { body: await readFile(target), type: TYPES[extname(target)] ?? "application/octet-stream" }
      : undefined;
  };
  const log = async (request: IncomingMessage, response: ServerResponse, matchId: string) => {
    const match = await store.match(matchId);
    if (!match) return sendProblem(response, 404, "log/unknown", "No such match.");
    const key = (request.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const owner =
      (await store.sessionBySecret(key))?.id === match.sessionId ||
      (await store.ownsImport(key, match.id));
    const player = (await store.seatByToken(key))?.matchId === match.id;
    if (!owner && !player)
      return sendProblem(
        response,
        401,
        "auth/log",
        "Only the facilitator (or an import's owner), or a player of this match, may download its log.",
      );
    if (!owner && match.status === "live")
      return sendProblem(
        response,
        403,
        "log/not-yet",
        "The log holds both teams' briefs: players may download it once the match has ended.",
      );
    const log = await store.log(match.id);
    if (!log) return sendProblem(response, 404, "log/unknown", "No such match.");
    send(response, 200, JSON.stringify({ ...log, signature: context.signer.sign(sealOf(log)) }), {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="trade-truce-${match.id}.json"`,
    });
  };
  /** The scenario of the facilitator's session (the teacher's own, or a built-in one), as a file. */
  const scenario = async (request: IncomingMessage, response: ServerResponse) => {
    const key = (request.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const session = key ? await store.sessionBySecret(key) : undefined;
    const found = session && scenarioOf(session);
    if (!found)
      return sendProblem(response, 401, "auth/scenario", "Only the facilitator may download it.");
    send(response, 200, JSON.stringify(found, null, 2), {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="${found.id}.json"`,
    });
  };
  const app = async (request: IncomingMessage, response: ServerResponse) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://local").pathname);
    } catch {
      return sendProblem(response, 400, "http/bad-url", "The address is not validly encoded.");
    }
    const download = path.match(/^\/api\/matches\/([^/]+)\/log$/);
    if (download && request.method === "GET") return log(request, response, download[1] ?? "");
    if (path === "/api/session/scenario" && request.method === "GET")
      return scenario(request, response);
    if (path === "/api" || path.startsWith("/api/"))
      return sendProblem(response, 404, "api/unknown", `No endpoint ${path}.`);
    if (request.method !== "GET" && request.method !== "HEAD")
      return sendProblem(response, 405, "http/method", "Only GET here.");
    const found =
      (await file(path)) ?? (path.startsWith("/assets/") ? undefined : await file("index.html"));
    if (!found)
      return send(
        response,
        path.startsWith("/assets/") ? 404 : 503,
        path.startsWith("/assets/") ? "Not found." : NOT_BUILT,
      );
    const cache = path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    send(response, 200, found.body, { "content-type": found.type, "cache-control": cache });
  };
  const handler = ((request: IncomingMessage, response: ServerResponse) =>
    void app(request, response).catch(() => {
      if (!response.headersSent)
        sendProblem(response, 500, "http/internal", "The server could not answer this request.");
      else response.destroy();
    })) as FallbackHandler;
  Object.defineProperty(handler, "name", { value: "app" });
  handler.mountpath = "/";
  handler.handle = handler;
  return handler;
}
