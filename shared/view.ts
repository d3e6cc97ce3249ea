import type { Worksheet } from "./commands.ts";
import type { Brief, Constituency, RoleBrief, Scenario } from "./scenario/schema.ts";
import { type Agreement, type Board, type MatchState, seatKey, type TeamState } from "./state.ts";

/** Who is looking: a team's seat, an observer (press, other students) or the facilitator. */
export type Seat =
  | { readonly kind: "team"; readonly team: string; readonly role: string }
  | { readonly kind: "observer" }
  | { readonly kind: "facilitator" };

/** A seat with the name of whoever holds it: what a room knows of a connection, and tells it. */
export type SeatHolder = Seat & { readonly name: string };

/**
 * What one seat may see: the board with other teams' private parts removed, the team briefs it may
 * read, and the role briefs and worksheets it may read, by seat (`us:treasury`).
 */
export type View = Board & {
  readonly seat: Seat;
  readonly briefs: Readonly<Record<string, Brief>>;
  readonly roleBriefs: Readonly<Record<string, RoleBrief>>;
  readonly worksheets: Readonly<Record<string, Worksheet>>;
};

/** Whether a seat may read what belongs to one seat of a team: its own, or all for the facilitator. */
function seesSeat(seat: Seat, team: string, role: string): boolean {
  return (
    seat.kind === "facilitator" ||
    (seat.kind === "team" && seat.team === team && seat.role === role)
  );
}

/**
 * The role briefs a seat may read before the match ends (DESIGN: roles and preparation): its own
 * role's, every role's for the facilitator, none for observers.
 */
export function roleBriefsFor(scenario: Scenario, seat: Seat): Record<string, RoleBrief> {
  return Object.fromEntries(
    Object.entries(scenario.briefs).flatMap(([team, brief]) =>
      Object.entries(brief.roles)
        .filter(([role]) => seesSeat(seat, team, role))
        .map(([role, text]) => [seatKey(team, role), text]),
    ),
  );
}

/** The worksheets a seat may read before the match ends: its own, or every seat's for the facilitator. */
export function worksheetsFor(
  state: Pick<MatchState, "worksheets">,
  seat: Seat,
): Record<string, Worksheet> {
  return Object.fromEntries(
    Object.entries(state.worksheets).filter(([key]) => {
      const [team = "", role = ""] = key.split(":");
      return seesSeat(seat, team, role);
    }),
  );
}

/**
 * The view of a seat (DESIGN: secrets stay secret): a team sees its own brief, meters, capital,
 * caucus chat and drafts, never the other team's; deliveries owed to it only as reported; a seat
 * reads its own role's brief and worksheet, not its teammates'. Observers see the public board; the
 * facilitator sees everything. Briefs and worksheets are revealed to all once the match ends.
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
    Object.entries(scenario.briefs)
      .filter(([team]) => ended || sees(team))
      .map(([team, brief]) => [team, { ...brief, roles: {} }]),
  );
  const everything: Seat = ended ? { kind: "facilitator" } : seat;
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
    roleBriefs: roleBriefsFor(scenario, everything),
    worksheets: worksheetsFor(state, everything),
    rounds: state.rounds,
    implementation: state.implementation,
    preparation: state.preparation,
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

/**
 * What a team learns privately: its brief (without its roles' briefs, which each seat receives
 * alone: `roleBriefsFor`) and the constituencies it answers to.
 */
export type TeamSecrets = {
  readonly brief: Brief;
  readonly constituencies: readonly Constituency[];
};

/** The public part of a scenario. */
export function publicScenario(scenario: Scenario): PublicScenario {
  const { briefs: _briefs, constituencies: _constituencies, ...rest } = scenario;
  return rest;
}

/** Every team's secrets whole, role briefs included: what the debrief reveals to all. */
export function revealedSecrets(scenario: Scenario): Record<string, TeamSecrets> {
  return Object.fromEntries(
    Object.entries(scenario.briefs).map(([team, brief]) => [
      team,
      { brief, constituencies: scenario.constituencies.filter((c) => c.team === team) },
    ]),
  );
}

/** A team's secrets, or undefined for a team the scenario has no brief for. */
export function teamSecrets(scenario: Scenario, team: string): TeamSecrets | undefined {
  const brief = scenario.briefs[team];
  return (
    brief && {
      brief: { ...brief, roles: {} },
      constituencies: scenario.constituencies.filter((c) => c.team === team),
    }
  );
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
