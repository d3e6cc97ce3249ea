import { describe, expect, it } from "vitest";
import { type MatchState, scoreParts, scoreTeam } from "../../shared/index.ts";
import {
  act,
  CN_LEAD,
  CN_NEGOTIATOR,
  goTo,
  newMatch,
  playToEnd,
  refused,
  scenario,
  US_LEAD,
} from "./helpers.ts";

describe("scoring", () => {
  it("judges red lines by what a team signs, not by the status quo it inherits", () => {
    const noDeal = playToEnd(goTo(newMatch(), 1, "table"));
    expect(noDeal.levels.soybeans).toBe(0);
    expect(noDeal.scores?.us?.redLinesCrossed).toBe(0);
    let s = goTo(newMatch(), 1, "table");
    s = act(s, CN_NEGOTIATOR, {
      type: "proposal/table",
      package: { levels: { "us-fentanyl-tariff": 1 }, commitments: [], snapback: false },
    });
    s = act(s, US_LEAD, { type: "proposal/accept", proposalId: "p1" });
    expect(s.teams.us?.private?.redLines).toEqual(["soybeans"]);
    expect(s.teams.cn?.private?.redLines).toEqual([]);
    expect(playToEnd(s).scores?.us?.redLinesCrossed).toBe(1);
  });

  it("pays the summit bonus only for an agreement in force that both leads endorse", () => {
    const bare = goTo(newMatch(), 4, "summit");
    expect(refused(bare, US_LEAD, { type: "summit/endorse", endorse: true })).toBe(
      "summit/no-agreement",
    );
    expect(playToEnd(bare).scores?.us?.summitBonus).toBe(0);
    let s = goTo(newMatch(), 4, "table");
    s = act(s, US_LEAD, {
      type: "proposal/table",
      package: { levels: { soybeans: 2, "rare-earths": 1 }, commitments: [], snapback: false },
    });
    s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    s = goTo(s, 4, "summit");
    s = act(s, US_LEAD, { type: "summit/endorse", endorse: true });
    expect(scoreTeam(scenario, playToEnd(s), "us").summitBonus).toBe(0);
    s = act(s, CN_LEAD, { type: "summit/endorse", endorse: true });
    const ended = playToEnd(s);
    expect(ended.framework).toBe("endorsed");
    const score = ended.scores?.us;
    if (!score) throw new Error("not scored");
    expect(score.summitBonus).toBe(scenario.scoring.summitBonus);
    const parts = Object.values(scoreParts(scenario, score));
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(score.total, 0);
  });

  it("gives repeated statements in one phase a diminishing effect", () => {
    const start = goTo(newMatch(), 1, "table");
    const say = (s: MatchState) =>
      act(s, CN_LEAD, { type: "statement/make", text: "We will not be coerced.", tone: "firm" });
    const once = say(start);
    let many = start;
    for (let i = 0; i < 30; i++) many = say(many);
    const shock = (s: MatchState) => s.teams.cn?.private?.shocks["cn-face"] ?? 0;
    expect(shock(once)).toBe(-1);
    expect(shock(many)).toBeGreaterThanOrEqual(-2.2);
    expect(once.market.index - many.market.index).toBeLessThan(0.5);
  });
});
