import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { useSha256 } from "../shared/hash.ts";
import {
  type Agent,
  analyzeMatch,
  BOT_STRATEGIES,
  BUILT_IN_SCENARIOS,
  MAX_IMPLEMENTATION_ROUNDS,
  MAX_ROUNDS,
  MIN_ROUNDS,
  playTournament,
  reportsToCsv,
  type Scenario,
  type Settings,
  type Stat,
  simulate,
  tournamentCsv,
} from "../shared/index.ts";
import {
  dealRound,
  describeScore,
  fraction,
  integer,
  strategy,
  teamOptions,
  teamStrategies,
  UsageError,
  verified,
} from "./cli-args.ts";
import { forkCommand } from "./cli-fork.ts";
import { loadScenario, scenarioCommand } from "./cli-scenario.ts";
import { nativeSha256Hex } from "./secrets.ts";

const USAGE = `Usage:
  npm run -s cli -- sim --seed N --us STRATEGY --cn STRATEGY [--rounds R] [--implementation I]
                        [--compliance C] [--scenario FILE] [--out LOG.json] [--json]
  npm run -s cli -- tournament --seeds K [--strategies a,b,c] [--agent FILE.ts]... [--rounds R]
                        [--implementation I] [--compliance C] [--scenario FILE] [--json]
                        [--csv OUT.csv]
  npm run -s cli -- scenario check FILE.json [--json]
  npm run -s cli -- replay LOG.json [--json]
  npm run -s cli -- fork LOG.json --at N --us STRATEGY --cn STRATEGY [--seed N] [--compliance C]
                        --out FORK.json [--json]
  npm run -s cli -- analyze LOG.json... [--json] [--csv]

--scenario takes a scenario file or a built-in id (${BUILT_IN_SCENARIOS.map((s) => s.id).join(", ")}).
Strategies: ${BOT_STRATEGIES.join(", ")}.`;

/** The negotiation and implementation rounds asked for, the scenario's own by default. */
function settingsOf(
  values: { rounds?: string; implementation?: string },
  scenario: Scenario,
): Settings {
  return {
    rounds: integer(values.rounds, "--rounds", MIN_ROUNDS, MAX_ROUNDS, scenario.rounds.length),
    implementation: integer(
      values.implementation,
      "--implementation",
      0,
      MAX_IMPLEMENTATION_ROUNDS,
      scenario.implementation.length,
    ),
  };
}

/** The scenario an argument list names with `--scenario`, read before the arguments that depend on it. */
function scenarioOf(args: string[]): Scenario {
  const { values } = parseArgs({ args, strict: false, options: { scenario: { type: "string" } } });
  return loadScenario(typeof values.scenario === "string" ? values.scenario : undefined);
}

function sim(args: string[]): void {
  const scenario = scenarioOf(args);
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      seed: { type: "string" },
      ...teamOptions(scenario),
      rounds: { type: "string" },
      implementation: { type: "string" },
      compliance: { type: "string" },
      scenario: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const seed = integer(values.seed, "--seed", 0, 0xffffffff);
  const strategies = teamStrategies(values, scenario);
  const settings = settingsOf(values, scenario);
  const { log, head } = simulate(scenario, {
    seed,
    ...settings,
    strategies,
    compliance: fraction(values.compliance),
  });
  if (values.out) writeFileSync(values.out, JSON.stringify(log));
  const state = head.state;
  const summary = {
    seed,
    strategies,
    ...settings,
    outcome: {
      deal: dealRound(state) !== undefined,
      firstAgreementRound: dealRound(state) ?? null,
      summit: state.framework === "endorsed",
    },
    finalLevels: state.levels,
    scores: state.scores,
    hash: head.hash,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(
      `${scenario.title}: ${Object.entries(strategies)
        .map(([t, s]) => `${t} ${s}`)
        .join(
          " vs ",
        )}, seed ${seed}, ${settings.rounds} rounds and ${settings.implementation} of implementation`,
    );
    console.log(
      summary.outcome.deal
        ? `Deal from round ${summary.outcome.firstAgreementRound}${summary.outcome.summit ? ", endorsed at the summit" : ""}.`
        : "No deal.",
    );
    for (const [team, score] of Object.entries(state.scores ?? {}))
      console.log(`${team}: ${describeScore(scenario, score)}`);
    console.log(`final hash ${head.hash}${values.out ? `, log written to ${values.out}` : ""}`);
  }
}

