import { mkdirSync, writeFileSync } from "node:fs";
import { join as joinPath } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETENTION, sweep } from "../../server/retention.ts";
import {
  createSession,
  join,
  ok,
  type Player,
  startServer,
  TEST_URL,
  type TestServer,
} from "./helpers.ts";

let server: TestServer;
let session: Awaited<ReturnType<typeof createSession>>;
let matchId: string;
let facilitator: Player;
let us: Player;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${TEST_URL}${path}`, { headers: { connection: "close", ...headers } });
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${TEST_URL}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", connection: "close", ...headers },
  });
const remove = (path: string, headers: Record<string, string>) =>
  fetch(`${TEST_URL}${path}`, { method: "DELETE", headers: { connection: "close", ...headers } });
const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = await startServer();
  session = await createSession(server, { rounds: 2, tables: 2 });
  matchId = session.matches[0]?.matchId ?? "";
  facilitator = await join(server, matchId, { facilitatorSecret: session.facilitatorSecret });
  us = await join(server, matchId, {
    code: session.code,
    name: "Ana",
    team: "us",
    role: "treasury",
  });
  await ok(facilitator, { type: "match/start" });
});
afterAll(async () => {
  await server.stop();
});

describe("the HTTP API", () => {
  it("reports health and lists scenarios", async () => {
    expect(await (await get("/api/health")).json()).toMatchObject({ ok: true, liveMatches: 2 });
    const scenarios = (await (await get("/api/scenarios")).json()) as { id: string }[];
    expect(scenarios.map((s) => s.id)).toEqual(["kuala-lumpur-2025", "phase-one-2019"]);
  });

  it("answers an unknown API path, /api itself included, with a typed 404, and ignores a trailing slash", async () => {
    for (const path of ["/api", "/api/nothing", "/api/../api", "/api//health", "/api/tables//"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "api/unknown" } });
    }
    expect(await (await get("/api/health/")).json()).toMatchObject({ ok: true });
  });

  it("reads a body as JSON whatever its declared type, and the matchmaker's only as JSON", async () => {
    const quick = await post("/api/quick", "x".repeat(5000), { "content-type": "text/plain" });
    expect(quick.status).toBe(400);
    expect(await quick.json()).toMatchObject({ error: { code: "quick/invalid" } });
    const multipart = { "content-type": "multipart/form-data; boundary=x" };
    const join = await post("/matchmake/joinById/nothing", "--x\r\n", multipart);
    expect(join.status).toBe(415);
    expect(await join.json()).toMatchObject({ error: { code: "http/media-type" } });
  });

  it("refuses a malformed session request with the field at fault", async () => {
    const bad = await post("/api/sessions", JSON.stringify({ rounds: 99 }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: "session/invalid", message: expect.stringContaining("rounds") },
    });
    const unknown = await post("/api/sessions", JSON.stringify({ scenarioId: "atlantis" }));
    expect(unknown.status).toBe(404);
    const garbage = await post("/api/sessions", "{not json");
    expect(garbage.status).toBe(400);
  });

  it("looks up a join code, and limits lookups per client address whatever X-Forwarded-For says", async () => {
    const found = await get(`/api/join/${session.code.toLowerCase()}`);
    expect(await found.json()).toMatchObject({
      ok: true,
      tables: [
        { table: 1, seatsTaken: ["us:treasury"] },
        { table: 2, seatsTaken: [] },
      ],
    });
    expect((await get("/api/join/NOPE22")).status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push(
        (await get(`/api/join/GUESS${i}`, { "x-forwarded-for": `203.0.113.${i}` })).status,
      );
    expect(statuses.slice(0, 18).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(18)).toEqual([429, 429, 429, 429]);
  });

  it("lists a session's matches only to its facilitator", async () => {
    expect((await get("/api/matches")).status).toBe(401);
    expect((await get("/api/matches", bearer(us.seat.token))).status).toBe(401);
    const listed = (await (
      await get("/api/matches", bearer(session.facilitatorSecret))
    ).json()) as { matches: { id: string; status: string }[] };
    expect(listed.matches.map((m) => m.id).sort()).toEqual(
      session.matches.map((m) => m.matchId).sort(),
    );
  });

  it("gives the log to the facilitator at any time, to players only after the end, to strangers never", async () => {
    expect(
      (await get(`/api/matches/${matchId}/log`, bearer(session.facilitatorSecret))).status,
    ).toBe(200);
    const early = await get(`/api/matches/${matchId}/log`, bearer(us.seat.token));
    expect(early.status).toBe(403);
    expect(await early.json()).toMatchObject({ error: { code: "log/not-yet" } });
    expect((await get(`/api/matches/${matchId}/log`, bearer("a-stranger's-token"))).status).toBe(
      401,
    );
    await ok(facilitator, { type: "match/end" });
    const after = await get(`/api/matches/${matchId}/log`, bearer(us.seat.token));
    expect(after.status).toBe(200);
    expect(after.headers.get("content-disposition")).toContain("attachment");
    expect(await after.json()).toMatchObject({
      format: "trade-truce/match-log",
      end: { entries: 2 },
    });
  });

  it("imports a valid log, and refuses a tampered or broken one with the reason", async () => {
    const log = await (
      await get(`/api/matches/${matchId}/log`, bearer(session.facilitatorSecret))
    ).text();
    const imported = await post("/api/logs", log);
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ ok: true, entries: 2, phase: "ended" });
    const tampered = JSON.parse(log);
    tampered.entries[1].at += 1;
    const refused = await post("/api/logs", JSON.stringify(tampered));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      ok: false,
      error: { code: "log/hash-mismatch", seq: 2 },
    });
    expect(await (await post("/api/logs", log.slice(0, 100))).json()).toMatchObject({
      error: { code: "log/not-json" },
    });
  });

  it("keeps each import as its importer's: listed, downloadable and deletable by their key only, and expiring", async () => {
    const log = await (
      await get(`/api/matches/${matchId}/log`, bearer(session.facilitatorSecret))
    ).text();
    const anonymous = (await (await post("/api/logs", log)).json()) as {
      matchId: string;
      importKey: string;
    };
    expect(anonymous.importKey.length).toBeGreaterThan(20);
    const mine = (await (
      await post("/api/logs", log, bearer(session.facilitatorSecret))
    ).json()) as { matchId: string; importKey?: string };
    expect(mine.importKey).toBeUndefined();
    expect((await post("/api/logs", log, bearer("made-up-key-000000"))).status).toBe(401);

    const list = async (key: string) =>
      ((await (await get("/api/logs", bearer(key))).json()) as { imports?: { matchId: string }[] })
        .imports;
    expect((await list(anonymous.importKey))?.map((i) => i.matchId)).toEqual([anonymous.matchId]);
    expect(await list(session.facilitatorSecret)).toEqual([
      expect.objectContaining({ matchId: mine.matchId, entries: 2, origin: "this-server" }),
    ]);
    expect((await get("/api/logs", bearer("made-up-key-000000"))).status).toBe(401);

    const download = (id: string, key: string) => get(`/api/matches/${id}/log`, bearer(key));
    expect((await download(anonymous.matchId, anonymous.importKey)).status).toBe(200);
    expect((await download(anonymous.matchId, session.facilitatorSecret)).status).toBe(401);
    expect(
      (await remove(`/api/logs/${anonymous.matchId}`, bearer(session.facilitatorSecret))).status,
    ).toBe(404);
    expect(
      (await remove(`/api/logs/${anonymous.matchId}`, bearer(anonymous.importKey))).status,
    ).toBe(200);
    expect(await server.store.match(anonymous.matchId)).toBeUndefined();
    expect(await server.store.entries(anonymous.matchId)).toEqual([]);

    const later = Date.now() + 8 * 86_400_000;
    const { closed, deleted } = await sweep(server, later, RETENTION);
    expect(closed).toEqual([session.matches[1]?.matchId]);
    expect(deleted).toContain(mine.matchId);
    expect(deleted).not.toContain(matchId);
    expect(await list(session.facilitatorSecret)).toEqual([]);
    const sessionId = (await server.store.match(matchId))?.sessionId ?? "";
    const other = session.matches[1]?.matchId ?? "";
    const { deleted: old } = await sweep(server, Date.now() + 400 * 86_400_000, RETENTION);
    expect(old.sort()).toEqual([matchId, other].sort());
    expect(await server.store.session(sessionId)).toBeUndefined();
  });

  it("serves the built client, falls back to its page for app routes, and never leaves its folder", async () => {
    expect((await get("/")).status).toBe(503);
    writeFileSync(
      joinPath(server.clientDir, "index.html"),
      "<!doctype html><title>Trade Truce</title>",
    );
    writeFileSync(joinPath(server.dir, "outside.txt"), "secret");
    expect(await (await get("/")).text()).toContain("<title>Trade Truce</title>");
    expect(await (await get("/replay/abc")).text()).toContain("<title>Trade Truce</title>");
    expect(await (await get("/..%2Foutside.txt")).text()).not.toContain("secret");
    expect((await get("/api/nothing-here")).status).toBe(404);
  });

  it("serves files far larger than 16 kB whole (the router's adapter stalls on them)", async () => {
    mkdirSync(joinPath(server.clientDir, "assets"), { recursive: true });
    const big = "x".repeat(300_000);
    writeFileSync(joinPath(server.clientDir, "assets", "big.js"), big);
    const response = await get("/assets/big.js");
    expect(response.headers.get("content-type")).toContain("javascript");
    expect((await response.text()).length).toBe(big.length);
    expect((await get("/assets/missing.js")).status).toBe(404);
  });
});
