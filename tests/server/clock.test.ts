import { describe, expect, it } from "vitest";
import { nextClock } from "../../server/clock.ts";
import { act, FACILITATOR, goTo, newMatch } from "../shared/helpers.ts";

const SECONDS = { news: 10, caucus: 60, table: 120, summit: 60, resolution: 30 };

describe("the phase clock", () => {
  it("starts each phase's full time, and has no deadline when untimed", () => {
    const caucus = goTo(newMatch(), 1, "caucus");
    const table = act(caucus, FACILITATOR, { type: "phase/advance" });
    expect(nextClock({ deadlineAt: 5 }, caucus, table, 1_000, SECONDS)).toEqual({
      deadlineAt: 121_000,
    });
    expect(nextClock({}, caucus, table, 1_000, undefined)).toEqual({});
  });

  it("freezes the time left on pause, adds extensions, and restarts on resume", () => {
    const table = goTo(newMatch(), 1, "table");
    const running = { deadlineAt: 100_000 };
    const paused = act(table, FACILITATOR, { type: "match/pause" });
    const frozen = nextClock(running, table, paused, 40_000, SECONDS);
    expect(frozen).toEqual({ remainingMs: 60_000 });
    const extended = act(paused, FACILITATOR, { type: "phase/extend", seconds: 30 });
    const longer = nextClock(frozen, paused, extended, 50_000, SECONDS);
    expect(longer).toEqual({ remainingMs: 90_000 });
    const resumed = act(extended, FACILITATOR, { type: "match/resume" });
    expect(nextClock(longer, extended, resumed, 70_000, SECONDS)).toEqual({ deadlineAt: 160_000 });
  });

  it("leaves the deadline alone for commands that do not touch time", () => {
    const table = goTo(newMatch(), 1, "table");
    const chatted = act(
      table,
      { kind: "player", team: "us", role: "treasury", seat: "a" },
      { type: "chat/team", text: "hi" },
    );
    expect(nextClock({ deadlineAt: 9 }, table, chatted, 5, SECONDS)).toEqual({ deadlineAt: 9 });
  });
});
