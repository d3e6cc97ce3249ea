import type { Brief, Scenario } from "./scenario/schema.ts";
import type { Agreement, Board, MatchState, TeamState } from "./state.ts";

/** Who is looking: a team's seat, an observer (press, other students) or the facilitator. */
export type Seat =
  | { readonly kind: "team"; readonly team: string; readonly role: string }
  | { readonly kind: "observer" }
  | { readonly kind: "facilitator" };

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
  const redact = (agreement: Agreement): Agreement => ({
    ...agreement,
    commitments: agreement.commitments.map((c) =>
      sees(c.by)
        ? c
        : { ...c, instalments: c.instalments.map(({ delivered: _, ...rest }) => rest) },
    ),
  });
  return {
    seat,
    briefs,
    rounds: state.rounds,
    round: state.round,
    phase: state.phase,
    paused: state.paused,
    extensionSeconds: state.extensionSeconds,
    levels: state.levels,
    threats: state.threats,
    market: state.market,
    trust: state.trust,
    proposals: state.proposals,
    agreements: state.agreements.map(redact),
    news: state.news,
    statements: state.statements,
    tableChat: state.tableChat,
    teams,
    scores: state.scores,
  };
}
