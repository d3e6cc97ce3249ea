import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOIN_LOOKUPS_PER_MINUTE } from "../../server/http.ts";
import { sealOf } from "../../server/signing.ts";
import { replay } from "../../shared/index.ts";
import { ok, type Player, playToAgreement } from "../server/helpers.ts";
import { Cluster, joinThrough, sleep, tryAct, urlOf } from "./nodes.ts";

const [A, B, C] = [2591, 2592, 2593] as const;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.create();
  for (const port of [A, B, C]) await cluster.start(port);
});

afterAll(async () => {
  await cluster?.close();
});

type Session = {
  code: string;
  facilitatorSecret: string;
  matches: { matchId: string }[];
};

/** Creates a session through the process at `port` (its tables are played there). */
async function createSession(port: number): Promise<Session & { matchId: string }> {
  const response = await fetch(`${urlOf(port)}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", connection: "close" },
    body: JSON.stringify({ rounds: 2, implementationRounds: 0 }),
  });
  expect(response.status).toBe(201);
  const session = (await response.json()) as Session;
  return { ...session, matchId: session.matches[0]?.matchId ?? "" };
}

/** The match's log as the facilitator downloads it through the process at `port`. */
async function logThrough(port: number, session: Session & { matchId: string }) {
  const response = await fetch(`${urlOf(port)}/api/matches/${session.matchId}/log`, {
    headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
  });
  return replay(await response.json());
}

const texts = (log: ReturnType<typeof replay>) =>
  log.ok
    ? log.log.entries.flatMap((e) =>
        e.command.intent.type === "chat/team" ? [e.command.intent.text] : [],
      )
    : [];

describe("a cluster of three processes sharing PostgreSQL and Redis", () => {
  it("plays a match created through one process and joined through the others, and takes it over when its process is killed", {
    timeout: 90_000,
  }, async () => {
    const session = await createSession(A);
    const { matchId, code, facilitatorSecret } = session;
    const facilitator = await joinThrough(B, matchId, { facilitatorSecret });
    const us = await joinThrough(B, matchId, { code, name: "Ana", team: "us", role: "treasury" });
    const cn = await joinThrough(C, matchId, {
      code,
      name: "Wei",
      team: "cn",
      role: "vice-premier",
    });
    await playToAgreement(facilitator, us, cn);
    const before = await logThrough(C, session);
    expect(before.ok && before.head.seq).toBe(6);

    for (const player of [facilitator, us, cn]) player.room.reconnection.enabled = false;
    const killed = Date.now();
    await cluster.stop(A, "SIGKILL");

    const back = {
      facilitator: await joinThrough(C, matchId, { facilitatorSecret }),
      us: await joinThrough(B, matchId, { seatToken: us.seat.token }),
      cn: await joinThrough(C, matchId, { seatToken: cn.seat.token }),
    };
    await ok(back.us, { type: "chat/team", text: "Still here." });
    console.log(`taken over: first intent accepted ${Date.now() - killed} ms after the kill`);
    const after = await logThrough(B, session);
    expect(after.ok && after.head.seq).toBe(7);
    expect(after.ok && after.log.entries.slice(0, 6)).toEqual(before.ok && before.log.entries);
    expect(back.cn.seat).toMatchObject({ team: "cn", role: "vice-premier" });
    await back.us.until((s) => s.phase === "table");

    await ok(back.facilitator, { type: "match/end" });
    await sleep(2500); // the table stays open for the debrief while the processes keep their leases
    await ok(back.us, { type: "chat/team", text: "Good game." });
    const ended = await logThrough(C, session);
    expect(ended.ok && ended.log.end?.entries).toBe(9);
    await cluster.start(A);
  });

  it("signs logs with one key and counts a client's requests as one, whichever process answers", async () => {
    const session = await createSession(B);
    const downloaded = await fetch(`${urlOf(B)}/api/matches/${session.matchId}/log`, {
      headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
    });
    const log = await downloaded.json();
    for (const port of [A, C]) {
      const checked = await fetch(`${urlOf(port)}/api/logs/origin`, {
        method: "POST",
        headers: { "content-type": "application/json", connection: "close" },
        body: JSON.stringify({ ...sealOf(log), signature: log.signature }),
      });
      expect(await checked.json()).toMatchObject({ origin: "this-server" });
    }
    const lookups = [];
    for (let i = 0; i < JOIN_LOOKUPS_PER_MINUTE + 1; i++)
      lookups.push(
        (
          await fetch(`${urlOf([A, B, C][i % 3] ?? A)}/api/join/ZZZZZZ`, {
            headers: { connection: "close" },
          })
        ).status,
      );
    expect(lookups.slice(0, JOIN_LOOKUPS_PER_MINUTE).every((status) => status === 404)).toBe(true);
    expect(lookups.at(-1)).toBe(429);
  });

  it("keeps every acknowledged intent through a rolling restart of all three processes", {
    timeout: 120_000,
  }, async () => {
    const session = await createSession(B);
    const { matchId, code, facilitatorSecret } = session;
    const facilitator = await joinThrough(A, matchId, { facilitatorSecret });
    await ok(facilitator, { type: "match/start" });
    const seats = [
      { port: A, join: { code, name: "Ana", team: "us", role: "treasury" } },
      { port: C, join: { code, name: "Wei", team: "cn", role: "vice-premier" } },
    ];
    const acknowledged: string[] = [];
    let rejoins = 0;
    let playing = true;
    /** A player who writes a line every 100 ms and, when the table goes away, rejoins by token. */
    const play = async (port: number, join: Record<string, unknown>, who: string) => {
      let player: Player = await joinThrough(port, matchId, join);
      player.room.reconnection.enabled = false;
      const token = player.seat.token;
      for (let n = 0; playing; n++) {
        const text = `${who} ${n}`;
        const result = await tryAct(player, { type: "chat/team", text });
        if (result?.ok) acknowledged.push(text);
        else if (!result) {
          rejoins++;
          player = await joinThrough(port, matchId, { seatToken: token });
          player.room.reconnection.enabled = false;
        }
        await sleep(100);
      }
    };
    const players = seats.map((s, i) => play(s.port, s.join, `line ${i}`));
    await sleep(1000);
    for (const port of [A, B, C]) {
      await cluster.stop(port, "SIGTERM");
      await sleep(2500);
      await cluster.start(port);
      await sleep(500);
    }
    await sleep(1000);
    playing = false;
    await Promise.all(players);

    const log = await logThrough(A, session);
    expect(log.ok).toBe(true);
    const logged = new Set(texts(log));
    expect(acknowledged.length).toBeGreaterThan(40);
    expect(rejoins).toBeGreaterThanOrEqual(2); // the table moved at least once, under both players
    expect(acknowledged.filter((text) => !logged.has(text))).toEqual([]);
  });
});
