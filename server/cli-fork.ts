import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type MatchState, playOut, type Scenario, sealLog, startFork } from "../shared/index.ts";
import {
  dealRound,
  describeScore,
  fraction,
  integer,
  teamOptions,
  teamStrategies,
  UsageError,
  verified,
} from "./cli-args.ts";

/** How a match ended: its deal, if any, and each team's score. */
const ending = (state: MatchState) => ({
  deal: dealRound(state) !== undefined,
  firstAgreementRound: dealRound(state) ?? null,
  summit: state.framework === "endorsed",
  levels: state.levels,
  scores: state.scores ?? null,
});

/** A line on how a match ended, for people. */
function describeEnding(scenario: Scenario, label: string, state: MatchState): string[] {
  const round = dealRound(state);
  return [
    `${label}: ${round === undefined ? "no deal" : `deal from round ${round}`}${state.framework === "endorsed" ? ", endorsed at the summit" : ""}.`,
    ...Object.entries(state.scores ?? {}).map(
      ([team, score]) => `  ${team}: ${describeScore(scenario, score)}`,
    ),
  ];
}

/**
 * `fork LOG.json --at N --us S --cn S --out FORK.json`: plays a verified log on from entry N with a
 * bot in each team's lead seat, and writes the fork's log with its parent's inside.
 */
export function forkCommand(args: string[]): void {
  const [path, ...flags] = args;
  if (!path || path.startsWith("-")) throw new UsageError("fork takes a log file, then its flags");
  const parent = verified(path);
  const scenario = parent.log.header.scenario;
  const { values } = parseArgs({
    args: flags,
    strict: true,
    options: {
      at: { type: "string" },
      ...teamOptions(scenario),
      seed: { type: "string" },
      compliance: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const at = integer(values.at, "--at", 0, parent.log.entries.length);
  if (!values.out) throw new UsageError("fork needs --out FORK.json");
  const strategies = teamStrategies(values, scenario);
  const time = (parent.log.entries[at - 1]?.at ?? 0) + 1000;
  const started = startFork(parent.log, at, {
    matchId: `fork-${at}-${Object.values(strategies).join("-")}`.slice(0, 64),
    createdAt: new Date(time).toISOString(),
  });
  if (!started.ok) throw new Error(`${path}: ${started.error.message}`);
  const play = {
    seed: integer(values.seed, "--seed", 0, 0xffffffff, parent.log.header.seed),
    strategies,
    compliance: fraction(values.compliance),
  };
  const { entries, head } = playOut(scenario, started.head, play, time);
  writeFileSync(
    values.out,
    JSON.stringify({ ...sealLog(started.log.header, entries), parent: parent.log }),
  );
  const summary = {
    parent: { matchId: parent.log.header.matchId, ...ending(parent.head.state) },
    fork: { ...started.log.header.fork, strategies, ...ending(head.state), finalHash: head.hash },
  };
  if (values.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const from = started.opening;
  console.log(
    `${values.out}: ${parent.log.header.matchId} forked at entry ${at} (round ${from.round}, ${from.phase}) and played on by ${Object.entries(
      strategies,
    )
      .map(([team, s]) => `${team} ${s}`)
      .join(" vs ")}: ${entries.length} entries, final hash ${head.hash}`,
  );
  for (const line of [
    ...describeEnding(scenario, "The parent", parent.head.state),
    ...describeEnding(scenario, "The fork", head.state),
  ])
    console.log(line);
}
