import data from "./kuala-lumpur-2025.json" with { type: "json" };
import { loadScenario } from "./load.ts";
import type { Scenario } from "./schema.ts";

/** The default scenario, "Kuala Lumpur 2025", built from the public record of October 2025. */
export const KUALA_LUMPUR_2025: Scenario = mustLoad(data);

function mustLoad(raw: unknown): Scenario {
  const loaded = loadScenario(raw);
  if (!loaded.ok) throw new Error(`Built-in scenario is invalid:\n${loaded.errors.join("\n")}`);
  return loaded.value;
}
