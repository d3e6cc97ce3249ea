import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const sandbox = mkdtempSync(join(tmpdir(), "trade-truce-lint-"));

/** Lints one file placed at `path` in a copy of the project's lint setup; returns the report. */
function lint(path: string, source: string): string {
  const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
  config.vcs = { enabled: false };
  delete config.$schema;
  writeFileSync(join(sandbox, "biome.json"), JSON.stringify(config));
  cpSync(join(root, "lint"), join(sandbox, "lint"), { recursive: true });
  mkdirSync(join(sandbox, path, ".."), { recursive: true });
  writeFileSync(join(sandbox, path), source);
  try {
    execFileSync(join(root, "node_modules/.bin/biome"), ["lint", "--max-diagnostics=50", path], {
      cwd: sandbox,
      encoding: "utf8",
      stdio: "pipe",
    });
    return "";
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return stdout + stderr;
  }
}

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe("the lint rule that keeps shared/ pure", () => {
  it("forbids Math.random, Date, timers and console in shared/", () => {
    const report = lint(
      "shared/impure.ts",
      "export const roll = Math.random();\nexport const now = Date.now();\nsetTimeout(() => undefined, 1);\nconsole.log(roll);\n",
    );
    expect(report).toContain("not Math.random");
    expect(report).toContain("global variable Date");
    expect(report).toContain("global variable setTimeout");
    expect(report).toContain("global variable console");
  });

  it("forbids importing the server, the client, Phaser, Colyseus or Node I/O from shared/", () => {
    const report = lint(
      "shared/imports.ts",
      [
        'import { a } from "../server/main.ts";',
        'import { b } from "../client/main.ts";',
        'import Phaser from "phaser";',
        'import { Room } from "@colyseus/core";',
        'import { readFileSync } from "node:fs";',
        "export const all = [a, b, Phaser, Room, readFileSync];",
      ].join("\n"),
    );
    expect(report.match(/shared\/ is pure/g)).toHaveLength(5);
  });

  it("forbids client/ from importing server/, and lets the server use the clock", () => {
    expect(
      lint("client/leak.ts", 'import { a } from "../server/main.ts";\nexport const b = a;\n'),
    ).toContain("client/ never imports server/");
    expect(lint("server/clock.ts", "export const now = Date.now() + Math.random();\n")).toBe("");
  });
});
