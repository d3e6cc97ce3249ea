import type { Brief, Constituency, Scenario } from "./scenario/schema.ts";
import type { Agreement, Board, MatchState, TeamState } from "./state.ts";

/** Who is looking: a team's seat, an observer (press, other students) or the facilitator. */
export type Seat =
  | { readonly kind: "team"; readonly team: string; readonly role: string }
  | { readonly kind: "observer" }
  | { readonly kind: "facilitator" };

/** A seat with the name of whoever holds it: what a room knows of a connection, and tells it. */
export type SeatHolder = Seat & { readonly name: string };

/** What one seat may see: the board with other teams' private parts removed, and the briefs it may read. */
export type View = Board & {
  readonly seat: Seat;
  readonly briefs: Readonly<Record<string, Brief>>;
};

/**
 * The view of a seat (DESIGN: secrets stay secret): a team sees its own brief, meters, capital,
 * caucus chat and drafts, never the other team's; deliveries owed to it only as reported. Observers
 * see the public board; the facilitator sees everything. Briefs are revealed to all once the match ends.
 */
export function viewFor(scenario: Scenario, state: MatchState, seat: Seat): View {
  const sees = (team: string) =>
    seat.kind === "facilitator" || (seat.kind === "team" && seat.team === team);
  const ended = state.phase === "ended";
  const teams: Record<string, TeamState> = {};
  for (const [id, team] of Object.entries(state.teams)) {
    teams[id] = sees(id) ? team : { ready: team.ready, endorsed: team.endorsed };
  }
  const briefs = Object.fromEntries(
    Object.entries(scenario.briefs).filter(([team]) => ended || sees(team)),
  );
  const redact = (agreement: Agreement): Agreement =>
    agreement.commitments.every((c) => sees(c.by))
      ? agreement
      : {
          ...agreement,
          commitments: agreement.commitments.map((c) =>
            sees(c.by)
              ? c
              : { ...c, instalments: c.instalments.map(({ delivered: _, ...rest }) => rest) },
          ),
        };
  return {
    seat,
    briefs,
    rounds: state.rounds,
    implementation: state.implementation,
    round: state.round,
    phase: state.phase,
    paused: state.paused,
    extensionSeconds: state.extensionSeconds,
    levels: state.levels,
    levelHistory: state.levelHistory,
    threats: state.threats,
    market: state.market,
    trust: state.trust,
    proposals: state.proposals,
    agreements: state.agreements.map(redact),
    breaches: state.breaches,
    framework: state.framework,
    news: state.news,
    statements: state.statements,
    tableChat: state.tableChat,
    teams,
    scores: state.scores,
  };
}

/** What every seat may read of a scenario: all but the briefs and the constituencies behind them. */
export type PublicScenario = Omit<Scenario, "briefs" | "constituencies">;

/** What a team learns privately: its brief and the constituencies it answers to. */
export type TeamSecrets = {
  readonly brief: Brief;
  readonly constituencies: readonly Constituency[];
};

/** The public part of a scenario. */
export function publicScenario(scenario: Scenario): PublicScenario {
  const { briefs: _briefs, constituencies: _constituencies, ...rest } = scenario;
  return rest;
}

/** A team's secrets, or undefined for a team the scenario has no brief for. */
export function teamSecrets(scenario: Scenario, team: string): TeamSecrets | undefined {
  const brief = scenario.briefs[team];
  return brief && { brief, constituencies: scenario.constituencies.filter((c) => c.team === team) };
}

/**
 * Rebuilds the scenario a seat can use with the rules from its public part and the secrets it
 * holds: the rules it runs (legal commands, its own meters and utility) read nothing else.
 */
export function scenarioFor(
  pub: PublicScenario,
  secrets: Readonly<Record<string, TeamSecrets>>,
): Scenario {
  const held = Object.entries(secrets);
  return {
    ...pub,
    briefs: Object.fromEntries(held.map(([team, s]) => [team, s.brief])),
    constituencies: held.flatMap(([, s]) => s.constituencies),
  };
}
