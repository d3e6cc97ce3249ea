import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashSecret } from "../../server/secrets.ts";
import { postgres, type Sql, sqlite } from "../../server/sql.ts";
import { type Session, Store } from "../../server/store.ts";
import { type LogEntry, makeHeader, openMatch, replay, step } from "../../shared/index.ts";
import { FACILITATOR, scenario, US_LEAD } from "../shared/helpers.ts";
import { freshPostgres } from "./databases.ts";

/** Each backend the store runs on: a fresh database for every test, and its removal. */
const BACKENDS: readonly {
  readonly name: string;
  open(): Promise<{ sql: () => Sql; remove(): Promise<void> }>;
}[] = [
  {
    name: "SQLite",
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "trade-truce-store-"));
      return {
        sql: () => sqlite(join(dir, "store.sqlite")),
        remove: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const database = await freshPostgres();
      return { sql: () => postgres(database.url), remove: () => database.drop() };
    },
  },
];

const header = (matchId: string) =>
  makeHeader({
    matchId,
    createdAt: "2026-11-28T00:00:00Z",
    scenario,
    seed: 7,
    settings: { rounds: 3, implementation: 0 },
  });

/** The entries of a short match: the facilitator starts it and the US lead writes `lines` chat lines. */
function playedEntries(matchId: string, lines: number): LogEntry[] {
  let head = openMatch(header(matchId));
  const entries: LogEntry[] = [];
  const commands = [
    { actor: FACILITATOR, intent: { type: "match/start" as const } },
    ...Array.from({ length: lines }, (_, i) => ({
      actor: US_LEAD,
      intent: { type: "chat/team" as const, text: `line ${i}` },
    })),
  ];
  for (const [i, command] of commands.entries()) {
    const result = step(scenario, head, command, 1_700_000_000_000 + i);
    if (!result.ok) throw new Error(result.error.message);
    head = result.head;
    entries.push(result.entry);
  }
  return entries;
}

/** A lease held by nobody alive: lapsed from the start. */
const LEASE = { owner: "p-gone", until: 0 };

const SESSION: Session = {
  id: "s1",
  code: "ABCD-2345",
  createdAt: 1_700_000_000_000,
  settings: {
    scenarioId: scenario.id,
    rounds: 3,
    timed: false,
    phaseSeconds: {},
    tables: 2,
    listed: false,
    botTakeoverSeconds: 0,
    bots: [],
    title: "Period 3",
    seatsPerClient: 2,
  },
};

