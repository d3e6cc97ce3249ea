import type { z } from "zod";
import { Scenario } from "./schema.ts";

/** The outcome of loading untrusted data: the value, or readable errors naming each path. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; errors: readonly string[] };

/** Formats a zod path as it reads in the file: `issues[3].levels`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join("");
}

/** Turns zod issues into lines such as `issues[3].levels: at least 2 levels`. */
export function formatZodError(error: z.ZodError): readonly string[] {
  return error.issues.map((issue) =>
    issue.path.length ? `${formatPath(issue.path)}: ${issue.message}` : issue.message,
  );
}

/** Parses JSON text, reporting a syntax error as a readable line instead of throwing. */
export function parseJson(text: string): Loaded<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
}

/** Validates scenario data (already parsed JSON) against the scenario schema. */
export function loadScenario(data: unknown): Loaded<Scenario> {
  const parsed = Scenario.safeParse(data);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: formatZodError(parsed.error) };
}

/** Validates a scenario file's text: JSON syntax first, then the schema. */
export function loadScenarioText(text: string): Loaded<Scenario> {
  const json = parseJson(text);
  return json.ok ? loadScenario(json.value) : json;
}
