import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_FORK_BYTES } from "../../server/forks.ts";
import {
  KUALA_LUMPUR_2025,
  type MatchLog,
  type MatchState,
  replay,
  simulate,
} from "../../shared/index.ts";
import { join, ok, startServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.stop();
});

const PARENT = simulate(KUALA_LUMPUR_2025, {
  seed: 3,
  rounds: 4,
  implementation: 2,
  strategies: { us: "linear", cn: "linear" },
  compliance: 0.8,
}).log;

/** Asks the server for a fork of a log's text. */
async function postFork(query: string, body: string) {
  const response = await server.colyseus.http
    .post(`/api/forks?${query}`, { headers: { "content-type": "application/json" }, body })
    .catch((refusal: { statusCode: number; data: unknown }) => refusal); // httpie throws on 4xx
  return {
    status: response.statusCode,
    data: response.data as {
      code: string;
      facilitatorSecret: string;
      matches: { matchId: string }[];
      fork: unknown;
      error: { code: string; message: string };
    },
  };
}

function stateAt(log: MatchLog, at: number): MatchState {
  let found: MatchState | undefined;
  replay(log, (head) => {
    if (head.seq === at) found = head.state;
  });
  if (!found) throw new Error(`no entry ${at}`);
  return found;
}

describe("forks through the server: a match played on from an entry of another", () => {
  it("opens a table in the parent's state, a bot in a seat, people in the others, and keeps the parent with its log", async () => {
    const huge = await postFork("at=3", " ".repeat(MAX_FORK_BYTES + 1));
    expect(huge).toMatchObject({ status: 413, data: { error: { code: "log/too-large" } } });
    const { status, data } = await postFork("at=12&bots=cn:conceder", JSON.stringify(PARENT));
    expect(status).toBe(201);
    expect(data.fork).toEqual({
      matchId: PARENT.header.matchId,
      at: 12,
      hash: PARENT.entries[11]?.hash,
    });
    const matchId = data.matches[0]?.matchId ?? "";
    const us = await join(server, matchId, {
      code: data.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    const then = stateAt(PARENT, 12);
    await us.until(
      (s) =>
        s.round === then.round &&
        s.phase === then.phase &&
        (s.seats as Record<string, { bot: boolean }>)["cn:vice-premier"]?.bot === true,
    );
    const facilitator = await join(server, matchId, { facilitatorSecret: data.facilitatorSecret });
    await ok(us, { type: "chat/team", text: "What if we had held out?" });
    await ok(facilitator, { type: "match/end" });

    const response = await fetch(`http://localhost:2568/api/matches/${matchId}/log`, {
      headers: { authorization: `Bearer ${data.facilitatorSecret}` },
    });
    const log = (await response.json()) as MatchLog;
    expect(log.header.fork?.at).toBe(12);
    expect(log.parent).toEqual(PARENT);
    const replayed = replay(log);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(replayed.parent?.head.hash).toBe(PARENT.end?.hash);
    expect(replayed.head.state.phase).toBe("ended");
    expect(log.entries.some((e) => e.command.intent.type === "chat/team")).toBe(true);
  });

  it("refuses a fork with its reason: no such entry, an altered log, an unknown team or strategy, too many", async () => {
    const text = JSON.stringify(PARENT);
    const past = await postFork(`at=${PARENT.entries.length + 1}`, text);
    expect(past.status).toBe(422);
    expect(past.data.error).toMatchObject({ code: "log/parent", message: /no entry/ });
    const ended = await postFork(`at=${PARENT.entries.length}`, text);
    expect(ended.data.error.message).toMatch(/had ended/);
    expect((await postFork("at=-1", text)).data.error.code).toBe("fork/invalid");
    expect((await postFork("at=3&bots=cn:sulky", text)).data.error.code).toBe("fork/invalid");
    const team = await postFork("at=3&bots=eu:linear", text);
    expect(team).toMatchObject({ status: 400, data: { error: { code: "fork/unknown-team" } } });
    const altered = structuredClone(PARENT);
    const entry = altered.entries[4];
    if (entry) entry.at += 1;
    const refused = await postFork("at=3", JSON.stringify(altered));
    expect(refused).toMatchObject({ status: 422, data: { error: { code: "log/hash-mismatch" } } });
    // Six forks a minute from one address: the seventh is refused, as this one would be for its size.
    const huge = await postFork("at=3", " ".repeat(MAX_FORK_BYTES + 1));
    expect(huge).toMatchObject({ status: 429, data: { error: { code: "rate/limited" } } });
  });
});
