import { describe, expect, it } from "vitest";
import {
  KUALA_LUMPUR_2025,
  loadScenario,
  loadScenarioText,
  readout,
  utility,
} from "../../shared/index.ts";

const copy = () =>
  structuredClone(KUALA_LUMPUR_2025) as unknown as Record<string, unknown> &
    typeof KUALA_LUMPUR_2025;

describe("scenarios as data", () => {
  it("loads the default scenario with the issues the talks were about", () => {
    const ids = KUALA_LUMPUR_2025.issues.map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "us-extra-tariff",
        "cn-tariffs",
        "rare-earths",
        "us-export-controls",
        "soybeans",
        "fentanyl-precursors",
        "us-port-fees",
        "cn-port-fees",
        "structural",
      ]),
    );
    expect(loadScenario(JSON.parse(JSON.stringify(KUALA_LUMPUR_2025))).ok).toBe(true);
  });

  it("starts from the facts of late October 2025 and keeps the Busan outcome as its reference", () => {
    const issue = (id: string) => KUALA_LUMPUR_2025.issues.find((i) => i.id === id);
    const startValue = (id: string) => {
      const i = issue(id);
      return i?.levels[i.start]?.value;
    };
    expect(startValue("us-fentanyl-tariff")).toBe(20);
    expect(startValue("us-reciprocal-tariff")).toBe(10);
    expect(startValue("soybeans")).toBe(0);
    const threat = KUALA_LUMPUR_2025.events.find((e) => e.id === "threat-100");
    expect(threat?.effects.market).toBe(-2.7);
    expect(threat?.effects.threats.map((t) => t.issue)).toContain("us-extra-tariff");
    const reference = KUALA_LUMPUR_2025.reference.levels;
    expect(issue("us-fentanyl-tariff")?.levels[reference["us-fentanyl-tariff"] ?? 0]?.value).toBe(
      10,
    );
    expect(issue("soybeans")?.levels[reference.soybeans ?? 0]?.value).toBe(25);
    expect(reference.structural).toBe(0);
  });

  it("names the path and the problem when an issue has fewer than two levels", () => {
    const bad = copy();
    const issue = bad.issues[3];
    if (!issue) throw new Error("fixture");
    issue.levels = issue.levels.slice(0, 1);
    const loaded = loadScenario(bad);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors).toContain("issues[3].levels: at least 2 levels");
  });

  it("reports cross-references that do not resolve, each with its path", () => {
    const bad = copy();
    const constituency = bad.constituencies[0];
    const round = bad.rounds[1];
    if (!constituency || !round) throw new Error("fixture");
    constituency.drivers = [{ issue: "no-such-issue", perLevel: [1, 2] }];
    round.events = ["no-such-event"];
    bad.teams = bad.teams.slice(0, 1);
    const loaded = loadScenario(bad);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.errors).toContain(
      'constituencies[0].drivers[0].issue: unknown issue "no-such-issue"',
    );
    expect(loaded.errors).toContain('rounds[1].events[0]: unknown event "no-such-event"');
    expect(loaded.errors).toContain("teams: exactly 2 teams");
  });

  it("refuses text that is not JSON, or not a scenario, without throwing", () => {
    const notJson = loadScenarioText("{ issues: ");
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.errors[0]).toMatch(/^not valid JSON/);
    const wrong = loadScenarioText(JSON.stringify({ id: "Bad Id", teams: "two" }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.errors).toContain("id: an id of lowercase letters, digits and dashes");
      expect(wrong.errors.some((e) => e.startsWith("teams:"))).toBe(true);
    }
  });

  it("follows the facts file's corrections (issue 10)", () => {
    const s = KUALA_LUMPUR_2025;
    const issue = (id: string) => s.issues.find((i) => i.id === id);
    const rareEarths = issue("rare-earths")?.levels.map((l) => l.label) ?? [];
    expect(rareEarths).toHaveLength(3);
    expect(new Set(issue("rare-earths")?.levels.map((l) => l.value)).size).toBe(3);
    const start = Object.fromEntries(s.issues.map((i) => [i.id, i.start]));
    expect(utility(s, "us", { ...start, "us-extra-tariff": 0 })).toBeLessThan(
      utility(s, "us", start),
    );
    expect(utility(s, "us", { ...start, "us-reciprocal-tariff": 0 })).toBeLessThan(
      utility(s, "us", start),
    );
    const event = (id: string) => s.events.find((e) => e.id === id);
    expect(event("brazil-soybeans")?.text).toContain("23%");
    expect(
      event("threat-100")
        ?.effects.threats.map((t) => t.issue)
        .sort(),
    ).toEqual(["us-export-controls", "us-extra-tariff"]);
    expect(s.scheduled).toMatchObject([
      { issue: "us-reciprocal-tariff", level: 0, date: "10 Nov 2025" },
    ]);
    expect(issue("us-farm-aid")).toMatchObject({ holder: "us", domestic: true });
    expect(s.implementation).toHaveLength(2);
  });

  it("reads the average US tariff off the levels: about 57% before, 157% threatened, 47% after", () => {
    const s = KUALA_LUMPUR_2025;
    const [average] = s.readouts;
    if (!average) throw new Error("no readout");
    const start = Object.fromEntries(s.issues.map((i) => [i.id, i.start]));
    expect(readout(s, average, start)).toBe(57);
    expect(readout(s, average, { ...start, "us-extra-tariff": 0 })).toBe(157);
    expect(readout(s, average, s.reference.levels)).toBe(47);
  });

  it("traces every level, issue, constituency, event and brief weight to a source", () => {
    const s = KUALA_LUMPUR_2025;
    const missing = [
      ...s.issues.filter((i) => !i.source).map((i) => i.id),
      ...s.issues.flatMap((i) =>
        i.levels.filter((l) => !l.source).map((l) => `${i.id}/${l.label}`),
      ),
      ...s.constituencies.filter((c) => !c.source).map((c) => c.id),
      ...s.events.filter((e) => !e.source).map((e) => e.id),
      ...s.readouts.filter((r) => !r.source).map((r) => r.id),
      ...Object.entries(s.briefs).flatMap(([team, b]) =>
        s.issues.filter((i) => !b.sources[i.id]).map((i) => `${team} points ${i.id}`),
      ),
    ];
    expect(missing).toEqual([]);
  });
});
