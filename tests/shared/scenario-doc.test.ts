import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSettings, disagreement, loadScenarioText, simulate } from "../../shared/index.ts";
import { documentedScenario } from "./helpers.ts";

const doc = readFileSync(resolve(import.meta.dirname, "../../docs/scenarios.md"), "utf8");

describe("docs/scenarios.md", () => {
  it("holds a complete example that loads and that bots play through the rules", () => {
    const loaded = loadScenarioText(documentedScenario());
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    const scenario = loaded.value;
    expect(scenario.teams.map((t) => t.id)).not.toContain("us");
    const noDeal = disagreement(scenario, defaultSettings(scenario));
    expect(noDeal.utilities.every((u) => u > 0 && u < 100)).toBe(true);
    const [first = "", second = ""] = scenario.teams.map((t) => t.id);
    const { head, refusals } = simulate(scenario, {
      seed: 1,
      ...defaultSettings(scenario),
      strategies: { [first]: "linear", [second]: "conceder" },
      compliance: 1,
    });
    expect(refusals).toEqual([]);
    expect(head.state.phase).toBe("ended");
  });

  it("documents every field of a scenario", () => {
    for (const field of [
      "teams",
      "issues",
      "constituencies",
      "briefs",
      "events",
      "scheduled",
      "rounds",
      "implementation",
      "phases",
      "market",
      "trust",
      "scoring",
      "reference",
    ])
      expect(doc).toContain(`\`${field}\``);
  });
});
