import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSession, join, startServer, TEST_URL, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

type Table = { matchId: string; openSeats: string[] };
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
    const matchId = listed.matches[0]?.matchId ?? "";
    await join(server, matchId, { name: "Ana", team: "us", role: "treasury" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await tables())[0]?.openSeats).not.toContain("us:treasury");
  });

  it("seats quick-match players across the table, leads first, and opens a new table when none has room", async () => {
    const first = await quick("Ana");
    expect(first).toMatchObject({ team: "us", role: "treasury" });
    await join(server, first.matchId, { name: "Ana", team: first.team, role: first.role });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await quick("Wei");
    expect(second).toMatchObject({ matchId: first.matchId, team: "cn", role: "vice-premier" });
    await join(server, second.matchId, { name: "Wei", team: second.team, role: second.role });
    for (const [name, team, role] of [
      ["Ben", "us", "ustr"],
      ["Lin", "cn", "negotiator"],
    ] as const)
      await join(server, first.matchId, { name, team, role });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fifth = await quick("Sam");
    expect(fifth.matchId).not.toBe(first.matchId);
  });
});
