import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025 } from "../../shared/index.ts";
import { createSession, join, roomOf, startServer, TEST_URL, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

type Table = {
  matchId: string;
  openSeats: string[];
  seatNames: Record<string, { name: string; zh: { name: string } }>;
  scenario: { title: string; zh: { title: string } };
};
const tables = async () =>
  (
    (await (
      await fetch(`${TEST_URL}/api/tables`, { headers: { connection: "close" } })
    ).json()) as { tables: Table[] }
  ).tables;
const quick = async (name: string) =>
  (await (
    await fetch(`${TEST_URL}/api/quick`, {
      method: "POST",
      headers: { "content-type": "application/json", connection: "close" },
      body: JSON.stringify({ name }),
    })
  ).json()) as { matchId: string; team: string; role: string };

describe("the lobby", () => {
  it("lists listed tables with their open seats, and never private ones", async () => {
    const listed = await createSession(server, { listed: true, title: "Friday night" });
    await createSession(server, { listed: false });
    const open = await tables();
    expect(open.map((t) => t.matchId)).toEqual([listed.matches[0]?.matchId]);
    expect(open[0]?.openSeats).toHaveLength(4);
    expect(open[0]?.seatNames["us:treasury"]).toEqual({
      name: "United States Treasury Secretary",
      zh: { name: "美国财政部长" },
    });
    expect(Object.keys(open[0]?.seatNames ?? {})).toEqual(open[0]?.openSeats);
    expect(open[0]?.scenario).toEqual({
      title: KUALA_LUMPUR_2025.title,
      zh: { title: KUALA_LUMPUR_2025.zh?.title },
    });
    const matchId = listed.matches[0]?.matchId ?? "";
    await join(server, matchId, { name: "Ana", team: "us", role: "treasury" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await tables())[0]?.openSeats).not.toContain("us:treasury");
    expect(roomOf(server, matchId).match.phase).toBe("setup"); // its facilitator starts it
  });

  it("starts a quick match against a bot, seats the next players across the table, and opens a new table when none has room", async () => {
    const first = await quick("Ana");
    expect(first).toMatchObject({ team: "us", role: "treasury" });
    await join(server, first.matchId, { name: "Ana", team: first.team, role: first.role });
    expect(roomOf(server, first.matchId).state.seats.get("cn:vice-premier")).toMatchObject({
      bot: true,
    });
    // Nobody facilitates a quick match: it starts as its first person sits down.
    expect(roomOf(server, first.matchId).match.phase).not.toBe("setup");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await quick("Wei");
    expect(second).toMatchObject({ matchId: first.matchId, team: "cn", role: "negotiator" });
    await join(server, second.matchId, { name: "Wei", team: second.team, role: second.role });
    const third = await quick("Ben");
    expect(third).toMatchObject({ matchId: first.matchId, team: "us", role: "ustr" });
    await join(server, third.matchId, { name: "Ben", team: third.team, role: third.role });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fourth = await quick("Sam");
    expect(fourth.matchId).not.toBe(first.matchId);
  });
});
