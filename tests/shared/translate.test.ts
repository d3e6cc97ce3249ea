import { describe, expect, it } from "vitest";
import {
  BUILT_IN_SCENARIOS,
  loadScenarioText,
  publicScenario,
  type Scenario,
  translate,
  untranslated,
} from "../../shared/index.ts";
import { documentedScenario } from "./helpers.ts";

const CJK = /[\u4e00-\u9fff]/;

/** Every “quoted” phrase of a text. */
const quotes = (text: string) => [...text.matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? "");

/** The names a brief may quote: the scenario's level, issue and constituency labels. */
function labels(scenario: Scenario): Set<string> {
  return new Set([
    ...scenario.issues.flatMap((i) => [i.label, ...i.levels.map((l) => l.label)]),
    ...scenario.constituencies.map((c) => c.label),
  ]);
}

describe("scenario text in English and Chinese", () => {
  for (const scenario of BUILT_IN_SCENARIOS)
    it(`${scenario.id}: every text field has its Chinese, and the Chinese briefs quote the Chinese labels`, () => {
      expect(untranslated(scenario, "zh")).toEqual([]);
      const zh = translate(scenario, "zh");
      expect(zh.title).toMatch(CJK);
      expect(
        zh.issues.every((i) => CJK.test(i.label) && i.levels.some((l) => CJK.test(l.label))),
      ).toBe(true);
      expect(zh.issues.map((i) => i.id)).toEqual(scenario.issues.map((i) => i.id));
      expect(zh.briefs[scenario.teams[0]?.id ?? ""]?.points).toEqual(
        scenario.briefs[scenario.teams[0]?.id ?? ""]?.points,
      );
      const names = labels(zh);
      for (const brief of Object.values(zh.briefs))
        for (const role of Object.values(brief.roles))
          for (const text of [role.priorities, role.reservation, role.mandate])
            for (const quoted of quotes(text)) expect(names, `“${quoted}”`).toContain(quoted);
      expect(translate(scenario, "en")).toBe(scenario);
    });

  it("falls back to English field by field, and lists what a Chinese page reads in English", () => {
    const loaded = loadScenarioText(documentedScenario());
    if (!loaded.ok) throw new Error(loaded.errors.join("\n"));
    const scenario = structuredClone(loaded.value);
    const [issue] = scenario.issues;
    if (!issue) throw new Error("fixture");
    issue.zh = { label: "预算" };
    const missing = untranslated(scenario, "zh");
    expect(missing).toContain("title");
    expect(missing).toContain("teams[0].name");
    expect(missing).not.toContain("issues[0].label");
    expect(missing).toContain("issues[0].levels[0].label");
    const zh = translate(scenario, "zh");
    expect(zh.issues[0]?.label).toBe("预算");
    expect(zh.issues[0]?.levels).toEqual(issue.levels);
  });

  it("keeps a team's Chinese brief with its brief: the public scenario holds none", () => {
    const [scenario] = BUILT_IN_SCENARIOS;
    if (!scenario) throw new Error("fixture");
    const shown = JSON.stringify(publicScenario(scenario));
    for (const brief of Object.values(scenario.briefs)) {
      expect(shown).not.toContain(brief.zh?.summary ?? "?");
      for (const role of Object.values(brief.roles))
        expect(shown).not.toContain(role.zh?.summary ?? "?");
    }
  });

  it("leaves what people typed as typed", () => {
    const chat = { round: 1, team: "us", role: "treasury", text: "Hold the line" };
    expect(translate({ chat: [chat] }, "zh")).toEqual({ chat: [chat] });
  });
});
