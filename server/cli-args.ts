import { readFileSync } from "node:fs";
import {
  BOT_STRATEGIES,
  type BotStrategy,
  type MatchState,
  replayText,
  type Scenario,
  type Score,
  scoreParts,
} from "../shared/index.ts";

/** A usage mistake: reported with the usage text and exit code 2. */
export class UsageError extends Error {}

export function strategy(name: string | undefined, flag: string): BotStrategy {
  if (!name || !(BOT_STRATEGIES as readonly string[]).includes(name))
    throw new UsageError(`${flag} must be one of ${BOT_STRATEGIES.join(", ")}`);
  return name as BotStrategy;
}

export function integer(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

export function fraction(value: string | undefined): number {
  const n = Number(value ?? 0.8);
  if (!(n >= 0 && n <= 1)) throw new UsageError("--compliance must be a number from 0 to 1");
  return n;
}

/** The round of the first agreement, if there is one in force at the end. */
export function dealRound(state: MatchState): number | undefined {
  return state.agreements.some((a) => a.status === "in-force")
    ? state.agreements[0]?.round
    : undefined;
}

/** A score as its total and the signed points of each part. */
export function describeScore(scenario: Scenario, score: Score): string {
  const parts = Object.entries(scoreParts(scenario, score))
    .map(([part, points]) => `${part} ${points >= 0 ? "+" : ""}${points}`)
    .join(", ");
  return `total ${score.total} (${parts})`;
}

/** Replays and verifies a log file; a bad one fails naming its first bad entry. */
export function verified(path: string) {
  const started = performance.now();
  const result = replayText(readFileSync(path, "utf8"));
  const ms = performance.now() - started;
  if (!result.ok) {
    const where = result.error.seq === undefined ? "" : `entry ${result.error.seq}: `;
    throw new Error(`${path}: ${where}${result.error.message} (${result.error.code})`);
  }
  return { ...result, ms };
}

/** A strategy for each of the scenario's teams, from the flags named by their ids (`--us`, `--cn`). */
export function teamStrategies(
  values: Record<string, unknown>,
  scenario: Scenario,
): Record<string, BotStrategy> {
  return Object.fromEntries(
    scenario.teams.map((t) => [t.id, strategy(values[t.id] as string | undefined, `--${t.id}`)]),
  );
}

/** Options for a strategy per team, named by its id: `--us` and `--cn` in the built-in scenarios. */
export const teamOptions = (scenario: Scenario) =>
  Object.fromEntries(scenario.teams.map((t) => [t.id, { type: "string" as const }]));
