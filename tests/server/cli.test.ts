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

  it("plays every pairing over seeds in a tournament, the README's example agent among them", () => {
    const csv = join(dir, "tournament.csv");
    const run = cli(
      "tournament",
      "--seeds",
      "2",
      "--strategies",
      "linear,hardliner",
      "--agent",
      "shared/bots/example-agent.ts",
      "--json",
      "--csv",
      csv,
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    const names = result.pairings.map(
      (p: { players: Record<string, string> }) => `${p.players.us}/${p.players.cn}`,
    );
    expect(names).toEqual([
      "linear/linear",
      "linear/hardliner",
      "linear/example",
      "hardliner/linear",
      "hardliner/hardliner",
      "hardliner/example",
      "example/linear",
      "example/hardliner",
      "example/example",
    ]);
    expect(result.pairings[4].dealRate).toBe(0);
    expect(result.pairings[0].score.us.total.mean).toBeGreaterThan(0);
    expect(readFileSync(csv, "utf8").split("\n")[0]).toContain("usDealUtility");
    const text = cli("tournament", "--seeds", "1", "--strategies", "linear");
    expect(text.out).toContain("| linear vs linear |");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const shown = readme.slice(
      readme.indexOf("const example: Agent"),
      readme.indexOf("export default example;"),
    );
    expect(shown.length).toBeGreaterThan(500);
    expect(readFileSync(join(root, "shared/bots/example-agent.ts"), "utf8")).toContain(shown);
  });

  it("replays and verifies a log, and names the first bad entry of a tampered or cut one", () => {
    const file = join(dir, "replay.json");
    expect(
      cli("sim", "--seed", "3", "--us", "linear", "--cn", "conceder", "--out", file).code,
    ).toBe(0);
    const log = JSON.parse(readFileSync(file, "utf8"));
    const ok = cli("replay", file, "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      entriesChecked: log.entries.length,
      finalHash: log.entries.at(-1).hash,
      sealed: true,
      phase: "ended",
    });

    const tampered = structuredClone(log);
    tampered.entries[5].at += 1;
    writeFileSync(join(dir, "tampered.json"), JSON.stringify(tampered));
    const bad = cli("replay", join(dir, "tampered.json"));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("entry 6");
    expect(bad.err).toContain("log/hash-mismatch");

    const cut = structuredClone(log);
    cut.entries.pop();
    writeFileSync(join(dir, "cut.json"), JSON.stringify(cut));
    expect(cli("replay", join(dir, "cut.json")).err).toContain("log/truncated");

    const renamed = structuredClone(log);
    renamed.header.scenario.title = "Not what was played";
    writeFileSync(join(dir, "renamed.json"), JSON.stringify(renamed));
    expect(cli("replay", join(dir, "renamed.json")).err).toContain("entry 1");
  });

  it("forks a log at an entry, plays it on with bots, and replays the fork with its parent", () => {
    const parent = join(dir, "parent.json");
    const fork = join(dir, "fork.json");
    expect(
      cli("sim", "--seed", "3", "--us", "linear", "--cn", "linear", "--out", parent).code,
    ).toBe(0);
    const args = ["fork", parent, "--at", "12", "--us", "boulware", "--cn", "conceder"];
    const run = cli(...args, "--out", fork, "--json");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    const log = JSON.parse(readFileSync(fork, "utf8"));
    expect(log.parent).toEqual(JSON.parse(readFileSync(parent, "utf8")));
    expect(log.header.fork).toEqual({
      matchId: "sim-3-linear-linear",
      at: 12,
      hash: log.parent.entries[11].hash,
    });
    expect(summary.fork).toMatchObject({ at: 12, strategies: { us: "boulware", cn: "conceder" } });
    expect(summary.parent.scores.us.total).toBeTypeOf("number");
    const replayed = JSON.parse(cli("replay", fork, "--json").out);
    expect(replayed).toMatchObject({
      fork: { at: 12 },
      finalHash: summary.fork.finalHash,
      phase: "ended",
    });

    log.parent.entries[3].at += 1;
    writeFileSync(fork, JSON.stringify(log));
    const altered = cli("replay", fork);
    expect(altered.code).toBe(1);
    expect(altered.err).toContain("parent's log does not replay: Entry 4 does not chain");

    const ended = cli(
      "fork",
      parent,
      "--at",
      String(log.parent.entries.length),
      "--us",
      "linear",
      "--cn",
      "linear",
      "--out",
      fork,
    );
    expect(ended.code).toBe(1);
    expect(ended.err).toContain("had ended");
    expect(cli("fork", "--at", "3", parent).code).toBe(2);
  });

  it("analyses logs into a report, a class table and a gradebook CSV", () => {
    const files = [1, 2].map((seed) => {
      const file = join(dir, `class-${seed}.json`);
      cli("sim", "--seed", String(seed), "--us", "boulware", "--cn", "conceder", "--out", file);
      return file;
    });
    const text = cli("analyze", ...files);
    expect(text.code).toBe(0);
    expect(text.out).toContain("Nash");
    expect(text.out).toContain("| match |");
    const csv = cli("analyze", ...files, "--csv")
      .out.trim()
      .split("\n");
    expect(csv).toHaveLength(5);
    expect(csv[0]).toContain("distance_to_frontier");
    const json = JSON.parse(cli("analyze", files[0] ?? "", "--json").out);
    expect(json[0]).toMatchObject({ deal: true, teams: ["us", "cn"] });
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

  it("checks a scenario file: its frontier and no-deal point, or every problem by its path", () => {
    const good = cli("scenario", "check", "shared/scenario/phase-one-2019.json");
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/valid — "Phase One 2019–20"/);
    expect(good.out).toMatch(/Pareto frontier: \d+ outcomes/);
    expect(good.out).toMatch(/no deal: United States \d+(\.\d)?, China \d+(\.\d)?/);
    const broken = join(dir, "broken.json");
    const raw = JSON.parse(readFileSync("shared/scenario/kuala-lumpur-2025.json", "utf8"));
    raw.issues[3].levels.splice(1);
    writeFileSync(broken, JSON.stringify(raw));
    const bad = cli("scenario", "check", broken, "--json");
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(["issues[3].levels: at least 2 levels"]),
    });
  });

  it("refuses a broken scenario file with the path of the problem", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify({ id: "broken", teams: [] }));
    const run = cli("sim", "--seed", "1", "--us", "linear", "--cn", "linear", "--scenario", file);
    expect(run.code).toBe(1);
    expect(run.err).toContain("teams: exactly 2 teams");
  });
});
