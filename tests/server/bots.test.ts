import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  join,
  ok,
  openTable,
  type Player,
  roomOf,
  startServer,
  type TestServer,
} from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer(1);
});
afterEach(async () => {
  await server.stop();
});

/** Sends a seat control as the facilitator and waits for its result. */
function control(
  facilitator: Player,
  body: Record<string, unknown>,
): Promise<{ ok: boolean; code?: string }> {
  return new Promise((resolve) => {
    const ref = `s${Math.random()}`;
    const stop = facilitator.room.onMessage(
      "result",
      (result: { ref?: string; ok: boolean; code?: string }) => {
        if (result.ref !== ref) return;
        stop();
        resolve(result);
      },
    );
    facilitator.room.send("seat-control", { ref, control: body });
  });
}

const waitFor = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 300 && !(await check()); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
};

describe("bots in the server", () => {
  it("take a vacated seat mid-match through the same command path, and hand it back", async () => {
    const { session, matchId, facilitator } = await openTable(server, { rounds: 3 });
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
    const token = cn.seat.token;
    await ok(facilitator, { type: "match/start" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(us, {
      type: "proposal/table",
      package: { levels: { "rare-earths": 2, structural: 2 }, commitments: [], snapback: false },
    });

    expect(
      await control(us, { type: "seat/bot", team: "cn", role: "vice-premier", strategy: "linear" }),
    ).toMatchObject({ ok: false, code: "actor/not-facilitator" });
    expect(
      await control(facilitator, {
        type: "seat/bot",
        team: "cn",
        role: "vice-premier",
        strategy: "linear",
      }),
    ).toMatchObject({ ok: false, code: "seat/occupied" });
    await cn.room.leave(true);
    await waitFor(
      () => roomOf(server, matchId).state.seats.get("cn:vice-premier")?.connected === false,
      "the seat to empty",
    );
    expect(
      await control(facilitator, {
        type: "seat/bot",
        team: "cn",
        role: "vice-premier",
        strategy: "conceder",
      }),
    ).toMatchObject({ ok: true });

    const room = roomOf(server, matchId);
    await waitFor(
      async () =>
        (await server.store.entries(matchId)).some(
          (e) => e.command.actor.kind === "player" && e.command.actor.seat === "bot:conceder",
        ),
      "the bot to act",
    );
    const botEntry = (await server.store.entries(matchId)).find(
      (e) => e.command.actor.kind === "player" && e.command.actor.seat === "bot:conceder",
    );
    expect(botEntry?.command.actor).toMatchObject({ team: "cn", role: "vice-premier" });
    expect(botEntry?.command.note).toMatch(/conceder|counter|offer|accept|ready/);
    expect(room.state.seats.get("cn:vice-premier")).toMatchObject({
      bot: true,
      strategy: "conceder",
      name: "Bot (conceder)",
    });
    expect(
      us.received.some(
        (m) => m.type === "event" && String((m.message as { text: string }).text).startsWith("Bot"),
      ),
    ).toBe(false);

    const back = await join(server, matchId, { seatToken: token });
    expect(room.state.seats.get("cn:vice-premier")).toMatchObject({
      bot: false,
      connected: true,
      name: "Wei",
    });
    const entries = (await server.store.entries(matchId)).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      (await server.store.entries(matchId))
        .slice(entries)
        .some((e) => e.command.actor.kind === "player" && e.command.actor.seat.startsWith("bot:")),
    ).toBe(false);
    await ok(back, { type: "chat/team", text: "I'm back; thanks, bot." });
  });

  it("take the seats the session gives them from the start, and play", async () => {
    const { matchId, facilitator } = await openTable(server, {
      rounds: 2,
      bots: [{ team: "cn", role: "vice-premier", strategy: "boulware" }],
    });
    expect(roomOf(server, matchId).state.seats.get("cn:vice-premier")).toMatchObject({
      bot: true,
      strategy: "boulware",
      name: "Bot (boulware)",
    });
    await ok(facilitator, { type: "match/start" });
    await waitFor(
      async () =>
        (await server.store.entries(matchId)).some(
          (e) => e.command.actor.kind === "player" && e.command.actor.seat === "bot:boulware",
        ),
      "the bot to act",
    );
  });

  it("fill a seat by themselves when the session says so and its player stays away", async () => {
    const { session, matchId, facilitator } = await openTable(server, {
      rounds: 2,
      botTakeoverSeconds: 1,
    });
    const cn = await join(server, matchId, {
      code: session.code,
      name: "Wei",
      team: "cn",
      role: "negotiator",
    });
    await ok(facilitator, { type: "match/start" });
    await cn.room.leave(true);
    await waitFor(
      () => roomOf(server, matchId).state.seats.get("cn:negotiator")?.bot === true,
      "a bot to take over",
    );
    await waitFor(
      async () =>
        (await server.store.entries(matchId)).some(
          (e) => e.command.actor.kind === "player" && e.command.actor.seat === "bot:linear",
        ),
      "the bot to act",
    );
    expect(
      await control(facilitator, { type: "seat/human", team: "cn", role: "negotiator" }),
    ).toMatchObject({ ok: true });
    expect(roomOf(server, matchId).state.seats.get("cn:negotiator")).toMatchObject({
      bot: false,
      connected: false,
    });
  });

  it("beside a person, suggest the team's decisions instead of taking them, and say so when a person takes over", async () => {
    const { session, matchId, facilitator } = await openTable(server, { rounds: 3 });
    const ana = await join(server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    expect(
      await control(facilitator, {
        type: "seat/bot",
        team: "us",
        role: "ustr",
        strategy: "linear",
      }),
    ).toMatchObject({ ok: true });
    await ok(facilitator, { type: "match/start" });
    const suggested = () =>
      ana.received.some(
        (m) =>
          m.type === "event" &&
          (m.message as { text: string }).text.startsWith("Bot ustr: I suggest"),
      );
    await waitFor(suggested, "the bot's suggestion");
    expect(roomOf(server, matchId).match.teams.us?.ready).toBe(false);
    const ben = await join(server, matchId, {
      code: session.code,
      name: "Ben",
      team: "us",
      role: "ustr",
    });
    await waitFor(
      () =>
        ben.seat.events !== undefined &&
        ana.received.some(
          (m) =>
            m.type === "event" &&
            (m.message as { text: string }).text ===
              "Ben takes over the United States Trade Representative seat from the bot.",
        ),
      "the takeover notice",
    );
  });
});
