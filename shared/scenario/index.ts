import data from "./kuala-lumpur-2025.json" with { type: "json" };
import { loadScenario } from "./load.ts";
import phaseOne from "./phase-one-2019.json" with { type: "json" };
import type { Scenario } from "./schema.ts";

/** The default scenario, "Kuala Lumpur 2025", built from the public record of October 2025. */
export const KUALA_LUMPUR_2025: Scenario = mustLoad(data);

/**
 * The second scenario, "Phase One 2019–20": the talks that led to the deal signed on 15 January
 * 2020, then its implementation through COVID-19 (SCENARIO-FACTS: the "Phase One" deal).
 */
export const PHASE_ONE_2019: Scenario = mustLoad(phaseOne);

/** The scenarios every server offers, the default first. */
export const BUILT_IN_SCENARIOS: readonly Scenario[] = [KUALA_LUMPUR_2025, PHASE_ONE_2019];

function mustLoad(raw: unknown): Scenario {
  const loaded = loadScenario(raw);
  if (!loaded.ok) throw new Error(`Built-in scenario is invalid:\n${loaded.errors.join("\n")}`);
  return loaded.value;
}
