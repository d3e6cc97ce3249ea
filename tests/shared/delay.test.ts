import { describe, expect, it } from "vitest";
import { type MatchState, threatRound } from "../../shared/index.ts";
import { act, BUSAN, CN_LEAD, goTo, newMatch, playToEnd, US_LEAD } from "./helpers.ts";

/** Plays a match to its end with the Busan framework agreed in `round`. */
function agreedIn(round: number): MatchState {
  let s = goTo(newMatch(5), round, "table");
  s = act(s, US_LEAD, { type: "proposal/table", package: BUSAN });
  s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: s.proposals.at(-1)?.id ?? "" });
  return playToEnd(s);
}

describe("time", () => {
  it("makes the same package agreed earlier worth strictly more to both teams than at the summit", () => {
    const early = agreedIn(2).scores;
    const late = agreedIn(4).scores;
    expect(early?.us?.utility).toBeGreaterThan(late?.us?.utility ?? 0);
    expect(early?.cn?.utility).toBeGreaterThan(late?.cn?.utility ?? 0);
    expect(early?.us?.total).toBeGreaterThan(late?.us?.total ?? 0);
    expect(early?.cn?.total).toBeGreaterThan(late?.cn?.total ?? 0);
  });

  it("fires the 1 November threats at the summit's resolution and the October rare-earth rules after it", () => {
    const s = goTo(newMatch(), 1, "caucus");
    const due = Object.fromEntries(s.threats.map((t) => [t.issue, t.round]));
    expect(due).toEqual({
      "us-reciprocal-tariff": 4,
      "us-extra-tariff": 4,
      "us-export-controls": 4,
      "rare-earths": 5,
    });
    expect(threatRound({ rounds: 4, implementation: 0 }, 1, { inRounds: 0, afterSummit: 1 })).toBe(
      4,
    );
    const summitClosed = goTo(s, 5, "news");
    expect(summitClosed.levels["us-extra-tariff"]).toBe(0);
    expect(summitClosed.levels["rare-earths"]).toBe(1);
    expect(goTo(summitClosed, 6, "news").levels["rare-earths"]).toBe(0);
  });

  it("makes markets sag every round that escalation stands", () => {
    const fired = goTo(newMatch(), 5, "news");
    const calm = goTo(agreedAt4(), 5, "news");
    const sag = (s: MatchState) => (s.market.history.at(-2) ?? 0) - (s.market.history.at(-1) ?? 0);
    const later = goTo(fired, 6, "news");
    expect(sag(later)).toBeGreaterThan(0);
    expect(later.market.index).toBeLessThan(goTo(calm, 6, "news").market.index);
  });
});

function agreedAt4(): MatchState {
  let s = goTo(newMatch(), 4, "table");
  s = act(s, US_LEAD, { type: "proposal/table", package: BUSAN });
  return act(s, CN_LEAD, { type: "proposal/accept", proposalId: s.proposals.at(-1)?.id ?? "" });
}