/** Loads an agent from a TypeScript or JavaScript file whose default export is an `Agent`. */
async function loadAgent(path: string): Promise<Agent> {
  const module = (await import(pathToFileURL(resolve(path)).href)) as { default?: Agent };
  const agent = module.default;
  if (typeof agent?.decide !== "function" || typeof agent.name !== "string")
    throw new Error(`${path} must export default an agent: { name, decide(input) }`);
  return agent;
}

async function tournament(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      seeds: { type: "string" },
      strategies: { type: "string" },
      agent: { type: "string", multiple: true },
      rounds: { type: "string" },
      implementation: { type: "string" },
      compliance: { type: "string" },
      scenario: { type: "string" },
      json: { type: "boolean", default: false },
      csv: { type: "string" },
    },
  });
  const seeds = integer(values.seeds, "--seeds", 1, 100_000);
  const builtIns = values.strategies
    ? values.strategies.split(",").map((s) => strategy(s.trim(), "--strategies"))
    : [...BOT_STRATEGIES];
  const agents = await Promise.all((values.agent ?? []).map(loadAgent));
  const scenario = loadScenario(values.scenario);
  const settings = settingsOf(values, scenario);
  const compliance = fraction(values.compliance);
  const started = performance.now();
  const pairings = playTournament(scenario, [...builtIns, ...agents], {
    seeds,
    settings,
    compliance,
  });
  const seconds = (performance.now() - started) / 1000;
  const matches = pairings.length * seeds;
  if (values.csv) writeFileSync(values.csv, `${tournamentCsv(scenario, pairings)}\n`);
  if (values.json) {
    const matchesPerSecond = Math.round(matches / seconds);
    console.log(
      JSON.stringify({ seeds, ...settings, compliance, matches, matchesPerSecond, pairings }),
    );
    return;
  }
  const [first = "", second = ""] = scenario.teams.map((t) => t.id);
  const both = (f: (team: string) => string) => `${f(first)} | ${f(second)}`;
  const ms = (s: Stat | undefined) => (s ? `${s.mean} ± ${s.sd}` : "—");
  console.log(
    "| US \\ China | deal rate | deal utility US | deal utility China | total US | total China | distance to frontier | agreements by round | delivered US | delivered China |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const p of pairings)
    console.log(
      `| ${p.players[first]} vs ${p.players[second]} | ${p.dealRate}% | ${both((t) => ms(p.dealUtility[t]))} | ${both((t) => ms(p.score[t]?.total))} | ${ms(p.distanceToFrontier)} | ${
        Object.entries(p.agreementRounds)
          .map(([round, n]) => `r${round}: ${n}`)
          .join(", ") || "—"
      } | ${both((t) => (p.delivered[t] === null ? "—" : `${p.delivered[t]}%`))} |`,
    );
  console.log(
    `\n${matches} matches (${seeds} seeds, ${settings.rounds} + ${settings.implementation} rounds) in ${seconds.toFixed(1)} s: ${Math.round(matches / seconds)} matches/s`,
  );
}

