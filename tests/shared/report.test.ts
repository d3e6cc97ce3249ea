import { describe, expect, it } from "vitest";
import {
  analyzeMatch,
  disagreement,
  distanceToFrontier,
  kalaiPoint,
  nashPoint,
  outcome,
  paretoFrontier,
  reportsToCsv,
  Scenario,
  simulate,
} from "../../shared/index.ts";
import { scenario as kualaLumpur } from "./helpers.ts";

/**
 * Two issues, worked out by hand. A divides the teams (t1 wants level 0, t2 level 1); C is a common
 * interest (both want level 1). Utilities (t1, t2), scaled 0–100:
 *   A0 C0: (60, 0)   A0 C1: (100, 28.6)   A1 C0: (0, 71.4)   A1 C1: (40, 100)
 * The frontier is A0 C1 and A1 C1. From the status quo A0 C0 only A0 C1 gains for both, so it is
 * both the Nash and the Kalai point. A1 C0 lies 49.2 points from the frontier's nearest point (40, 100).
 */
const small = Scenario.parse({
  ...kualaLumpur,
  scheduled: [],
  readouts: [],
  implementation: [],
  teams: [
    { id: "t1", name: "One", capital: 50, roles: [{ id: "lead", title: "Lead", lead: true }] },
    { id: "t2", name: "Two", capital: 50, roles: [{ id: "lead", title: "Lead", lead: true }] },
  ],
  issues: [
    {
      id: "a",
      label: "A",
      description: "",
      holder: "t1",
      levels: [
        { label: "A0", value: 0 },
        { label: "A1", value: 1 },
      ],
      start: 0,
      market: 0,
    },
    {
      id: "c",
      label: "C",
      description: "",
      holder: "t2",
      levels: [
        { label: "C0", value: 0 },
        { label: "C1", value: 1 },
      ],
      start: 0,
      market: 0,
    },
  ],
  constituencies: [],
  briefs: {
    t1: {
      summary: "",
      constituencies: "",
      points: { a: [6, 0], c: [0, 4] },
      redLines: [],
      roles: {},
    },
    t2: {
      summary: "",
      constituencies: "",
      points: { a: [0, 10], c: [0, 4] },
      redLines: [],
      roles: {},
    },
  },
  events: [],
  rounds: [
    { label: "One", date: "", events: [] },
    { label: "Two", date: "", events: [] },
  ],
  reference: { label: "ref", date: "", levels: { a: 1, c: 1 }, notes: "" },
});

describe("match analysis", () => {
  it("matches the frontier, Nash and Kalai points worked out by hand", () => {
    const frontier = paretoFrontier(small);
    expect(frontier.map((p) => p.utilities)).toEqual([
      [100, 28.6],
      [40, 100],
    ]);
    const d = disagreement(small, { rounds: 2, implementation: 0 });
    expect(d.utilities).toEqual([60, 0]);
    expect(nashPoint(frontier, d)?.levels).toEqual({ a: 0, c: 1 });
    expect(kalaiPoint(frontier, d)?.levels).toEqual({ a: 0, c: 1 });
    expect(distanceToFrontier(frontier, outcome(small, { a: 1, c: 0 }))).toBe(49.2);
    expect(distanceToFrontier(frontier, outcome(small, { a: 1, c: 1 }))).toBe(0);
  });

  it("reports a simulated match: utilities, efficiency, joint gain, concessions over time and compliance", () => {
    const { log, head } = simulate(kualaLumpur, {
      seed: 1,
      rounds: 4,
      strategies: { us: "linear", cn: "conceder" },
      compliance: 1,
      implementation: 2,
    });
    const report = analyzeMatch(log, head);
    expect(report.entries).toBe(log.entries.length);
    expect(report.deal).toBe(true);
    expect(report.utilities.us).toBeGreaterThan(report.noDeal[0]);
    expect(report.jointGain).toBeCloseTo(
      (report.utilities.us ?? 0) + (report.utilities.cn ?? 0) - report.noDeal[0] - report.noDeal[1],
      0,
    );
    const us = report.concessions.us ?? [];
    expect(us.length).toBe(4);
    expect((us[0] ?? 0) > (us[3] ?? 0)).toBe(true);
    expect(report.compliance.cn?.rate).toBe(100);
    const csv = reportsToCsv([report]).split("\n");
    expect(csv[0]).toContain("match,team,utility,score");
    expect(csv).toHaveLength(3);
  });
});
