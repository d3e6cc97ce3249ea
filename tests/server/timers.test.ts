import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join, ok, openTable, roomOf, startServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

describe("timed sessions", () => {
  it("advances phases on the room clock, shows the deadline, and stops the clock while paused", async () => {
    const seconds = { news: 1, caucus: 1, table: 30, summit: 30, resolution: 30 };
    const { matchId, facilitator } = await openTable(server, {
      timed: true,
      phaseSeconds: seconds,
    });
    const started = Date.now();
    await ok(facilitator, { type: "match/start" });
    const news = facilitator.room.state.toJSON() as { deadlineAt: number; phase: string };
    expect(news.phase).toBe("news");
    expect(news.deadlineAt).toBeGreaterThanOrEqual(started + 1000);
    await facilitator.until((s) => s.phase === "table");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const entries = (await server.store.entries(matchId)).map((e) => e.command.actor.kind);
    expect(entries).toEqual(["facilitator", "clock", "clock"]);

    await ok(facilitator, { type: "match/pause" });
    const paused = facilitator.room.state.toJSON() as { deadlineAt: number; remainingMs: number };
    expect(paused.deadlineAt).toBe(0);
    expect(paused.remainingMs).toBeGreaterThan(28_000);
    await ok(facilitator, { type: "phase/extend", seconds: 60 });
    await ok(facilitator, { type: "match/resume" });
    const resumed = facilitator.room.state.toJSON() as { deadlineAt: number };
    expect(resumed.deadlineAt - Date.now()).toBeGreaterThan(85_000);
    expect(roomOf(server, matchId).match.phase).toBe("table");
  });

  it("leaves untimed sessions to the facilitator and to teams marking ready", async () => {
    const { session, matchId, facilitator } = await openTable(server);
    const us = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "ustr",
    });
    const cn = await join(server, matchId, {
      code: session.code,
      name: "Wei",
      team: "cn",
      role: "negotiator",
    });
    await ok(facilitator, { type: "match/start" });
    expect((facilitator.room.state.toJSON() as { deadlineAt: number }).deadlineAt).toBe(0);
    await ok(us, { type: "team/ready", ready: true });
    await ok(cn, { type: "team/ready", ready: true });
    await us.until((s) => s.phase === "caucus");
  });
});
