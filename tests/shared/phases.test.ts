import { describe, expect, it } from "vitest";
import { createMatch, type MatchState } from "../../shared/index.ts";
import {
  act,
  CLOCK,
  CN_LEAD,
  CN_NEGOTIATOR,
  FACILITATOR,
  goTo,
  newMatch,
  refused,
  scenario,
  US_LEAD,
  US_USTR,
} from "./helpers.ts";

const phasesOf = (rounds: number) => {
  let s: MatchState = act(createMatch(scenario, { rounds, implementation: 0 }, 1), FACILITATOR, {
    type: "match/start",
  });
  const seen = [`${s.round}:${s.phase}`];
  while (s.phase !== "ended") {
    s = act(s, FACILITATOR, { type: "phase/advance" });
    seen.push(`${s.round}:${s.phase}`);
  }
  return seen;
};

describe("rounds and phases", () => {
  it("runs news, caucus, table and resolution each round, with the summit only in the last", () => {
    expect(phasesOf(2)).toEqual([
      "1:news",
      "1:caucus",
      "1:table",
      "1:resolution",
      "2:news",
      "2:caucus",
      "2:table",
      "2:summit",
      "2:resolution",
      "2:ended",
    ]);
  });

  it("opens round 1 with its scripted events and the last round with the summit", () => {
    const first = goTo(newMatch(), 1, "news");
    expect(first.news.map((n) => n.eventId)).toEqual(["rare-earth-rules", "threat-100"]);
    expect(first.market.index).toBeLessThan(100);
    const last = goTo(newMatch(), 4, "news");
    expect(last.news[last.news.length - 1]?.eventId).toBe("busan-summit");
  });

  it("draws unscripted rounds' events from the deck by seed, the same for the same seed", () => {
    const drawn = (seed: number) =>
      goTo(newMatch(seed), 3, "news")
        .news.slice(2)
        .map((n) => n.eventId);
    expect(drawn(11)).toEqual(drawn(11));
    expect(drawn(11)).toHaveLength(2);
    const variety = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => drawn(seed).join()));
    expect(variety.size).toBeGreaterThan(1);
  });

  it("advances on a clock deadline only for the current phase, and never while paused", () => {
    const s = goTo(newMatch(), 1, "caucus");
    expect(refused(s, CLOCK, { type: "clock/deadline", round: 1, phase: "news" })).toBe(
      "clock/stale",
    );
    expect(act(s, CLOCK, { type: "clock/deadline", round: 1, phase: "caucus" }).phase).toBe(
      "table",
    );
    const paused = act(s, FACILITATOR, { type: "match/pause" });
    expect(refused(paused, CLOCK, { type: "clock/deadline", round: 1, phase: "caucus" })).toBe(
      "match/paused",
    );
    expect(refused(paused, US_LEAD, { type: "team/ready", ready: true })).toBe("match/paused");
    expect(act(paused, US_LEAD, { type: "chat/team", text: "wait for it" }).paused).toBe(true);
    expect(act(paused, FACILITATOR, { type: "match/resume" }).paused).toBe(false);
  });

  it("keeps facilitator commands from players and the clock's from everyone else", () => {
    const s = goTo(newMatch(), 1, "table");
    expect(refused(s, US_LEAD, { type: "phase/advance" })).toBe("actor/not-facilitator");
    expect(refused(s, FACILITATOR, { type: "clock/deadline", round: 1, phase: "table" })).toBe(
      "actor/not-clock",
    );
    expect(refused(s, FACILITATOR, { type: "chat/table", text: "hi" })).toBe("actor/not-player");
    const impostor = { kind: "player" as const, team: "us", role: "vice-premier", seat: "x" };
    expect(refused(s, impostor, { type: "chat/team", text: "hi" })).toBe("actor/unknown-seat");
  });

  it("advances when every team is ready, and resets readiness with each phase", () => {
    const s = goTo(newMatch(), 1, "caucus");
    const one = act(s, US_USTR, { type: "team/ready", ready: true });
    expect(one.phase).toBe("caucus");
    const both = act(one, CN_NEGOTIATOR, { type: "team/ready", ready: true });
    expect(both.phase).toBe("table");
    expect(Object.values(both.teams).every((t) => !t.ready)).toBe(true);
  });

  it("records extensions for the host's clock, reset at the next phase", () => {
    const s = act(goTo(newMatch(), 1, "table"), FACILITATOR, { type: "phase/extend", seconds: 60 });
    expect(s.extensionSeconds).toBe(60);
    expect(act(s, FACILITATOR, { type: "phase/advance" }).extensionSeconds).toBe(0);
  });

  it("scores the match when the facilitator ends it, and then refuses play", () => {
    const ended = act(goTo(newMatch(), 2, "table"), FACILITATOR, { type: "match/end" });
    expect(ended.phase).toBe("ended");
    expect(Object.keys(ended.scores ?? {})).toEqual(["us", "cn"]);
    expect(
      refused(ended, US_LEAD, {
        type: "proposal/table",
        package: { levels: { soybeans: 1 }, commitments: [], snapback: false },
      }),
    ).toBe("match/ended");
    expect(act(ended, CN_LEAD, { type: "chat/team", text: "well played" }).phase).toBe("ended");
  });

  it("lets the facilitator inject a deck event or a custom one, and refuses unknown targets", () => {
    const s = goTo(newMatch(), 2, "caucus");
    const injected = act(s, FACILITATOR, { type: "event/inject", eventId: "cpi-print" });
    expect(injected.news[injected.news.length - 1]?.eventId).toBe("cpi-print");
    expect(refused(s, FACILITATOR, { type: "event/inject", eventId: "no-such-event" })).toBe(
      "event/unknown",
    );
    const custom = act(s, FACILITATOR, {
      type: "event/inject-custom",
      event: {
        title: "Hurricane in the Gulf",
        text: "",
        effects: { market: -1, shocks: { "us-farm": 5 }, threats: [] },
      },
    });
    expect(custom.market.index).toBeLessThan(s.market.index);
    expect(
      refused(s, FACILITATOR, {
        type: "event/inject-custom",
        event: { title: "Bad", text: "", effects: { shocks: { nobody: 5 }, threats: [] } },
      }),
    ).toBe("event/unknown-constituency");
  });
});
