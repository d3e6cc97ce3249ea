import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** A file's code without its comments. */
const code = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

/** Every string literal of some code, templates without their `${…}` parts, with where it starts. */
function literals(source: string): { text: string; at: number }[] {
  return [...source.matchAll(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)].map(
    (m) => ({ text: m[0].slice(1, -1).replace(/\$\{[^}]*\}/g, " "), at: m.index ?? 0 }),
  );
}

/**
 * Whether a literal reads as English for people: a capitalised word (not an identifier), or two or
 * more words ending a sentence or holding a capital. Class lists, styles, ids and keys do not.
 */
function readsAsEnglish(text: string): boolean {
  if (/^[A-Z][a-z]+$/.test(text.trim())) return true;
  const words = text.match(/[A-Za-z][a-z']+/g) ?? [];
  return words.length >= 2 && /[A-Z][a-z]+ [A-Za-z]|[a-z] [a-z]+[.?!…:]\s*$/.test(text);
}

/** Text that is no interface string: developers' errors and logs, fonts, what is compared against. */
const NOT_FOR_PEOPLE = /(new Error\(|console\.\w+\(|throw |fontFamily:|font-family:|===)\s*$/;
const NAMES = new Set(["DejaVu Sans", "Noto Sans CJK SC", "English", "Bearer"]);

/** The user-visible English left in a file's code. */
function englishIn(path: string): string[] {
  const source = code(readFileSync(join(root, path), "utf8"));
  return literals(source).flatMap(({ text, at }) => {
    const before = source.slice(Math.max(0, at - 60), at).replace(/\s+/g, " ");
    if (!readsAsEnglish(text) || NAMES.has(text.trim()) || NOT_FOR_PEOPLE.test(before)) return [];
    return [`${path}:${source.slice(0, at).split("\n").length}: ${text}`];
  });
}

describe("the client's code", () => {
  it("shows no English of its own: every string people read is in the locale files (issue 18)", () => {
    const files = readdirSync(join(root, "client"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `client/${f}`);
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap(englishIn)).toEqual([]);
  });

  it("finds such a string when one is there", () => {
    expect(readsAsEnglish("Mark team ready")).toBe(true);
    expect(readsAsEnglish("Play")).toBe(true);
    expect(readsAsEnglish("the match is over.")).toBe(true);
    expect(readsAsEnglish("item side-0")).toBe(false);
    expect(readsAsEnglish("table:header.markReady")).toBe(false);
    expect(readsAsEnglish("width: min(30rem, 100%)")).toBe(false);
    expect(readsAsEnglish("LobbyScene")).toBe(false);
  });
});
