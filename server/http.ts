import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { createEndpoint, createRouter, matchMaker } from "@colyseus/core";
import { replayText } from "../shared/index.ts";
import type { ServerContext } from "./MatchRoom.ts";
import { CreateSession, QuickMatch } from "./protocol.ts";
import { windowLimiter } from "./rate-limit.ts";
import { newId, normaliseCode } from "./secrets.ts";
import { createSession, openTables, quickSeat, SCENARIOS } from "./sessions.ts";

/** Join-code lookups one address may make per minute. */
export const JOIN_LOOKUPS_PER_MINUTE = 20;
/** Largest log file accepted for import. */
export const MAX_LOG_BYTES = 20 * 1024 * 1024;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

const problem = (status: number, code: string, message: string) =>
  Response.json({ ok: false, error: { code, message } }, { status });

function bearer(headers: Headers | undefined): string {
  return headers?.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
}

/** The HTTP API (JSON) and the built client, on the same port as the WebSockets. */
export function routes(context: ServerContext, clientDir: string) {
  const { store } = context;
  const lookups = windowLimiter(JOIN_LOOKUPS_PER_MINUTE);
  const started = Date.now();

  const health = createEndpoint("/api/health", { method: "GET" }, async () =>
    Response.json({
      ok: true,
      liveMatches: store.liveMatches().length,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    }),
  );

  const scenarios = createEndpoint("/api/scenarios", { method: "GET" }, async () =>
    Response.json(
      Object.values(SCENARIOS).map((s) => ({
        id: s.id,
        title: s.title,
        summary: s.summary,
        rounds: s.rounds.length,
        teams: s.teams.map((t) => ({ id: t.id, name: t.name, roles: t.roles })),
      })),
    ),
  );

  const create = createEndpoint("/api/sessions", { method: "POST" }, async (ctx) => {
    const parsed = CreateSession.safeParse(ctx.body ?? {});
    if (!parsed.success)
      return problem(
        400,
        "session/invalid",
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    if (!SCENARIOS[parsed.data.scenarioId])
      return problem(404, "session/unknown-scenario", `No scenario "${parsed.data.scenarioId}".`);
    const created = await createSession(store, parsed.data);
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
  });

  const joinInfo = createEndpoint("/api/join/:code", { method: "GET" }, async (ctx) => {
    const caller = ctx.headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";
    if (!lookups(Date.now(), caller))
      return problem(429, "join/too-many", "Too many join attempts; wait a minute.");
    const session = store.sessionByCode(normaliseCode(String(ctx.params.code)));
    if (!session)
      return problem(
        404,
        "join/bad-code",
        "No session has that code. Check it with your facilitator.",
      );
    const scenario = SCENARIOS[session.settings.scenarioId];
    return Response.json({
      ok: true,
      title: session.settings.title,
      scenario: scenario && {
        id: scenario.id,
        title: scenario.title,
        teams: scenario.teams.map((t) => ({ id: t.id, name: t.name, roles: t.roles })),
      },
      tables: store.matchesOfSession(session.id).map((m) => ({
        matchId: m.id,
        table: m.table,
        status: m.status,
        seatsTaken: store.seats(m.id).map((s) => `${s.team}:${s.role}`),
      })),
    });
  });

  const tables = createEndpoint("/api/tables", { method: "GET" }, async () =>
    Response.json({ ok: true, tables: await openTables() }),
  );

  const quick = createEndpoint("/api/quick", { method: "POST" }, async (ctx) => {
    const parsed = QuickMatch.safeParse(ctx.body ?? {});
    if (!parsed.success) return problem(400, "quick/invalid", "Give a name of 1 to 40 characters.");
    return Response.json({ ok: true, ...(await quickSeat(store)) });
  });

  const matches = createEndpoint("/api/matches", { method: "GET" }, async (ctx) => {
    const session = store.sessionBySecret(bearer(ctx.headers));
    if (!session)
      return problem(401, "auth/facilitator", "Send the facilitator key as a Bearer token.");
    const rooms = await matchMaker.query({ name: "match" });
    return Response.json({
      ok: true,
      session: { id: session.id, code: session.code, settings: session.settings },
      matches: store
        .matchesOfSession(session.id)
        .map((m) => ({ ...m, clients: rooms.find((r) => r.roomId === m.id)?.clients ?? 0 })),
    });
  });

  const log = createEndpoint("/api/matches/:id/log", { method: "GET" }, async (ctx) => {
    const match = store.match(String(ctx.params.id));
    if (!match) return problem(404, "log/unknown", "No such match.");
    const key = bearer(ctx.headers);
    const facilitator = store.sessionBySecret(key)?.id === match.sessionId;
    const player = store.seatByToken(key)?.matchId === match.id;
    if (!facilitator && !player)
      return problem(
        401,
        "auth/log",
        "Only the facilitator, or a player of this match, may download its log.",
      );
    if (!facilitator && match.status === "live")
      return problem(
        403,
        "log/not-yet",
        "The log holds both teams' briefs: players may download it once the match has ended.",
      );
    return new Response(JSON.stringify(store.log(match.id)), {
      headers: {
        "content-type": "application/json",
        "content-disposition": `attachment; filename="trade-truce-${match.id}.json"`,
      },
    });
  });

  const importLog = createEndpoint(
    "/api/logs",
    { method: "POST", disableBody: true, requireRequest: true },
    async (ctx) => {
      const length = Number(ctx.request.headers.get("content-length") ?? 0);
      if (length > MAX_LOG_BYTES)
        return problem(
          413,
          "log/too-large",
          `A log file may be at most ${MAX_LOG_BYTES / 1024 / 1024} MB.`,
        );
      const text = await ctx.request.text();
      if (text.length > MAX_LOG_BYTES)
        return problem(
          413,
          "log/too-large",
          `A log file may be at most ${MAX_LOG_BYTES / 1024 / 1024} MB.`,
        );
      const result = replayText(text);
      if (!result.ok) return Response.json({ ok: false, error: result.error }, { status: 422 });
      const matchId = newId("i");
      store.createMatch(matchId, "imported", 0, result.log.header, "imported");
      store.appendAll(matchId, result.log.entries);
      const state = result.head.state;
      return Response.json(
        {
          ok: true,
          matchId,
          entries: result.head.seq,
          hash: result.head.hash,
          round: state.round,
          phase: state.phase,
          scores: state.scores ?? null,
        },
        { status: 201 },
      );
    },
  );

  const root = resolve(clientDir);
  const serveFile = async (path: string) => {
    const file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return new Response(await readFile(file), {
      headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
    });
  };
  const page = async (path: string) =>
    (await serveFile(path)) ??
    (await serveFile("index.html")) ??
    new Response("The client is not built yet: run `npm run build`.", { status: 503 });
  const index = createEndpoint("/", { method: "GET" }, async () => page("index.html"));
  const assets = createEndpoint("/**", { method: "GET" }, async (ctx) => {
    const path = new URL(ctx.request?.url ?? "/", "http://x").pathname;
    if (path.startsWith("/api/")) return problem(404, "api/unknown", `No endpoint ${path}.`);
    return page(decodeURIComponent(path));
  });

  return createRouter({
    health,
    scenarios,
    create,
    joinInfo,
    tables,
    quick,
    matches,
    log,
    importLog,
    index,
    assets,
  });
}
