import { describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025, loadScenario, loadScenarioText } from "../../shared/index.ts";

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
});
