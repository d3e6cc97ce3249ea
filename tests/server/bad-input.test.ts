import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSession,
  join,
  ok,
  type Player,
  roomOf,
  startServer,
  type TestServer,
} from "./helpers.ts";

let server: TestServer;
let matchId: string;
let facilitator: Player;
let usLead: Player;
let usTrade: Player;
let cnLead: Player;
let observer: Player;

beforeAll(async () => {
  server = await startServer();
  const session = await createSession(server, { rounds: 2 });
  matchId = session.matches[0]?.matchId ?? "";
  facilitator = await join(server, matchId, { facilitatorSecret: session.facilitatorSecret });
  usLead = await join(server, matchId, {
    code: session.code,
    name: "Ana",
    team: "us",
    role: "treasury",
  });
  usTrade = await join(server, matchId, {
    code: session.code,
    name: "Ben",
    team: "us",
    role: "ustr",
  });
  cnLead = await join(server, matchId, {
    code: session.code,
    name: "Wei",
    team: "cn",
    role: "vice-premier",
  });
  observer = await join(server, matchId, { code: session.code, observer: true, name: "Press" });
  await ok(facilitator, { type: "match/start" });
  await ok(facilitator, { type: "phase/advance" });
});
afterAll(async () => {
  await server.stop();
});

const pkg = { levels: { soybeans: 2 }, commitments: [], snapback: false };

const CASES: [name: string, who: () => Player, message: unknown, code: string][] = [
  ["a message that is not an object", () => usLead, "hello", "intent/invalid"],
  ["an unknown intent type", () => usLead, { intent: { type: "nuke/launch" } }, "intent/invalid"],
  [
    "a field of the wrong type",
    () => usLead,
    { intent: { type: "chat/team", text: 42 } },
    "intent/invalid",
  ],
  [
    "oversized chat",
    () => usLead,
    { intent: { type: "chat/team", text: "x".repeat(501) } },
    "intent/invalid",
  ],
  [
    "a level that is not a number",
    () => usLead,
    { intent: { type: "proposal/table", package: { levels: { soybeans: "all" } } } },
    "intent/invalid",
  ],
  [
    "a clock command from a client",
    () => facilitator,
    { intent: { type: "clock/deadline", round: 1, phase: "caucus" } },
    "intent/invalid",
  ],
  [
    "tabling in the caucus phase",
    () => usLead,
    { intent: { type: "proposal/table", package: pkg } },
    "phase/wrong",
  ],
  [
    "moving the other team's lever",
    () => usLead,
    { intent: { type: "issue/move", issue: "rare-earths", level: 3 } },
    "phase/wrong",
  ],
  [
    "a player advancing the phase",
    () => usLead,
    { intent: { type: "phase/advance" } },
    "actor/not-facilitator",
  ],
  [
    "an observer chatting",
    () => observer,
    { intent: { type: "chat/table", text: "hi" } },
    "actor/observer",
  ],
  [
    "accepting a proposal that does not exist",
    () => cnLead,
    { intent: { type: "proposal/accept", proposalId: "p99" } },
    "phase/wrong",
  ],
];

describe("bad input", () => {
  it.each(CASES)(
    "answers %s with a typed error and changes nothing",
    async (_name, who, message, code) => {
      const before = roomOf(server, matchId).logHead.seq;
      const result = await new Promise<{ ok: boolean; code?: string; ref?: string }>((resolve) => {
        const stop = who().room.onMessage("result", (r) => {
          stop();
          resolve(r);
        });
        who().room.send("intent", message);
      });
      expect(result).toMatchObject({ ok: false, code });
      expect(roomOf(server, matchId).logHead.seq).toBe(before);
    },
  );

  it("refuses a seat acting for the other team, whatever actor the message claims", async () => {
    await ok(facilitator, { type: "phase/advance" });
    const forged = {
      intent: { type: "issue/move", issue: "rare-earths", level: 3, inRounds: 0 },
      actor: { kind: "player", team: "cn", role: "vice-premier" },
    };
    const moved = await usLead.send(forged);
    expect(moved).toMatchObject({ ok: false, code: "issue/not-yours" });
    await ok(usTrade, { type: "proposal/table", package: pkg });
    expect(await usLead.act({ type: "proposal/accept", proposalId: "p1" })).toMatchObject({
      ok: false,
      code: "proposal/own",
    });
    expect(await usTrade.act({ type: "proposal/accept", proposalId: "p1" })).toMatchObject({
      ok: false,
      code: "actor/not-lead",
    });
  });

  it("echoes the client's reference with every result", async () => {
    const result = await new Promise<{ ref?: string }>((resolve) => {
      const stop = usLead.room.onMessage("result", (r) => {
        stop();
        resolve(r);
      });
      usLead.room.send("intent", { ref: "button-42", intent: { type: "chat/team", text: "" } });
    });
    expect(result).toMatchObject({ ref: "button-42", ok: false, code: "intent/invalid" });
  });

  it("slows a flooding client with rate/limited while the others carry on", async () => {
    const results: { ok: boolean; code?: string }[] = [];
    const stop = usTrade.room.onMessage("result", (r) => results.push(r));
    for (let i = 0; i < 60; i++)
      usTrade.room.send("intent", { intent: { type: "chat/team", text: `flood ${i}` } });
    await ok(cnLead, { type: "chat/table", text: "Still here." });
    while (results.length < 60) await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(10);
    expect(results.filter((r) => r.code === "rate/limited").length).toBeGreaterThan(0);
    expect(roomOf(server, matchId).match.tableChat.at(-1)?.text).toBe("Still here.");
  });

  it("survives malformed frames and unknown message types, and keeps serving", async () => {
    observer.room.connection.send(new Uint8Array([13, 255, 0, 1, 2, 3]));
    observer.room.send("hack", { drop: "tables" });
    await ok(cnLead, { type: "chat/table", text: "After the garbage." });
    expect(roomOf(server, matchId).match.tableChat.at(-1)?.text).toBe("After the garbage.");
  });
});
