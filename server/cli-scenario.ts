import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  BUILT_IN_SCENARIOS,
  defaultSettings,
  disagreement,
  loadScenarioText,
  outcome,
  paretoFrontier,
  type Scenario,
  untranslated,
} from "../shared/index.ts";

/** A built-in scenario by its id, or a scenario file by its path (the default scenario if neither). */
export function loadScenario(source: string | undefined): Scenario {
  const builtIn = BUILT_IN_SCENARIOS.find((s) => s.id === (source ?? BUILT_IN_SCENARIOS[0]?.id));
  if (builtIn) return builtIn;
  const loaded = loadScenarioText(readFileSync(source ?? "", "utf8"));
  if (!loaded.ok)
    throw new Error(`${source} is not a valid scenario:\n${loaded.errors.join("\n")}`);
  return loaded.value;
}

/** What `scenario check` says of a valid scenario: its size, its frontier and its no-deal point. */
function summary(scenario: Scenario) {
  const names = scenario.teams.map((t) => t.name);
  const noDeal = disagreement(scenario, defaultSettings(scenario)).utilities;
  const real = outcome(scenario, scenario.reference.levels).utilities;
  const byTeam = (values: readonly number[]) =>
    Object.fromEntries(names.map((name, i) => [name, values[i] ?? 0]));
  return {
    id: scenario.id,
    title: scenario.title,
    teams: Object.fromEntries(scenario.teams.map((t) => [t.name, t.roles.length])),
    issues: scenario.issues.length,
    events: scenario.events.length,
    rounds: scenario.rounds.length,
    implementation: scenario.implementation.length,
    frontier: paretoFrontier(scenario).length,
    noDeal: byTeam(noDeal),
    reference: { label: scenario.reference.label, utilities: byTeam(real) },
    /** Text fields a Chinese page reads in English, for want of their Chinese. */
    untranslated: { zh: untranslated(scenario, "zh").length },
  };
}

/**
 * `scenario check FILE`: validates a scenario file and prints every problem by its path, or its
 * size, its Pareto frontier and its no-deal point. Returns whether the file is valid.
 */
export function scenarioCommand(args: string[]): boolean {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false } },
  });
  const [verb, file] = positionals;
  if (verb !== "check" || !file) throw new Error('Use "scenario check FILE.json".');
  const loaded = loadScenarioText(readFileSync(file, "utf8"));
  if (!loaded.ok) {
    if (values.json) console.log(JSON.stringify({ ok: false, errors: loaded.errors }));
    else
      console.log(`${file}: ${loaded.errors.length} problem(s)\n  ${loaded.errors.join("\n  ")}`);
    return false;
  }
  const s = summary(loaded.value);
  const list = (values: Record<string, number>) =>
    Object.entries(values)
      .map(([name, value]) => `${name} ${value}`)
      .join(", ");
  if (values.json) console.log(JSON.stringify({ ok: true, ...s }));
  else
    console.log(
      [
        `${file}: valid — "${s.title}" (${s.id})`,
        `  teams: ${Object.entries(s.teams)
          .map(([name, roles]) => `${name} (${roles} roles)`)
          .join(
            ", ",
          )}; ${s.issues} issues; ${s.events} events; ${s.rounds} + ${s.implementation} rounds`,
        `  Pareto frontier: ${s.frontier} outcomes`,
        `  no deal: ${list(s.noDeal)}`,
        `  ${s.reference.label}: ${list(s.reference.utilities)}`,
        `  Chinese: ${s.untranslated.zh ? `${s.untranslated.zh} text fields have none (read in English)` : "complete"}`,
      ].join("\n"),
    );
  return true;
}
