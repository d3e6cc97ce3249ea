import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replay } from "../../shared/index.ts";
import { join, ok, openTable, roomOf, startServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

describe("a match over real WebSockets", () => {
  it("lets two teams play a short match to the end, and the stored log replays to the room's final state", async () => {
    const { session, matchId, facilitator } = await openTable(server, { rounds: 2 });
    const us = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    const cn = await join(server, matchId, {
      code: session.code.toLowerCase(),
      name: "Wei",
      team: "cn",
      role: "vice-premier",
    });
    expect(us.seat).toMatchObject({ kind: "team", team: "us", role: "treasury" });
    expect(us.seat.token?.length).toBeGreaterThan(20);

    await ok(facilitator, { type: "match/start" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(cn, { type: "chat/team", text: "Offer beans, not magnets." });
    await ok(facilitator, { type: "phase/advance" });
    await ok(us, {
      type: "proposal/table",
      package: {
        levels: { "rare-earths": 2, "us-extra-tariff": 1, soybeans: 2 },
        commitments: [],
        snapback: false,
      },
    });
    await ok(cn, { type: "proposal/accept", proposalId: "p1" });
    for (let i = 0; i < 5; i++) await ok(facilitator, { type: "phase/advance" });
    await ok(us, { type: "summit/endorse", endorse: true });
    await ok(cn, { type: "summit/endorse", endorse: true });
    await ok(facilitator, { type: "phase/advance" });
    await ok(facilitator, { type: "phase/advance" });

    await us.until((s) => s.phase === "ended");
    const decoded = us.room.state.toJSON() as Record<string, unknown>;
    expect((decoded.levels as Record<string, number>)["rare-earths"]).toBe(2);
    expect(JSON.parse(decoded.scores as string).us.summitBonus).toBe(10);

    const room = roomOf(server, matchId);
    const log = await server.store.log(matchId);
    expect(log?.end?.entries).toBe(room.logHead.seq);
    const replayed = replay(JSON.parse(JSON.stringify(log)));
    expect(replayed.ok).toBe(true);
    if (!replayed.ok) return;
    expect(replayed.head.hash).toBe(room.logHead.hash);
    expect(replayed.head.state).toEqual(room.match);
    expect(decoded).not.toHaveProperty("seq");
    expect(decoded).not.toHaveProperty("hash");
  });
});
