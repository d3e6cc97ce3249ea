import type { Actor, Command } from "../commands.ts";
import {
  botSeat,
  type Head,
  type LogEntry,
  type MatchLog,
  makeHeader,
  openMatch,
  sealLog,
  step,
} from "../log.ts";
import type { Scenario } from "../scenario/schema.ts";
import { publicScenario, scenarioFor, teamSecrets, viewFor } from "../view.ts";
import type { Agent } from "./agent.ts";
import type { BotStrategy } from "./concession.ts";
import { builtInAgent, runAgent } from "./decide.ts";

/** Most bot actions per team in one phase of a headless match. */
export const ACTIONS_PER_PHASE = 12;
/** When a simulated match starts: the first day of the Kuala Lumpur talks, 25 October 2025 (UTC). */
export const SIMULATION_START = 1_761_350_400_000;

/** Who plays each team in a headless match, and how. */
export type BotPlay = {
  readonly seed: number;
  /** Who plays each team: a built-in strategy, or an agent. */
  readonly strategies: Readonly<Record<string, BotStrategy | Agent>>;
  readonly compliance: number;
};

/** A headless match between two bots. */
export type Simulation = BotPlay & {
  readonly rounds: number;
  readonly implementation: number;
};

/** The agent that plays a team. */
const agentOf = (play: BotPlay, team: string, seed: number): Agent => {
  const player = play.strategies[team] ?? "linear";
  return typeof player === "string"
    ? builtInAgent({ strategy: player, compliance: play.compliance, seed })
    : player;
};

/**
 * Plays a whole match between bots through the rules alone, as the server would (`playOut`). Time is
 * synthetic (a second per command), so the same seed and strategies give a byte-identical log.
 */
export function simulate(
  scenario: Scenario,
  sim: Simulation,
): { log: MatchLog; head: Head; refusals: readonly string[] } {
  const names = scenario.teams.map((t) => agentOf(sim, t.id, 0).name).join("-");
  const header = makeHeader({
    matchId: `sim-${sim.seed}-${names}`,
    createdAt: "2025-10-25T00:00:00.000Z",
    scenario,
    seed: sim.seed,
    settings: { rounds: sim.rounds, implementation: sim.implementation },
  });
  const { entries, head, refusals } = playOut(scenario, openMatch(header), sim, SIMULATION_START);
  return { log: sealLog(header, entries), head, refusals };
}

/**
 * Plays a match on from `head` to its end between bots: each team's lead decides from its own view,
 * with a scenario holding only its own brief, and the facilitator starts (or resumes) the match if it
 * is waiting and advances when both bots are done. Commands are a second apart from `time`.
 */
export function playOut(
  scenario: Scenario,
  start: Head,
  play: BotPlay,
  time: number,
): { entries: LogEntry[]; head: Head; refusals: readonly string[] } {
  let head = start;
  const entries: LogEntry[] = [];
  const refusals: string[] = [];
  const act = (command: Command): boolean => {
    const result = step(scenario, head, command, time + entries.length * 1000);
    if (!result.ok) {
      refusals.push(`${command.intent.type}: ${result.error.code}`);
      return false;
    }
    head = result.head;
    entries.push(result.entry);
    return true;
  };
  const seats = scenario.teams.map((team, index) => {
    const role = team.roles.find((r) => r.lead)?.id ?? team.roles[0]?.id ?? "";
    const secrets = teamSecrets(scenario, team.id);
    const seed = (play.seed + index * 7919) >>> 0;
    const agent = agentOf(play, team.id, seed);
    return {
      actor: { kind: "player", team: team.id, role, seat: botSeat(agent.name) } as Actor,
      seat: { kind: "team" as const, team: team.id, role },
      known: scenarioFor(publicScenario(scenario), secrets ? { [team.id]: secrets } : {}),
      agent,
      seed,
    };
  });
  const facilitator: Actor = { kind: "facilitator" };
  if (head.state.phase === "setup") act({ actor: facilitator, intent: { type: "match/start" } });
  if (head.state.paused) act({ actor: facilitator, intent: { type: "match/resume" } });
  while (head.state.phase !== "ended") {
    for (let i = 0; i < ACTIONS_PER_PHASE; i++) {
      let acted = false;
      for (const s of seats) {
        const decision = runAgent(s.agent, s.known, viewFor(scenario, head.state, s.seat), s.seed);
        if (decision.intent && decision.intent.type !== "team/ready")
          acted = act({ actor: s.actor, intent: decision.intent, note: decision.reason }) || acted;
      }
      if (!acted) break;
    }
    act({ actor: facilitator, intent: { type: "phase/advance" } });
  }
  return { entries, head, refusals };
}
