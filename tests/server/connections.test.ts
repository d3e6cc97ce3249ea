import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../../shared/protocol.ts";
import {
  createSession,
  join,
  ok,
  openTable,
  roomOf,
  startServer,
  type TestServer,
} from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer(5);
});
afterEach(async () => {
  await server.stop();
});

/** Cuts a client's socket from the server side, as a dropped network would. */
function dropConnection(matchId: string, sessionId: string): void {
  const client = roomOf(server, matchId).clients.find((c) => c.sessionId === sessionId);
  if (!client) throw new Error(`no client ${sessionId}`);
  (client.ref as unknown as { terminate(): void }).terminate();
}

describe("connections", () => {
  it("keeps a dropped seat, reconnects it, and brings it the state it missed", async () => {
    const { session, matchId, facilitator } = await openTable(server);
    const us = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    const cn = await join(server, matchId, {
      code: session.code,
      name: "Wei",
      team: "cn",
      role: "vice-premier",
    });
    await ok(facilitator, { type: "match/start" });
    us.room.reconnection.minUptime = 0;
    us.room.reconnection.minDelay = 50;
    const sessionId = us.room.sessionId;
    const dropped = new Promise<void>((resolve) => us.room.onDrop(() => resolve()));
    const reconnected = new Promise<void>((resolve) => us.room.onReconnect(() => resolve()));

    dropConnection(matchId, sessionId);
    await dropped;
    await ok(facilitator, { type: "phase/advance" });
    await ok(cn, { type: "chat/team", text: "They are gone?" });
    await reconnected;

    expect(us.room.sessionId).toBe(sessionId);
    await us.until((s) => s.phase === "caucus");
    await ok(us, { type: "chat/team", text: "Back." });
    expect(roomOf(server, matchId).match.teams.us?.private?.caucus.at(-1)).toMatchObject({
      role: "treasury",
      text: "Back.",
    });
    expect(roomOf(server, matchId).state.seats.get("us:treasury")?.connected).toBe(true);
  });

  it("gives a seat back to its token after the player left, and to nobody else", async () => {
    const session = await createSession(server);
    const matchId = session.matches[0]?.matchId ?? "";
    const us = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    const token = us.seat.token;
    await us.room.leave(true);
    await expect(
      join(server, matchId, { code: session.code, name: "Eve", team: "us", role: "treasury" }),
    ).rejects.toThrow(/join\/seat-taken/);
    await expect(join(server, matchId, { seatToken: "not-a-real-token-at-all" })).rejects.toThrow(
      /join\/bad-token/,
    );
    await expect(
      join(server, matchId, { code: "ZZZZZZ", name: "Eve", team: "us", role: "ustr" }),
    ).rejects.toThrow(/join\/bad-code/);
    await expect(
      join(server, matchId, { facilitatorSecret: "guessing-the-secret" }),
    ).rejects.toThrow(/join\/not-facilitator/);
    const back = await join(server, matchId, { seatToken: token });
    expect(back.seat).toMatchObject({ kind: "team", team: "us", role: "treasury", name: "Ana" });
    expect(back.seat.token).toBeUndefined();
    await ok(back, { type: "chat/team", text: "Ana again." });
  });

  it("stops taking code joins at a table after too many wrong codes", async () => {
    const session = await createSession(server);
    const matchId = session.matches[0]?.matchId ?? "";
    const errors: string[] = [];
    for (let i = 0; i < 21; i++)
      errors.push(
        await join(server, matchId, {
          code: `WRONG${i}`,
          name: "Eve",
          team: "us",
          role: "ustr",
        }).then(
          () => "joined",
          (e: Error) => e.message,
        ),
      );
    expect(errors.slice(0, 20).every((e) => e.includes("join/bad-code"))).toBe(true);
    expect(errors[20]).toContain("join/too-many");
  });

  it("gives one seat to one of several joins racing for it, and a typed refusal to the others", async () => {
    const session = await createSession(server);
    const matchId = session.matches[0]?.matchId ?? "";
    const outcomes = await Promise.all(
      ["Ana", "Bea", "Cy"].map((name) =>
        join(server, matchId, { code: session.code, name, team: "us", role: "ustr" }).then(
          () => "joined",
          (e: Error) => e.message,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "joined")).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes("join/seat-taken"))).toHaveLength(2);
  });

  it("moves a seat to the newest connection holding its token", async () => {
    const session = await createSession(server);
    const matchId = session.matches[0]?.matchId ?? "";
    const first = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    const left = new Promise<number>((resolve) => first.room.onLeave((code) => resolve(code)));
    const second = await join(server, matchId, { seatToken: first.seat.token });
    expect(await left).toBe(CLOSE_CODES.seatTakenElsewhere);
    await ok(second, { type: "chat/team", text: "From my laptop now." });
  });

  it("tells a seat that comes back what happened before it, and nothing of the other team's", async () => {
    const { session, matchId, facilitator } = await openTable(server);
    const seat = { code: session.code, name: "Ana", team: "us", role: "treasury" };
    const us = await join(server, matchId, seat);
    const cn = await join(server, matchId, {
      ...seat,
      name: "Wei",
      team: "cn",
      role: "vice-premier",
    });
    await ok(facilitator, { type: "match/start" });
    const pkg = { levels: { soybeans: 2 }, commitments: [], snapback: false };
    await ok(us, { type: "draft/save", title: "US-DRAFT", package: pkg });
    await ok(cn, { type: "draft/save", title: "CN-DRAFT", package: pkg });
    await us.room.leave();

    const back = await join(server, matchId, { seatToken: us.seat.token });
    const texts = (back.seat.events ?? []).map((e) => e.text);
    expect(texts).toContain("Round 1: news.");
    expect(texts).toContain("Draft d1 saved: US-DRAFT.");
    expect(texts).not.toContain("Draft d1 saved: CN-DRAFT.");
    const again = await join(server, matchId, { facilitatorSecret: session.facilitatorSecret });
    expect((again.seat.events ?? []).map((e) => e.text)).toEqual(
      expect.arrayContaining(["Draft d1 saved: US-DRAFT.", "Draft d1 saved: CN-DRAFT."]),
    );
  });
});
