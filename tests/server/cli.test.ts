import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayText } from "../../shared/index.ts";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "trade-truce-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("the command line", () => {
  it("simulates a match into the server's log format, byte for byte the same for the same seed", () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    const c = join(dir, "c.json");
    expect(
      cli("sim", "--seed", "4", "--us", "boulware", "--cn", "tit-for-tat", "--out", a).code,
    ).toBe(0);
    expect(
      cli("sim", "--seed", "4", "--us", "boulware", "--cn", "tit-for-tat", "--out", b).code,
    ).toBe(0);
    expect(
      cli("sim", "--seed", "5", "--us", "boulware", "--cn", "tit-for-tat", "--out", c).code,
    ).toBe(0);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    expect(readFileSync(a, "utf8")).not.toBe(readFileSync(c, "utf8"));
    expect(replayText(readFileSync(a, "utf8")).ok).toBe(true);
  });

  it("prints one JSON object with --json", () => {
    const run = cli(
      "sim",
      "--seed",
      "9",
      "--us",
      "linear",
      "--cn",
      "conceder",
      "--rounds",
      "3",
      "--json",
    );
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    expect(summary).toMatchObject({
      seed: 9,
      strategies: { us: "linear", cn: "conceder" },
      rounds: 3,
    });
    expect(Object.keys(summary.finalLevels)).toContain("soybeans");
    expect(summary.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof summary.outcome.deal).toBe("boolean");
  });

  it("plays every pairing over seeds in a tournament", () => {
    const run = cli("tournament", "--seeds", "2", "--strategies", "linear,hardliner", "--json");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.rows.map((r: { us: string; cn: string }) => `${r.us}/${r.cn}`)).toEqual([
      "linear/linear",
      "linear/hardliner",
      "hardliner/linear",
      "hardliner/hardliner",
    ]);
    expect(result.rows[3].dealRate).toBe(0);
  });

  it("answers bad arguments with the usage and a non-zero exit", () => {
    for (const args of [
      [],
      ["fly"],
      ["sim", "--seed", "x", "--us", "linear", "--cn", "linear"],
      ["sim", "--seed", "1", "--us", "angel", "--cn", "linear"],
      ["tournament", "--seeds", "0"],
      ["sim", "--bogus"],
    ]) {
      const run = cli(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.err).toContain("Usage:");
    }
  });

  it("refuses a broken scenario file with the path of the problem", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify({ id: "broken", teams: [] }));
    const run = cli("sim", "--seed", "1", "--us", "linear", "--cn", "linear", "--scenario", file);
    expect(run.code).toBe(1);
    expect(run.err).toContain("teams: exactly 2 teams");
  });
});
