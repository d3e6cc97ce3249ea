import { describe, expect, it } from "vitest";
import { digest } from "../../shared/hash.ts";
import {
  type BotPlay,
  type MatchLog,
  playOut,
  replay,
  sealLog,
  simulate,
  startFork,
} from "../../shared/index.ts";
import { scenario } from "./helpers.ts";

const parentOf = (seed: number, rounds = 4): MatchLog =>
  simulate(scenario, {
    seed,
    rounds,
    implementation: 2,
    strategies: { us: "linear", cn: "linear" },
    compliance: 0.8,
  }).log;

const PARENT = parentOf(3);
const BOTS: BotPlay = { seed: 1, strategies: { us: "boulware", cn: "conceder" }, compliance: 1 };

/** Forks a log at entry `at` and plays it out with bots: the fork's log, its parent inside. */
function fork(parent: MatchLog, at: number, matchId = "fork-1"): MatchLog {
  const started = startFork(parent, at, { matchId, createdAt: "2026-11-29T00:00:00Z" });
  if (!started.ok) throw new Error(started.error.message);
  const { entries } = playOut(scenario, started.head, BOTS, 1_800_000_000_000);
  return { ...sealLog(started.log.header, entries), parent };
}

/** The parent's state after entry `at`, as its own replay reaches it. */
function stateAt(log: MatchLog, at: number) {
  let found: unknown;
  const result = replay(log, (head) => {
    if (head.seq === at) found = head.state;
  });
  if (!result.ok) throw new Error(result.error.message);
  return at === 0 ? result.opening : found;
}

const refusal = (log: unknown) => {
  const result = replay(log);
  if (result.ok) throw new Error("replayed");
  return result.error;
};

describe("forks: a match played on from any entry of another", () => {
  it("opens in the parent's state at the fork entry, plays on, and replays with its parent", () => {
    const log = fork(PARENT, 40);
    expect(log.header.fork).toEqual({
      matchId: PARENT.header.matchId,
      at: 40,
      hash: PARENT.entries[39]?.hash,
    });
    const result = replay(JSON.parse(JSON.stringify(log)));
    if (!result.ok) throw new Error(result.error.message);
    expect(digest(result.opening)).toBe(digest(stateAt(PARENT, 40)));
    expect(result.head.state.phase).toBe("ended");
    expect(result.parent?.head.hash).toBe(PARENT.end?.hash);
    expect(result.head.hash).toBe(fork(PARENT, 40).entries.at(-1)?.hash); // the same every time
    expect(result.head.hash).not.toBe(PARENT.end?.hash);
  });

  it("forks at entry 0 from the parent's opening, and forks a fork back to the first match", () => {
    const first = replay(fork(PARENT, 0));
    if (!first.ok) throw new Error(first.error.message);
    expect(digest(first.opening)).toBe(digest(stateAt(PARENT, 0)));
    const child = fork(PARENT, 40);
    const grandchild = fork(child, 10, "fork-2");
    const result = replay(grandchild);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.parent?.log.header.matchId).toBe("fork-1");
    expect(result.parent?.parent?.log.header.matchId).toBe(PARENT.header.matchId);
    expect(digest(result.opening)).toBe(digest(stateAt(child, 10)));
  });

  it("is refused when its parent is missing, altered, cut short or another match", () => {
    const log = fork(PARENT, 40);
    const { parent: _, ...orphan } = log;
    expect(refusal(orphan)).toMatchObject({ code: "log/parent", message: /does not hold/ });

    const before = structuredClone(log);
    const early = before.parent?.entries[9];
    if (early) early.at += 1;
    expect(refusal(before)).toMatchObject({
      code: "log/parent",
      message: /parent's log does not replay: Entry 10 does not chain/,
    });

    const after = structuredClone(log);
    const late = after.parent?.entries.at(-1);
    if (late) late.at += 1;
    expect(refusal(after).message).toMatch(`Entry ${PARENT.entries.length} does not chain`);

    const short = structuredClone(log);
    short.parent = { ...PARENT, entries: PARENT.entries.slice(0, 30), end: undefined };
    expect(refusal(short).message).toMatch(/holds 30 entries; the fork plays on from entry 40/);

    // A match of the same id that replays on its own, but is not the one the fork was made from.
    const other = structuredClone(log);
    other.parent = parentOf(3, 5);
    expect(refusal(other).message).toMatch(/entry 40 is not the one the fork was made from/);

    const another = structuredClone(log);
    another.parent = parentOf(4);
    expect(refusal(another).message).toMatch(/is of match sim-4-linear-linear, not of sim-3/);

    const reseeded = structuredClone(log);
    reseeded.header.seed += 1;
    expect(refusal(reseeded).message).toMatch(/scenario, seed or settings are not its parent's/);

    const moved = structuredClone(log);
    if (moved.header.fork) moved.header.fork.at = 41;
    expect(refusal(moved).message).toMatch(/entry 41 is not the one/);
  });

  it("cannot be made past the parent's last entry or once the parent had ended", () => {
    const past = startFork(PARENT, PARENT.entries.length + 1, { matchId: "f", createdAt: "" });
    expect(past).toMatchObject({ ok: false, error: { message: /there is no entry/ } });
    const ended = startFork(PARENT, PARENT.entries.length, { matchId: "f", createdAt: "" });
    expect(ended).toMatchObject({ ok: false, error: { message: /had ended at entry/ } });
  });
});
