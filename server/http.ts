import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createEndpoint, createRouter, matchMaker } from "@colyseus/core";
import { loadScenario, type MatchLog, parseJson } from "../shared/index.ts";
import { CreateSession, LogOrigin, QuickMatch } from "../shared/protocol.ts";
import { CLIENT_ADDRESS } from "./address.ts";
import { boundedText, jsonBody } from "./bodies.ts";
import type { ServerContext } from "./context.ts";
import { NOT_BUILT, TYPES } from "./fallback.ts";
import { forkRoute } from "./forks.ts";
import { verifyInWorker } from "./imports.ts";
import { windowLimiter } from "./rate-limit.ts";
import { hashSecret, newId, newSecret, normaliseCode } from "./secrets.ts";
import { createSession, openTables, quickSeat, SCENARIOS, scenarioOf } from "./sessions.ts";
import { sealOf } from "./signing.ts";

/** Join-code lookups one address may make per minute. */
export const JOIN_LOOKUPS_PER_MINUTE = 20;
/**
 * Calls each limited route takes per minute from one client address (for sessions, tables opened);
 * beyond that it answers 429.
 */
export const ROUTE_LIMITS = {
  join: JOIN_LOOKUPS_PER_MINUTE,
  tables: 60,
  sessions: 40,
  quick: 30,
  matches: 60,
  logs: 6,
  forks: 6,
  imports: 60,
  origin: 60,
} as const;
/** Largest log file accepted for import. */
export const MAX_LOG_BYTES = 20 * 1024 * 1024;
/** Largest body of the API's small requests (a quick match's name, a log's seal). */
export const MAX_SMALL_BODY_BYTES = 4096;
/** Largest body the matchmaker reads: a join's options. */
export const MAX_JOIN_BODY_BYTES = 64 * 1024;
/** Largest body of a new session: its settings and the teacher's own scenario, if any. */
export const MAX_SESSION_BYTES = 512 * 1024;

const problem = (status: number, code: string, message: string) =>
  Response.json({ ok: false, error: { code, message } }, { status });

function bearer(headers: Headers | undefined): string {
  return headers?.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
}

