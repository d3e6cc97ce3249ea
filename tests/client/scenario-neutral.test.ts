import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** A file's code without its comments, which may name the built-in scenarios' teams. */
const code = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

/** Where a file names a team of the built-in scenarios: "us" or "cn" quoted, `.us`, or `us:`. */
const TEAM_LITERAL = /["'`](us|cn)["'`]|\.(us|cn)\b|\b(us|cn)\s*:/;

describe("the client and server code", () => {
  it("names no team of the built-in scenarios: it reads the scenario's teams (issue 17)", () => {
    const found = ["client", "server"].flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.(ts|css|html)$/.test(f))
        .flatMap((f) =>
          code(readFileSync(join(root, folder, f), "utf8"))
            .split("\n")
            .flatMap((line, i) =>
              TEAM_LITERAL.test(line) ? [`${folder}/${f}:${i + 1}: ${line.trim()}`] : [],
            ),
        ),
    );
    expect(found).toEqual([]);
  });

  it("finds such a literal when one is there", () => {
    expect(
      TEAM_LITERAL.test(code('const lead = team === "cn"; // "us" in a comment is fine')),
    ).toBe(true);
    expect(TEAM_LITERAL.test(code("const lead = scores.us.total;"))).toBe(true);
    expect(TEAM_LITERAL.test(code('// the "us" team\nconst ok = 1;'))).toBe(false);
  });
});