function replayCommand(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false } },
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) throw new UsageError("replay takes one log file");
  const { head, log, ms } = verified(path);
  const summary = {
    file: path,
    matchId: log.header.matchId,
    fork: log.header.fork ?? null,
    entriesChecked: head.seq,
    sealed: log.end !== undefined,
    finalHash: head.hash,
    phase: head.state.phase,
    round: head.state.round,
    levels: head.state.levels,
    scores: head.state.scores ?? null,
    milliseconds: Math.round(ms),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(
      `${path}: ${head.seq} entries verified in ${Math.round(ms)} ms${log.end ? ", sealed" : ", not sealed (match unfinished)"}`,
    );
    if (log.header.fork)
      console.log(
        `a fork of ${log.header.fork.matchId} at entry ${log.header.fork.at}: its parent's log verified too`,
      );
    console.log(`final hash ${head.hash}`);
    console.log(
      `round ${head.state.round}, ${head.state.phase}${
        head.state.scores
          ? `; scores ${Object.entries(head.state.scores)
              .map(([t, s]) => `${t} ${s.total}`)
              .join(", ")}`
          : ""
      }`,
    );
  }
}

function analyze(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      csv: { type: "boolean", default: false },
    },
  });
  if (!positionals.length) throw new UsageError("analyze takes one or more log files");
  const analysed = positionals.map((path) => {
    const { log, head } = verified(path);
    return { report: analyzeMatch(log, head), scenario: log.header.scenario };
  });
  const reports = analysed.map((a) => a.report);
  if (values.json || values.csv) {
    console.log(values.json ? JSON.stringify(reports) : reportsToCsv(reports));
    return;
  }
  const fmt = (p: readonly [number, number] | null) => (p ? `${p[0]} / ${p[1]}` : "—");
  for (const { report: r, scenario } of analysed) {
    const [a = "", b = ""] = r.teams;
    console.log(`\n${r.matchId} (${r.entries} entries, ${r.phase})`);
    console.log(
      `  utilities ${a} / ${b}: ${r.utilities[a]} / ${r.utilities[b]}; no deal ${fmt(r.noDeal)}; joint gain ${r.jointGain}`,
    );
    console.log(
      `  ${r.paretoEfficient ? "Pareto-efficient" : `${r.distanceToFrontier} points inside the frontier`}; Nash ${fmt(r.nash)}; Kalai ${fmt(r.kalai)}; real outcome ${fmt(r.reference)}`,
    );
    console.log(`  deal: ${r.deal ? `from round ${r.firstAgreementRound}` : "none"}`);
    for (const team of r.teams) {
      const score = r.scores?.[team];
      const noDeal = r.noDealScores[team];
      console.log(
        `  ${team}: ${score ? describeScore(scenario, score) : "not scored yet"}; with no deal ${noDeal ? describeScore(scenario, noDeal) : "—"}`,
      );
    }
    for (const team of r.teams) {
      const curve = r.concessions[team]?.map((u) => (u === null ? "—" : u)).join(" → ");
      const kept = r.compliance[team];
      console.log(
        `  ${team}: offers over rounds ${curve}; delivered ${kept?.delivered} of ${kept?.promised}${kept?.rate === null ? "" : ` (${kept?.rate}%)`}`,
      );
    }
  }
  if (reports.length > 1) {
    console.log(`\n| match | ${reports[0]?.teams.join(" | ")} | joint gain | distance | deal |`);
    console.log(`|---|${reports[0]?.teams.map(() => "---|").join("")}---|---|---|`);
    for (const r of reports)
      console.log(
        `| ${r.matchId} | ${r.teams.map((t) => r.utilities[t]).join(" | ")} | ${r.jointGain} | ${r.distanceToFrontier} | ${r.deal ? "yes" : "no"} |`,
      );
  }
}

useSha256(nativeSha256Hex);
const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "sim") sim(rest);
  else if (command === "tournament") await tournament(rest);
  else if (command === "replay") replayCommand(rest);
  else if (command === "fork") forkCommand(rest);
  else if (command === "analyze") analyze(rest);
  else if (command === "scenario") process.exitCode = scenarioCommand(rest) ? 0 : 1;
  else throw new UsageError(command ? `unknown command "${command}"` : "no command given");
} catch (error) {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
  console.error(`${(error as Error).message}${usage ? `\n\n${USAGE}` : ""}`);
  process.exit(usage ? 2 : 1);
}
