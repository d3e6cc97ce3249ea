import { Protocol } from "@colyseus/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025 } from "../../shared/index.ts";
import { join, ok, openTable, type Player, startServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

/** Records the raw bytes of every frame a client receives from now on. */
function tap(player: Player): Buffer[] {
  const frames: Buffer[] = [];
  const events = player.room.connection.events;
  const original = events.onmessage;
  events.onmessage = (event: { data: ArrayBuffer }) => {
    frames.push(Buffer.from(event.data));
    original?.(event);
  };
  return frames;
}

/** Everything a client has received: decoded state, messages and raw frames. */
function everything(player: Player, frames: Buffer[]): string {
  return [
    JSON.stringify(player.room.state.toJSON()),
    JSON.stringify(player.received),
    Buffer.concat(frames).toString("latin1"),
  ].join("\n");
}

const secrets = (team: "us" | "cn") => ({
  caucus: `${team.toUpperCase()}-CAUCUS-SECRET-7731`,
  draft: `${team.toUpperCase()}-DRAFT-SECRET-1942`,
  brief: KUALA_LUMPUR_2025.briefs[team]?.summary ?? "",
  constituency: KUALA_LUMPUR_2025.constituencies.find((c) => c.team === team)?.label ?? "",
});

/** What belongs to one seat alone: its role brief's situation, and the bottom line its worksheet guessed. */
const seatSecrets = (team: string, role: string, guess: number) => ({
  roleBrief: KUALA_LUMPUR_2025.briefs[team]?.roles[role]?.situation.slice(0, 60) ?? "",
  worksheet: `"theirReservation":${guess}`,
});

describe("team secrets over the wire", () => {
  it("never sends one team's brief, caucus chat or drafts to the other team or observers", async () => {
    const { session, matchId, facilitator } = await openTable(server, {
      rounds: 2,
      preparation: true,
    });
    const seat = (name: string, team: string, role: string) =>
      join(server, matchId, { code: session.code, name, team, role });
    const usLead = await seat("Ana", "us", "treasury");
    const usTrade = await seat("Ben", "us", "ustr");
    const cnLead = await seat("Wei", "cn", "vice-premier");
    const cnTrade = await seat("Lin", "cn", "negotiator");
    const observer = await join(server, matchId, {
      code: session.code,
      observer: true,
      name: "Press",
    });
    const watched = { usLead, usTrade, cnLead, cnTrade, observer };
    const frames = Object.fromEntries(
      Object.entries(watched).map(([k, p]) => [k, tap(p)]),
    ) as Record<keyof typeof watched, Buffer[]>;

    const pkg = {
      levels: { soybeans: 2, "us-export-controls": 2 },
      commitments: [],
      snapback: false,
    };
    await ok(facilitator, { type: "match/start" });
    const seats = { usLead, usTrade, cnLead, cnTrade };
    const seatOf = {
      usLead: "us:treasury",
      usTrade: "us:ustr",
      cnLead: "cn:vice-premier",
      cnTrade: "cn:negotiator",
    };
    const guesses = { usLead: 37.71, usTrade: 41.93, cnLead: 53.17, cnTrade: 29.87 };
    for (const [name, player] of Object.entries(seats)) {
      const theirReservation = guesses[name as keyof typeof seats];
      const worksheet = { priorities: {}, theirPriorities: {}, prediction: {}, theirReservation };
      await ok(player, { type: "worksheet/submit", worksheet });
    }
    await ok(facilitator, { type: "phase/advance" });
    for (const [player, team] of [
      [usTrade, "us"],
      [cnTrade, "cn"],
    ] as const) {
      await ok(player, { type: "chat/team", text: secrets(team).caucus });
      await ok(player, { type: "draft/save", title: secrets(team).draft, package: pkg });
    }
    await ok(facilitator, { type: "phase/advance" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(cnLead, {
      type: "proposal/table",
      package: {
        ...pkg,
        commitments: [{ issue: "soybeans", by: "cn", instalments: [{ round: 1, amount: 12 }] }],
      },
    });
    await ok(usLead, { type: "proposal/accept", proposalId: "p1" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(cnTrade, {
      type: "commitment/deliver",
      commitmentId: "c1",
      instalment: 0,
      fraction: 0.25,
    });
    await ok(facilitator, { type: "phase/advance" });
    await ok(facilitator, { type: "phase/advance" });
    await usLead.until((s) => s.phase === "caucus" && s.round === 2);

    for (const [name, player] of Object.entries(watched)) {
      const seen = everything(player, frames[name as keyof typeof watched]);
      for (const [holder, key] of Object.entries(seatOf)) {
        const [team = "", role = ""] = key.split(":");
        const secret = seatSecrets(team, role, guesses[holder as keyof typeof seats]);
        expect(
          seen.includes(secret.roleBrief),
          `${name} ${name === holder ? "should" : "must not"} see ${holder}'s role brief`,
        ).toBe(name === holder);
        if (name !== holder)
          expect(seen, `${name} must not see ${holder}'s worksheet`).not.toContain(
            secret.worksheet,
          );
      }
      const own = player.seat.kind === "team" ? player.seat.team : undefined;
      for (const team of ["us", "cn"] as const) {
        const secret = secrets(team);
        const mine = own === team;
        for (const text of [secret.caucus, secret.draft, secret.brief, secret.constituency]) {
          expect(
            seen.includes(text),
            `${name} ${mine ? "should" : "must not"} see ${text.slice(0, 30)}`,
          ).toBe(mine);
        }
      }
    }
    type Agreements = { commitments: { instalments: Record<string, number>[] }[] }[];
    const decoded = (player: Player) =>
      player.room.state.toJSON() as {
        agreements: string;
        teams: Record<string, { private?: { agreements: string } }>;
      };
    const first = (json: string | undefined) =>
      (JSON.parse(json ?? "[]") as Agreements)[0]?.commitments[0]?.instalments[0];
    expect(first(decoded(usLead).agreements)).toEqual({
      round: 1,
      amount: 12,
      reported: expect.any(Number),
    });
    expect(first(decoded(usLead).teams.us?.private?.agreements)?.delivered).toBeUndefined();
    expect(first(decoded(cnLead).teams.cn?.private?.agreements)?.delivered).toBe(0.25);

    const facilitatorState = JSON.stringify(facilitator.room.state.toJSON());
    for (const team of ["us", "cn"] as const)
      expect(facilitatorState).toContain(secrets(team).caucus);
    for (const [holder, guess] of Object.entries(guesses))
      expect(facilitatorState, `the facilitator reads ${holder}'s worksheet`).toContain(`${guess}`);
  });
});

describe("private activity over the wire", () => {
  it("tells a team nothing when the other acts in private: no frame, no sequence, its own draft ids", async () => {
    const { session, matchId, facilitator } = await openTable(server, { rounds: 2 });
    const seat = (name: string, team: string, role: string) =>
      join(server, matchId, { code: session.code, name, team, role });
    const us = await seat("Ana", "us", "treasury");
    const cn = await seat("Wei", "cn", "vice-premier");
    await ok(facilitator, { type: "match/start" });
    await us.until((s) => s.phase === "news");
    const pkg = { levels: { soybeans: 2 }, commitments: [], snapback: false };

    const frames = tap(us);
    await ok(cn, { type: "chat/team", text: "Hold firm." });
    await ok(cn, { type: "draft/save", title: "Opening", package: pkg });
    await ok(cn, { type: "draft/save", title: "Fallback", package: pkg });
    await ok(cn, { type: "team/ready", ready: true });
    await us.until((s) => (s.teams as Record<string, { ready: boolean }>).cn?.ready === true);
    const patches = frames.filter((frame) => frame[0] === Protocol.ROOM_STATE_PATCH);
    expect(patches).toHaveLength(1);

    const result = await us.act({ type: "draft/save", title: "Ours", package: pkg });
    expect(Object.keys(result).sort()).toEqual(["ok", "ref"]);
    await us.until((s) => JSON.stringify(s).includes("Ours"));
    const decoded = us.room.state.toJSON() as {
      teams: Record<string, { private?: { drafts: string } }>;
    };
    expect(JSON.parse(decoded.teams.us?.private?.drafts ?? "[]")).toEqual([
      expect.objectContaining({ id: "d1", title: "Ours" }),
    ]);
    expect(decoded).not.toHaveProperty("seq");
    expect(decoded).not.toHaveProperty("hash");
  });
});
