import { describe, expect, it } from "vitest";
import {
  crossedRedLines,
  defaultSettings,
  disagreement,
  hasAgreement,
  outcome,
  PHASE_ONE_2019,
  paretoFrontier,
  simulate,
} from "../../shared/index.ts";

const scenario = PHASE_ONE_2019;

describe("the Phase One scenario (2019–20)", () => {
  it("loads with its four roles, wild cards, a role brief each, and the COVID-19 shock in implementation", () => {
    expect(scenario.teams.map((t) => t.roles.find((r) => r.lead)?.title)).toEqual([
      expect.stringMatching(/Trade Representative/),
      expect.stringMatching(/Vice Premier/),
    ]);
    for (const team of scenario.teams)
      for (const role of team.roles)
        expect(scenario.briefs[team.id]?.roles[role.id]?.summary, role.id).toBeTruthy();
    const shocks = scenario.implementation.flatMap((r) => r.events);
    const implementation = scenario.events.filter((e) => shocks.includes(e.id));
    expect(implementation.map((e) => `${e.title} ${e.text}`).join(" ")).toMatch(/coronavirus/i);
  });

  it("holds its real outcome as a valid outcome, above no deal for both, crossing no red line", () => {
    const real = outcome(scenario, scenario.reference.levels);
    const noDeal = disagreement(scenario, defaultSettings(scenario));
    expect(real.utilities[0]).toBeGreaterThan(noDeal.utilities[0]);
    expect(real.utilities[1]).toBeGreaterThan(noDeal.utilities[1]);
    for (const team of scenario.teams)
      expect(crossedRedLines(scenario, team.id, scenario.reference.levels)).toEqual([]);
    const frontier = paretoFrontier(scenario);
    expect(frontier.length).toBeGreaterThan(5);
    expect(
      frontier.some(
        (p) => p.utilities[0] >= real.utilities[0] && p.utilities[1] >= real.utilities[1],
      ),
    ).toBe(true);
  });

  it("is played to an agreement by two linear bots on most seeds", () => {
    const agreed = Array.from({ length: 10 }, (_, i) => i + 1).filter((seed) => {
      const { head, refusals } = simulate(scenario, {
        seed,
        ...defaultSettings(scenario),
        strategies: { us: "linear", cn: "linear" },
        compliance: 0.8,
      });
      expect(refusals).toEqual([]);
      return hasAgreement(head.state) || head.state.agreements.length > 0;
    });
    expect(agreed.length).toBeGreaterThanOrEqual(8);
  });
});
