import { describe, expect, it } from "vitest";
import {
  defaultSettings,
  disagreement,
  distanceToFrontier,
  kalaiPoint,
  nashPoint,
  outcome,
  paretoFrontier,
  type Scenario,
  utility,
} from "../../shared/index.ts";
import { scenario } from "./helpers.ts";

/** The default scenario cut down to its first four issues, small enough to enumerate. */
const small: Scenario = { ...scenario, issues: scenario.issues.slice(0, 4) };

function everyOutcome(s: Scenario): Record<string, number>[] {
  return s.issues.reduce<Record<string, number>[]>(
    (all, issue) =>
      all.flatMap((levels) => issue.levels.map((_, l) => ({ ...levels, [issue.id]: l }))),
    [{}],
  );
}

describe("analysis", () => {
  it("scales utility from 0 at a team's worst outcome to 100 at its best", () => {
    const best = Object.fromEntries(
      scenario.issues.map((i) => {
        const row = scenario.briefs.us?.points[i.id] ?? [];
        return [i.id, row.indexOf(Math.max(...row))];
      }),
    );
    expect(utility(scenario, "us", best)).toBe(100);
    const worst = Object.fromEntries(
      Object.entries(best).map(([id]) => [id, scenario.briefs.us?.points[id]?.indexOf(0) ?? 0]),
    );
    expect(utility(scenario, "us", worst)).toBe(0);
  });

  it("finds the same frontier as enumerating every outcome", () => {
    const all = everyOutcome(small).map((levels) => outcome(small, levels));
    const undominated = all.filter(
      (p) =>
        !all.some(
          (q) =>
            q.utilities[0] >= p.utilities[0] &&
            q.utilities[1] >= p.utilities[1] &&
            (q.utilities[0] > p.utilities[0] || q.utilities[1] > p.utilities[1]),
        ),
    );
    const key = (p: { utilities: readonly number[] }) => p.utilities.join("/");
    const expected = [...new Set(undominated.map(key))].sort();
    expect(paretoFrontier(small).map(key).sort()).toEqual(expected);
  });

  it("places the Nash and Kalai points on the frontier, both better than the status quo for both", () => {
    const frontier = paretoFrontier(scenario);
    const d = disagreement(scenario, defaultSettings(scenario));
    const nash = nashPoint(frontier, d);
    const kalai = kalaiPoint(frontier, d);
    for (const point of [nash, kalai]) {
      expect(point).toBeDefined();
      expect(frontier).toContain(point);
      expect(point?.utilities[0]).toBeGreaterThan(d.utilities[0]);
      expect(point?.utilities[1]).toBeGreaterThan(d.utilities[1]);
    }
    const product = (p: typeof nash) =>
      ((p?.utilities[0] ?? 0) - d.utilities[0]) * ((p?.utilities[1] ?? 0) - d.utilities[1]);
    expect(frontier.every((p) => product(p) <= product(nash) + 1e-9)).toBe(true);
  });

  it("measures zero distance on the frontier and a positive one inside it", () => {
    const frontier = paretoFrontier(scenario);
    const on = frontier[Math.floor(frontier.length / 2)];
    if (!on) throw new Error("empty frontier");
    expect(distanceToFrontier(frontier, on)).toBe(0);
    expect(
      distanceToFrontier(frontier, disagreement(scenario, defaultSettings(scenario))),
    ).toBeGreaterThan(0);
    expect(
      distanceToFrontier(frontier, outcome(scenario, scenario.reference.levels)),
    ).toBeGreaterThanOrEqual(0);
  });
});
