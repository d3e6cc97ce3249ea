import { describe, expect, it } from "vitest";
import {
  analyzeMatch,
  defaultSettings,
  disagreement,
  noDealMatch,
  simulate,
} from "../../shared/index.ts";
import { scenario } from "./helpers.ts";

describe("the no-deal point", () => {
  it("is what a match with no agreement scores: threats fire, the lapse happens, no summit bonus", () => {
    const played = simulate(scenario, {
      seed: 3,
      rounds: 4,
      implementation: 2,
      strategies: { us: "hardliner", cn: "hardliner" },
      compliance: 1,
    });
    const state = played.head.state;
    expect(state.agreements).toEqual([]);
    const noDeal = noDealMatch(scenario, { rounds: 4, implementation: 2 }, 3);
    expect(state.scores).toEqual(noDeal.scores);
    expect(state.scores?.us?.summitBonus).toBe(0);
    expect(state.levels).toMatchObject({
      "us-extra-tariff": 0,
      "us-export-controls": 0,
      "us-reciprocal-tariff": 0,
      "rare-earths": 0,
    });
    const report = analyzeMatch(played.log, played.head);
    expect(report.noDealScores).toEqual(state.scores);
    expect(report.noDeal).toEqual([state.scores?.us?.utility, state.scores?.cn?.utility]);
  });

  it("lies below the status quo for both teams, since the threats fire without a deal", () => {
    const d = disagreement(scenario, defaultSettings(scenario));
    const start = noDealMatch(scenario, { rounds: 4, implementation: 0 }, 0).levelHistory[0];
    expect(start?.["us-extra-tariff"]).toBe(1);
    const [us, cn] = d.utilities;
    expect(us).toBeLessThan(60);
    expect(cn).toBeLessThan(60);
  });
});
