import type { Readout, Scenario } from "../scenario/schema.ts";
import type { Levels } from "../state.ts";
import { findIssue } from "./kit.ts";

/** A derived figure's value for some levels: its base plus the values of its issues' levels. */
export function readout(scenario: Scenario, figure: Readout, levels: Levels): number {
  let value = figure.base;
  for (const id of figure.issues) {
    const issue = findIssue(scenario, id);
    value += issue?.levels[levels[id] ?? issue.start]?.value ?? 0;
  }
  return value;
}