describe.each(BACKENDS)("the store on $name", (backend) => {
  let database: Awaited<ReturnType<(typeof backend)["open"]>>;
  let store: Store;

  beforeEach(async () => {
    database = await backend.open();
    store = await Store.open(database.sql());
  });

  afterEach(async () => {
    await store.close();
    await database.remove();
  });

  it("keeps sessions, finding them by id, code and facilitator secret (never stored in clear)", async () => {
    await store.createSession(SESSION, "the-secret");
    expect(await store.session("s1")).toEqual(SESSION);
    expect(await store.sessionByCode("ABCD-2345")).toEqual(SESSION);
    expect(await store.sessionBySecret("the-secret")).toEqual(SESSION);
    expect(await store.sessionBySecret("another")).toBeUndefined();
    await expect(store.createSession({ ...SESSION, id: "s2" }, "x")).rejects.toThrow();
  });

  it("writes appended entries together on flush, and gives back a log that replays", async () => {
    await store.createSession(SESSION, "secret");
    await store.createMatch("m1", "s1", 1, header("m1"), LEASE);
    const entries = playedEntries("m1", 250);
    for (const entry of entries) store.writes.append("m1", entry);
    expect(await store.entries("m1")).toEqual(entries); // a read flushes first
    expect((await store.match("m1"))?.entries).toBe(251);
    const log = await store.log("m1");
    expect(log?.end).toBeUndefined();
    const replayed = replay(log);
    expect(replayed.ok && replayed.head.seq).toBe(251);
    await store.endMatch("m1");
    const sealed = await store.log("m1");
    expect(sealed?.end).toEqual({ entries: 251, hash: entries.at(-1)?.hash });
    expect((await store.match("m1"))?.status).toBe("ended");
    expect((await store.liveMatches()).map((m) => m.id)).toEqual([]);
  });

  it("keeps a batch that failed to write queued, first in line, so a log never has a hole", async () => {
    await store.createSession(SESSION, "secret");
    await store.createMatch("m1", "s1", 1, header("m1"), LEASE);
    const [first, second, third] = playedEntries("m1", 2);
    if (!first || !second || !third) throw new Error("no entries");
    store.writes.append("m1", first);
    await store.writes.flush();
    store.writes.append("m1", first); // the same sequence number again: the database refuses the batch
    store.writes.append("m1", second);
    await expect(store.writes.flush()).rejects.toThrow();
    await expect(store.writes.flush()).rejects.toThrow(); // still first in line
    await expect(store.entries("m1")).rejects.toThrow(); // a read never shows a log with a hole
    await expect(store.close()).rejects.toThrow(); // closing says what it could not write
    store = await Store.open(database.sql());
    expect((await store.entries("m1")).map((e) => e.seq)).toEqual([1]);
  });

  it("claims seats by token from an address, counts them per session, and frees them", async () => {
    await store.createSession(SESSION, "secret");
    await store.createMatch("m1", "s1", 1, header("m1"), LEASE);
    await store.createMatch("m2", "s1", 2, header("m2"), LEASE);
    const seat = { matchId: "m1", team: "us", role: "treasury", name: "Ana" };
    await store.claimSeat(seat, "token-1", "10.0.0.1");
    await store.claimSeat({ ...seat, matchId: "m2" }, "token-2", "10.0.0.1");
    expect(await store.seatByToken("token-1")).toMatchObject(seat);
    expect((await store.seat("m1", "us", "treasury"))?.claimedAt).toBeGreaterThan(0);
    expect(await store.seatsClaimedFrom("s1", "10.0.0.1")).toBe(2);
    expect(await store.seatsClaimedFrom("s1", "10.0.0.2")).toBe(0);
    await expect(store.claimSeat(seat, "token-3", "10.0.0.3")).rejects.toThrow();
    await store.releaseSeat("m1", "us", "treasury");
    expect(await store.seatByToken("token-1")).toBeUndefined();
    expect((await store.seats("m2")).map((s) => s.name)).toEqual(["Ana"]);
    expect((await store.matchesOfSession("s1")).map((m) => m.table)).toEqual([1, 2]);
  });

  it("stores imports by owner, sums their bytes, and deletes them with their session once empty", async () => {
    const entries = playedEntries("i1", 3);
    await store.importLog(
      "i1",
      { header: header("i1"), entries },
      { keyHash: hashSecret("owner-key"), bytes: 1234, origin: "elsewhere" },
    );
    expect(await store.importedBytes()).toBe(1234);
    expect(await store.ownsImport("owner-key")).toBe(true);
    expect(await store.ownsImport("owner-key", "i1")).toBe(true);
    expect(await store.ownsImport("owner-key", "i2")).toBe(false);
    expect(await store.ownsImport("another-key")).toBe(false);
    expect(await store.importsOf("owner-key")).toEqual([
      expect.objectContaining({ matchId: "i1", entries: 4, bytes: 1234, origin: "elsewhere" }),
    ]);
    expect((await store.entries("i1")).length).toBe(4);
    expect(await store.expiredMatches(Date.now() + 1)).toEqual(["i1"]);
    expect(await store.expiredMatches(0)).toEqual([]);
    await store.deleteMatch("i1");
    expect(await store.match("i1")).toBeUndefined();
    expect(await store.importedBytes()).toBe(0);
  });

  it("finds live matches whose session has been idle since a time", async () => {
    await store.createSession(SESSION, "secret");
    await store.createMatch("m1", "s1", 1, header("m1"), LEASE);
    const [entry] = playedEntries("m1", 0);
    if (!entry) throw new Error("no entry");
    store.writes.append("m1", entry);
    expect((await store.idleLiveMatches(entry.at)).map((m) => m.id)).toEqual([]);
    expect((await store.idleLiveMatches(entry.at + 1)).map((m) => m.id)).toEqual(["m1"]);
  });

  it("leases a live match to one process at a time, renews it, and lets it go", async () => {
    await store.createSession(SESSION, "secret");
    await store.createMatch("m1", "s1", 1, header("m1"), { owner: "p1", until: 5_000 });
    await store.createMatch("m2", "s1", 2, header("m2"), LEASE);
    expect(await store.leases.lapsed(1_000)).toEqual(["m2"]);
    expect(await store.leases.claim("m1", { owner: "p2", until: 6_000 }, 1_000)).toBe(false);
    expect(await store.leases.claim("m1", { owner: "p1", until: 6_000 }, 1_000)).toBe(true);
    const [a, b] = await Promise.all([
      store.leases.claim("m2", { owner: "p1", until: 6_000 }, 1_000),
      store.leases.claim("m2", { owner: "p2", until: 6_000 }, 1_000),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1); // exactly one of two at once
    await store.leases.renew({ owner: "p1", until: 9_000 });
    expect(await store.leases.lapsed(8_000)).toEqual(a ? [] : ["m2"]);
    expect(await store.leases.takenFrom("p1", ["m1", "m2"])).toEqual(a ? [] : ["m2"]);
    expect(await store.leases.claim("m1", { owner: "p2", until: 20_000 }, 10_000)).toBe(true); // lapsed
    await store.leases.renew({ owner: "p1", until: 12_000 });
    expect(await store.leases.takenFrom("p1", ["m1"])).toEqual(["m1"]);
    await store.leases.release("m1", "p2");
    expect(await store.leases.lapsed(10_000)).toContain("m1");
    await store.endMatch("m1"); // an ended match is taken over by nobody
    expect(await store.leases.lapsed(30_000)).not.toContain("m1");
    expect(await store.leases.claim("m1", { owner: "p3", until: 30_000 }, 20_000)).toBe(false);
  });

  it("fences a table's entries by its lease: a process that lost a table writes none of them, and still writes the others'", async () => {
    await store.createSession(SESSION, "secret");
    await store.createMatch("m1", "s1", 1, header("m1"), { owner: "p1", until: 5_000 });
    await store.createMatch("m2", "s1", 2, header("m2"), { owner: "p1", until: 5_000 });
    store.writes.fence("p1");
    const [first, second] = playedEntries("m1", 1);
    const [other] = playedEntries("m2", 0);
    if (!first || !second || !other) throw new Error("no entries");
    store.writes.append("m1", first);
    await store.writes.flush();
    // p1 stalls past its lease; p2 takes m1 over; then p1 writes on.
    expect(await store.leases.claim("m1", { owner: "p2", until: 20_000 }, 10_000)).toBe(true);
    store.writes.append("m1", second);
    store.writes.append("m2", other);
    await store.writes.flush();
    expect([store.writes.lost("m1"), store.writes.lost("m2")]).toEqual([true, false]);
    expect((await store.entries("m1")).map((e) => e.seq)).toEqual([1]);
    expect((await store.entries("m2")).map((e) => e.seq)).toEqual([1]);
  });

  it("keeps one shared key: the first process's, whatever the others offer", async () => {
    const first = await store.sharedKey("log-signing", Buffer.from("first"));
    const second = await store.sharedKey("log-signing", Buffer.from("second"));
    expect(first.toString()).toBe("first");
    expect(second.toString()).toBe("first");
  });
});
