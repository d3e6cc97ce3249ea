import type { IncomingMessage } from "node:http";
import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientAddress } from "../../server/address.ts";
import { JOIN_LOOKUPS_PER_MINUTE, MAX_LOG_BYTES, ROUTE_LIMITS } from "../../server/http.ts";
import { verifyInWorker } from "../../server/imports.ts";
import { FACILITATOR_CONNECTIONS, MAX_OBSERVERS } from "../../server/join.ts";
import { BURST } from "../../server/rate-limit.ts";
import { expireIdleSessions } from "../../server/sessions.ts";
import { KUALA_LUMPUR_2025, SCENARIO_LIMITS, simulate } from "../../shared/index.ts";
import { CLOSE_CODES } from "../../shared/protocol.ts";
import { join, ok, openTable, roomOf, startServer, TEST_URL, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer(5);
});
afterEach(async () => {
  await server.stop();
});

/** A raw GET with the path sent byte for byte, as a hostile client would; resolves with the status. */
function rawGet(path: string): Promise<number> {
  const { hostname, port } = new URL(TEST_URL);
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path, headers: { connection: "close" } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.setTimeout(3000, () => reject(new Error(`no answer to ${path}`)));
    sent.on("error", reject);
    sent.end();
  });
}

describe("a hostile internet", () => {
  it("answers a badly percent-encoded address with 400 instead of holding the socket", async () => {
    expect(await rawGet("/%E0%A4%A")).toBe(400);
    expect(await rawGet("/assets/%ZZ.js")).toBe(400);
    expect(await rawGet("/")).not.toBe(400);
  });

  it("stops reading a body sent without a length once it passes the route's limit, the matchmaker's too", async () => {
    const { hostname, port } = new URL(TEST_URL);
    const megabyte = Buffer.alloc(1024 * 1024, " ");
    /** Streams megabytes to a path until the server stops reading; how many it took. */
    const upload = (path: string, offered: number) =>
      new Promise<{ ending: string; sent: number }>((resolve) => {
        let sent = 0;
        const sending = request(
          { hostname, port, method: "POST", path, headers: { "content-type": "application/json" } },
          (response) => {
            response.resume();
            resolve({ ending: `answered ${response.statusCode}`, sent });
          },
        );
        sending.on("error", () => resolve({ ending: "closed", sent }));
        const more = (): void => {
          while (sent < offered) {
            sent++;
            if (!sending.write(megabyte)) return void sending.once("drain", more);
          }
          sending.end();
        };
        more();
      });
    const limit = MAX_LOG_BYTES / megabyte.length;
    const log = await upload("/api/logs", 5 * limit);
    expect(log.ending).toBe("closed");
    expect(log.sent).toBeLessThan(2 * limit);
    const join = await upload("/matchmake/joinOrCreate/match", 100);
    expect(join.ending).toBe("closed");
    expect(join.sent).toBeLessThan(20);
  });

  it("limits the tables one client address opens per minute", async () => {
    const statuses: number[] = [];
    const tables = 8;
    for (let i = 0; i <= ROUTE_LIMITS.sessions / tables; i++) {
      const response = await fetch(`${TEST_URL}/api/sessions`, {
        method: "POST",
        body: JSON.stringify({ rounds: 2, tables }),
        headers: {
          "content-type": "application/json",
          connection: "close",
          "x-forwarded-for": `198.51.100.${i}`,
        },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, ROUTE_LIMITS.sessions / tables).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("keeps a seat's rate limit across reconnections, so a flooder gains nothing by rejoining", async () => {
    const { session, matchId, facilitator } = await openTable(server);
    await ok(facilitator, { type: "match/start" });
    let accepted = 0;
    let seat = await join(server, matchId, {
      code: session.code,
      name: "Flood",
      team: "us",
      role: "treasury",
    });
    const token = seat.seat.token;
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => seat.act({ type: "chat/team", text: `x${i}` })),
      );
      accepted += results.filter((r) => r.ok).length;
      await seat.room.leave();
      seat = await join(server, matchId, { seatToken: token });
    }
    expect(accepted).toBeGreaterThanOrEqual(BURST);
    expect(accepted).toBeLessThan(BURST + 10);
  });

  it("answers an unknown message type with a typed error and keeps the connection", async () => {
    const { matchId, facilitator } = await openTable(server);
    const answer = new Promise<{ code?: string }>((resolve) =>
      facilitator.room.onMessage("result", resolve),
    );
    facilitator.room.send("bogus", { hello: 1 });
    expect(await answer).toMatchObject({ ok: false, code: "message/unknown" });
    await ok(facilitator, { type: "match/start" });
    expect(matchId).toBeTruthy();
  });

  it("reserves a slot only for a join the table admits, and lets no client open a table", async () => {
    const { session, matchId } = await openTable(server);
    const matchmake = (path: string, body: unknown) =>
      fetch(`${TEST_URL}/matchmake/${path}`, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", connection: "close" },
      });
    const statuses = await Promise.all(
      Array.from({ length: 70 }, (_, i) =>
        matchmake(`joinById/${matchId}`, i % 2 ? {} : { code: "WRONG1", observer: true }),
      ).map(async (r) => (await r).status),
    );
    expect(statuses.every((s) => s >= 400)).toBe(true);
    const created = await matchmake("create/match", {
      matchId,
      code: session.code,
      observer: true,
    });
    expect(created.status).toBeGreaterThanOrEqual(400);
    const ana = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    expect(ana.seat).toMatchObject({ kind: "team", team: "us" });
    expect(roomOf(server, matchId).maxClients).toBe(4 + FACILITATOR_CONNECTIONS + MAX_OBSERVERS);
  });

  it("lets the facilitator free a squatted seat: its holder is sent away and its token opens nothing", async () => {
    const { session, matchId, facilitator } = await openTable(server);
    const squatter = await join(server, matchId, {
      code: session.code,
      name: "Squat",
      team: "cn",
      role: "vice-premier",
    });
    const closed = new Promise<number>((resolve) => squatter.room.onLeave(resolve));
    const result = await new Promise<{ ok: boolean }>((resolve) => {
      facilitator.room.onMessage("result", resolve);
      facilitator.room.send("seat-control", {
        control: { type: "seat/free", team: "cn", role: "vice-premier" },
      });
    });
    expect(result.ok).toBe(true);
    expect(await closed).toBe(CLOSE_CODES.seatFreed);
    await expect(join(server, matchId, { seatToken: squatter.seat.token })).rejects.toThrow(
      /bad-token/,
    );
    const wei = await join(server, matchId, {
      code: session.code,
      name: "Wei",
      team: "cn",
      role: "vice-premier",
    });
    expect(wei.seat).toMatchObject({ kind: "team", name: "Wei" });
  });

  it("bounds the seats one client address claims in a session, and shows the console each claim's time", async () => {
    const { session, facilitator } = await openTable(server, { tables: 2, seatsPerClient: 2 });
    const [first, second] = session.matches.map((m) => m.matchId);
    const claim = (matchId: string | undefined, name: string, team: string, role: string) =>
      join(server, matchId ?? "", { code: session.code, name, team, role });
    const before = Date.now();
    await claim(first, "Ana", "us", "treasury");
    await claim(second, "Ben", "us", "ustr");
    await expect(claim(first, "Cy", "cn", "vice-premier")).rejects.toThrow(/join\/seat-limit/);
    await facilitator.until((s) => {
      const seat = (s.seats as Record<string, { claimedAt: number; since: number }>)["us:treasury"];
      return !!seat && seat.claimedAt >= before && seat.since >= seat.claimedAt;
    });
  });

  it("signs the logs it exports, and tells its own from one recorded or re-hashed elsewhere", async () => {
    const { matchId, session, facilitator } = await openTable(server);
    await ok(facilitator, { type: "match/start" });
    await ok(facilitator, { type: "match/end" });
    const exported = await (
      await fetch(`${TEST_URL}/api/matches/${matchId}/log`, {
        headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
      })
    ).text();
    expect(JSON.parse(exported).signature).toMatch(/^[0-9a-f]{64}$/);
    const post = async (body: string) =>
      (await (
        await fetch(`${TEST_URL}/api/logs`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json", connection: "close" },
        })
      ).json()) as { origin?: string };
    expect(await post(exported)).toMatchObject({ origin: "this-server" });
    const { signature: _, ...unsigned } = JSON.parse(exported);
    expect(await post(JSON.stringify(unsigned))).toMatchObject({ origin: "elsewhere" });
    const forged = { ...JSON.parse(exported), signature: "0".repeat(64) };
    expect(await post(JSON.stringify(forged))).toMatchObject({ origin: "elsewhere" });
  });

  it("replays an imported log off the event loop, within a time budget, over a bounded scenario", async () => {
    const { log } = simulate(KUALA_LUMPUR_2025, {
      seed: 3,
      rounds: 3,
      implementation: 0,
      strategies: { us: "linear", cn: "conceder" },
      compliance: 1,
    });
    const text = JSON.stringify(log);
    expect(await verifyInWorker({ text })).toMatchObject({ ok: true, entries: log.entries.length });
    expect(await verifyInWorker({ text }, 1)).toMatchObject({
      ok: false,
      error: { code: "log/too-slow" },
    });
    const issue = KUALA_LUMPUR_2025.issues[0];
    const bloated = {
      ...log,
      header: {
        ...log.header,
        scenario: {
          ...log.header.scenario,
          issues: Array.from({ length: SCENARIO_LIMITS.issues + 1 }, (_, i) => ({
            ...issue,
            id: `issue-${i}`,
          })),
        },
      },
    };
    const refused = await verifyInWorker({ text: JSON.stringify(bloated) });
    expect(refused).toMatchObject({ ok: false, error: { code: "log/invalid" } });
    expect(JSON.stringify(refused)).toContain("header.scenario.issues");
  });

  it("refuses an import once the store holds its limit of imported logs", async () => {
    await server.stop();
    server = await startServer(5, undefined, { importStoreMb: 0.001 });
    const { session, matchId } = await openTable(server);
    const log = await (
      await fetch(`${TEST_URL}/api/matches/${matchId}/log`, {
        headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
      })
    ).text();
    expect(log.length).toBeGreaterThan(1000);
    const refused = await fetch(`${TEST_URL}/api/logs`, {
      method: "POST",
      body: log,
      headers: { connection: "close" },
    });
    expect(refused.status).toBe(507);
    expect(await refused.json()).toMatchObject({ error: { code: "log/store-full" } });
  });

  it("closes the tables of a session left idle, and does not restore them", async () => {
    const idle = await openTable(server);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const cutoff = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const busy = await openTable(server);
    await ok(busy.facilitator, { type: "match/start" });
    const idleMs = 60_000;
    expect(await expireIdleSessions(server, cutoff + idleMs, idleMs)).toEqual([idle.matchId]);
    expect((await server.store.match(idle.matchId))?.status).toBe("ended");
    const last = (await server.store.log(idle.matchId))?.entries.at(-1);
    expect(last?.command.intent.type).toBe("match/end");
    expect(last?.checkpoint).toMatch(/^[0-9a-f]{64}$/);
    expect((await server.store.liveMatches()).map((m) => m.id)).toEqual([busy.matchId]);
    for (let i = 0; i < 50 && roomOf(server, idle.matchId); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(roomOf(server, idle.matchId)).toBeUndefined();
    expect(roomOf(server, busy.matchId)).toBeDefined();
  });

  it("counts each client address in its own bucket (the router's listener runs before any of ours)", async () => {
    await server.stop();
    server = await startServer(5, undefined, { trustProxy: ["127.0.0.1"] });
    const from = (address: string) => ({ "x-forwarded-for": address, connection: "close" });
    const lookups = async (address: (i: number) => string) => {
      const statuses: number[] = [];
      for (let i = 0; i < JOIN_LOOKUPS_PER_MINUTE + 5; i++)
        statuses.push(
          (await fetch(`${TEST_URL}/api/join/ABCDEF`, { headers: from(address(i)) })).status,
        );
      return statuses;
    };
    expect(await lookups((i) => `10.0.0.${i}`)).not.toContain(429);
    expect((await lookups(() => "10.0.1.1")).slice(JOIN_LOOKUPS_PER_MINUTE)).toEqual([
      429, 429, 429, 429, 429,
    ]);
  });

  it("takes X-Forwarded-For only from a proxy named as trusted", () => {
    const from = (peer: string, forwarded?: string) =>
      ({
        socket: { remoteAddress: peer },
        headers: forwarded ? { "x-forwarded-for": forwarded } : {},
      }) as unknown as IncomingMessage;
    expect(clientAddress(from("::ffff:203.0.113.5", "1.2.3.4"), [])).toBe("203.0.113.5");
    expect(clientAddress(from("10.0.0.2", "1.2.3.4, 10.0.0.1"), ["10.0.0.2", "10.0.0.1"])).toBe(
      "1.2.3.4",
    );
    expect(clientAddress(from("10.0.0.2", "1.2.3.4"), ["10.0.0.9"])).toBe("10.0.0.2");
  });
});
