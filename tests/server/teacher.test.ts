import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025 } from "../../shared/index.ts";
import { documentedScenario } from "../shared/helpers.ts";
import { join, ok, openTable, roomOf, startServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

const wildCard = { team: "us", role: "farm-lobby" };

describe("a class's session: plans, role briefs, worksheets and wild cards", () => {
  it("seats domestic wild cards only in sessions that ask for them, and never hands them to bots", async () => {
    const plain = await openTable(server);
    await expect(
      join(server, plain.matchId, { code: plain.session.code, name: "Farmer", ...wildCard }),
    ).rejects.toThrow(/join\/no-wild-cards/);
    expect(roomOf(server, plain.matchId).match.phase).toBe("setup");

    const { session, matchId, facilitator } = await openTable(server, { wildCards: true });
    const info = (await (await fetch(`http://127.0.0.1:2568/api/join/${session.code}`)).json()) as {
      scenario: { teams: { roles: { id: string }[] }[] };
    };
    expect(info.scenario.teams.flatMap((t) => t.roles.map((r) => r.id))).toContain("farm-lobby");
    const farmer = await join(server, matchId, { code: session.code, name: "Farmer", ...wildCard });
    expect(Object.keys(farmer.seat.roleBriefs)).toEqual(["us:farm-lobby"]);
    expect(farmer.seat.roleBriefs["us:farm-lobby"]).toEqual(
      KUALA_LUMPUR_2025.briefs.us?.roles["farm-lobby"],
    );
    const control = { type: "seat/bot", ...wildCard, strategy: "linear" };
    const answer = await new Promise((resolve) => {
      facilitator.room.onMessage("result", resolve);
      facilitator.room.send("seat-control", { ref: "w", control });
    });
    expect(answer).toMatchObject({ ok: false, code: "seat/wild-card" });
  });

  it("runs a preparation phase on the session's clock and gives a rejoining seat its own worksheet back", async () => {
    const { session, matchId, facilitator } = await openTable(server, {
      plan: "class-50",
      preparation: true,
      timed: true,
      phaseSeconds: { preparation: 1 },
    });
    const ustr = await join(server, matchId, {
      code: session.code,
      name: "Ben",
      team: "us",
      role: "ustr",
    });
    expect(Object.keys(ustr.seat.roleBriefs)).toEqual(["us:ustr"]);
    await ok(facilitator, { type: "match/start" });
    await ustr.until((s) => s.phase === "preparation" && s.preparation === true);
    const worksheet = {
      priorities: { soybeans: 5 },
      theirPriorities: {},
      prediction: {},
      reservation: 42,
    };
    await ok(ustr, { type: "worksheet/submit", worksheet });
    const again = await join(server, matchId, { seatToken: ustr.seat.token });
    expect(again.seat.worksheets).toEqual({ "us:ustr": worksheet });
    await again.until((s) => s.phase === "news");
  });

  it("plays the Phase One scenario through the server: its lead (the Trade Representative) signs", async () => {
    const { session, matchId, facilitator } = await openTable(server, {
      scenarioId: "phase-one-2019",
    });
    const seat = (name: string, team: string, role: string) =>
      join(server, matchId, { code: session.code, name, team, role });
    const lighthizer = await seat("Robert", "us", "ustr");
    const liu = await seat("He", "cn", "vice-premier");
    expect(lighthizer.seat.scenario.id).toBe("phase-one-2019");
    await ok(facilitator, { type: "match/start" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(liu, {
      type: "proposal/table",
      package: { levels: { purchases: 2, "us-list-4a": 1 }, commitments: [], snapback: false },
    });
    await ok(lighthizer, { type: "proposal/accept", proposalId: "p1" });
    expect(roomOf(server, matchId).match.agreements).toHaveLength(1);
  });

  it("runs a session on the teacher's own scenario, refuses a broken one by path, and gives it back", async () => {
    const own = JSON.parse(documentedScenario());
    const post = (body: unknown) =>
      fetch("http://127.0.0.1:2568/api/sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const broken = structuredClone(own);
    broken.issues[1].levels.splice(1);
    const refused = await post({ scenario: broken });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: {
        code: "session/invalid-scenario",
        message: expect.stringContaining("issues[1].levels: at least 2 levels"),
      },
    });
    const huge = await post({ scenario: { ...own, summary: "x".repeat(600 * 1024) } });
    expect(huge.status).toBe(413);

    const created = (await (
      await post({ scenario: own, rounds: 3, implementationRounds: 0 })
    ).json()) as {
      code: string;
      facilitatorSecret: string;
      matches: { matchId: string }[];
    };
    const matchId = created.matches[0]?.matchId ?? "";
    const minister = await join(server, matchId, {
      code: created.code,
      name: "Ana",
      team: "finance",
      role: "minister",
    });
    expect(minister.seat.scenario.title).toBe("Budget talks");
    expect(Object.keys(minister.seat.roleBriefs)).toEqual(["finance:minister"]);
    const download = await fetch("http://127.0.0.1:2568/api/session/scenario", {
      headers: { authorization: `Bearer ${created.facilitatorSecret}` },
    });
    expect(download.status).toBe(200);
    expect((await download.json()).id).toBe("budget-talks");
    expect((await fetch("http://127.0.0.1:2568/api/session/scenario")).status).toBe(401);
  });
});