/** The HTTP API (JSON) and the built client, on the same port as the WebSockets. */
export function routes(context: ServerContext, clientDir: string) {
  const { store } = context;
  const started = Date.now();
  const windows = Object.fromEntries(
    Object.entries(ROUTE_LIMITS).map(([route, perMinute]) => [
      route,
      windowLimiter(context.presence, route, perMinute),
    ]),
  );
  /** A 429 when the client's address has used up a route's calls this minute. */
  const throttle = async (
    route: keyof typeof ROUTE_LIMITS,
    headers: Headers | undefined,
    weight = 1,
  ) =>
    (await windows[route]?.(Date.now(), headers?.get(CLIENT_ADDRESS) ?? "unknown", weight))
      ? undefined
      : problem(
          429,
          route === "join" ? "join/too-many" : "rate/limited",
          "Too many requests from your address; wait a minute.",
        );

  const health = createEndpoint("/api/health", { method: "GET" }, async () =>
    Response.json({
      ok: true,
      liveMatches: (await store.liveMatches()).length,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    }),
  );

  const scenarios = createEndpoint("/api/scenarios", { method: "GET" }, async () =>
    Response.json(
      Object.values(SCENARIOS).map((s) => ({
        id: s.id,
        title: s.title,
        summary: s.summary,
        zh: s.zh,
        rounds: s.rounds,
        implementation: s.implementation,
        phases: s.phases,
        teams: s.teams.map((t) => ({ id: t.id, name: t.name, zh: t.zh, roles: t.roles })),
      })),
    ),
  );

  const create = createEndpoint(
    "/api/sessions",
    { method: "POST", disableBody: true, requireRequest: true },
    async (ctx) => {
      const text = await boundedText(ctx.request, MAX_SESSION_BYTES);
      if (text === undefined)
        return problem(
          413,
          "session/too-large",
          `A session's settings, with its scenario, may be at most ${MAX_SESSION_BYTES / 1024} kB.`,
        );
      const body = parseJson(text || "{}");
      const parsed = body.ok ? CreateSession.safeParse(body.value) : undefined;
      if (!parsed?.success)
        return problem(
          400,
          "session/invalid",
          parsed
            ? parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
            : "The body is not JSON.",
        );
      const refused = await throttle("sessions", ctx.request.headers, parsed.data.tables);
      if (refused) return refused;
      const own = parsed.data.scenario && loadScenario(parsed.data.scenario);
      if (own && !own.ok)
        return problem(400, "session/invalid-scenario", own.errors.slice(0, 50).join("\n"));
      if (!own && !SCENARIOS[parsed.data.scenarioId])
        return problem(404, "session/unknown-scenario", `No scenario "${parsed.data.scenarioId}".`);
      const created = await createSession(context, parsed.data, own ? own.value : undefined);
      return Response.json(
        {
          ok: true,
          sessionId: created.session.id,
          code: created.session.code,
          facilitatorSecret: created.facilitatorSecret,
          matches: created.matchIds.map((matchId, i) => ({ matchId, table: i + 1 })),
        },
        { status: 201 },
      );
    },
  );

  const joinInfo = createEndpoint("/api/join/:code", { method: "GET" }, async (ctx) => {
    const refused = await throttle("join", ctx.headers);
    if (refused) return refused;
    const session = await store.sessionByCode(normaliseCode(String(ctx.params.code)));
    if (!session)
      return problem(
        404,
        "join/bad-code",
        "No session has that code. Check it with your facilitator.",
      );
    const scenario = scenarioOf(session);
    const rooms = await matchMaker.query({ name: "match" });
    const botSeats = (matchId: string) =>
      (rooms.find((r) => r.roomId === matchId)?.metadata?.botSeats ?? []) as string[];
    return Response.json({
      ok: true,
      title: session.settings.title,
      scenario: scenario && {
        id: scenario.id,
        title: scenario.title,
        zh: scenario.zh,
        teams: scenario.teams.map((t) => ({
          id: t.id,
          name: t.name,
          zh: t.zh,
          roles: t.roles.filter((r) => session.settings.wildCards || r.constituency === undefined),
        })),
      },
      tables: await Promise.all(
        (await store.matchesOfSession(session.id)).map(async (m) => ({
          matchId: m.id,
          table: m.table,
          status: m.status,
          seatsTaken: (await store.seats(m.id)).map((s) => `${s.team}:${s.role}`),
          botSeats: botSeats(m.id),
        })),
      ),
    });
  });

  const tables = createEndpoint(
    "/api/tables",
    { method: "GET" },
    async (ctx) =>
      (await throttle("tables", ctx.headers)) ??
      Response.json({ ok: true, tables: await openTables() }),
  );

  const quick = createEndpoint(
    "/api/quick",
    { method: "POST", disableBody: true, requireRequest: true },
    async (ctx) => {
      const refused = await throttle("quick", ctx.request.headers);
      if (refused) return refused;
      const parsed = QuickMatch.safeParse(await jsonBody(ctx.request, MAX_SMALL_BODY_BYTES));
      if (!parsed.success)
        return problem(400, "quick/invalid", "Give a name of 1 to 40 characters.");
      return Response.json({ ok: true, ...(await quickSeat(context)) });
    },
  );

  const matches = createEndpoint("/api/matches", { method: "GET" }, async (ctx) => {
    const refused = await throttle("matches", ctx.headers);
    if (refused) return refused;
    const session = await store.sessionBySecret(bearer(ctx.headers));
    if (!session)
      return problem(401, "auth/facilitator", "Send the facilitator key as a Bearer token.");
    const rooms = await matchMaker.query({ name: "match" });
    return Response.json({
      ok: true,
      session: { id: session.id, code: session.code, settings: session.settings },
      matches: (await store.matchesOfSession(session.id)).map((m) => ({
        ...m,
        clients: rooms.find((r) => r.roomId === m.id)?.clients ?? 0,
      })),
    });
  });

  const importLog = createEndpoint(
    "/api/logs",
    { method: "POST", disableBody: true, requireRequest: true },
    async (ctx) => {
      const refused = await throttle("logs", ctx.request.headers);
      if (refused) return refused;
      const given = bearer(ctx.request.headers);
      if (given && !(await ownerKey(given)))
        return problem(
          401,
          "auth/import",
          "Import with a facilitator key or an import key this server gave you, or with none.",
        );
      const text = await boundedText(ctx.request, MAX_LOG_BYTES);
      if (text === undefined)
        return problem(
          413,
          "log/too-large",
          `A log file may be at most ${MAX_LOG_BYTES / 1024 / 1024} MB.`,
        );
      const bytes = Buffer.byteLength(text);
      if ((await store.importedBytes()) + bytes > context.importStoreBytes)
        return problem(
          507,
          "log/store-full",
          "The server holds as many imported logs as it may; try again once older imports expire.",
        );
      const verdict = await verifyInWorker({ text });
      if (!verdict.ok) return Response.json({ ok: false, error: verdict.error }, { status: 422 });
      const log = JSON.parse(text) as MatchLog & { signature?: unknown };
      const matchId = newId("i");
      const origin = context.signer.origin(sealOf(log), log.signature);
      const key = given || newSecret();
      const importKey = given ? undefined : key;
      await store.importLog(matchId, log, { keyHash: hashSecret(key), bytes, origin });
      const { ok: _, ...summary } = verdict;
      return Response.json({ ok: true, matchId, origin, importKey, ...summary }, { status: 201 });
    },
  );

  /**
   * Whether a key may own imports: a facilitator's, or an import key this server handed out (which
   * lives as long as one of its imports does).
   */
  const ownerKey = async (key: string) =>
    !!(await store.sessionBySecret(key)) || (await store.ownsImport(key));

  const importsList = createEndpoint("/api/logs", { method: "GET" }, async (ctx) => {
    const refused = await throttle("imports", ctx.headers);
    if (refused) return refused;
    const key = bearer(ctx.headers);
    if (!key || !(await ownerKey(key)))
      return problem(401, "auth/import", "Send the facilitator or import key as a Bearer token.");
    return Response.json({ ok: true, imports: await store.importsOf(key) });
  });

  const importDelete = createEndpoint(
    "/api/logs/:id",
    { method: "DELETE", disableBody: true },
    async (ctx) => {
      const refused = await throttle("imports", ctx.headers);
      if (refused) return refused;
      const matchId = String(ctx.params.id);
      if (!(await store.ownsImport(bearer(ctx.headers), matchId)))
        return problem(404, "log/unknown", "You have no imported log with that id.");
      await store.deleteMatch(matchId);
      return Response.json({ ok: true, deleted: matchId });
    },
  );

  const index = createEndpoint("/", { method: "GET" }, async () => {
    const page = await readFile(join(resolve(clientDir), "index.html")).catch(() => undefined);
    return page
      ? new Response(page, { headers: { "content-type": TYPES[".html"] ?? "text/html" } })
      : new Response(NOT_BUILT, { status: 503 });
  });

  const origin = createEndpoint(
    "/api/logs/origin",
    { method: "POST", disableBody: true, requireRequest: true },
    async (ctx) => {
      const refused = await throttle("origin", ctx.request.headers);
      if (refused) return refused;
      const parsed = LogOrigin.safeParse(await jsonBody(ctx.request, MAX_SMALL_BODY_BYTES));
      if (!parsed.success)
        return problem(400, "log/invalid", "Send { matchId, entries, hash, signature? }.");
      const { signature, ...seal } = parsed.data;
      return Response.json({
        ok: true,
        origin: context.signer.origin(seal, signature),
      });
    },
  );

  const forks = forkRoute(context, (headers) => throttle("forks", headers), problem);

  return createRouter(
    {
      forks,
      origin,
      health,
      scenarios,
      create,
      joinInfo,
      tables,
      quick,
      matches,
      importLog,
      importsList,
      importDelete,
      index,
    },
    {
      skipTrailingSlashes: true,
      // The router reads the matchmaker's bodies itself (every route of ours reads its own): a
      // join's options, bounded here, and JSON only (a malformed multipart body would be a 500).
      onRequest: async (request: Request) => {
        if (!request.body || !new URL(request.url).pathname.startsWith("/matchmake/")) return;
        const text = await boundedText(request, MAX_JOIN_BODY_BYTES);
        if (text === undefined)
          return problem(
            413,
            "http/too-large",
            `A join's options may be at most ${MAX_JOIN_BODY_BYTES / 1024} kB.`,
          );
        return new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: text,
        });
      },
      allowedMediaTypes: ["application/json"],
      onError: (error: unknown) =>
        error instanceof Error && "statusCode" in error && error.statusCode === 415
          ? problem(415, "http/media-type", "Send JSON, with Content-Type: application/json.")
          : undefined,
      // The router answers an address it half-matches (`/api//x`, `//`) with an empty 404.
      onResponse: (response: Response) =>
        response.status === 404 && !response.body
          ? problem(404, "api/unknown", "No such endpoint.")
          : undefined,
    },
  );
}
