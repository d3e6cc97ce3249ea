import type { Package } from "./commands.ts";
import type { Scenario } from "./scenario/schema.ts";

/** The phases of a round, in order; the summit phase happens only in the last round. */
export const PHASES = [
  "setup",
  "news",
  "caucus",
  "table",
  "summit",
  "resolution",
  "ended",
] as const;
/** A phase of the match. */
export type Phase = (typeof PHASES)[number];

/** Settings a host chooses when it creates a match. */
export type Settings = { readonly rounds: number };

/** A chat line, team-private (caucus) or across the table. */
export type ChatMessage = {
  readonly round: number;
  readonly team: string;
  readonly role: string;
  readonly text: string;
};

/** A public statement to the press. */
export type Statement = ChatMessage & { readonly tone: "conciliatory" | "firm" };

/** A news item: a scenario event drawn or injected, shown to everyone. */
export type NewsItem = {
  readonly round: number;
  readonly eventId?: string;
  readonly title: string;
  readonly text: string;
  readonly date: string;
};

/** A level announced for an issue, taking effect at the resolution of `round` unless a deal covers it. */
export type Threat = {
  readonly issue: string;
  readonly level: number;
  readonly round: number;
  readonly source: string;
};

/** Where a proposal stands. */
export type ProposalStatus =
  | "open"
  | "accepted"
  | "rejected"
  | "withdrawn"
  | "countered"
  | "expired";

/** A package tabled by one team for the other's lead to accept. */
export type Proposal = {
  readonly id: string;
  readonly by: string;
  readonly round: number;
  readonly package: Package;
  readonly note?: string;
  readonly counterTo?: string;
  readonly status: ProposalStatus;
};

/** One instalment of a commitment: `delivered` is the true fraction, `reported` what the other side saw. */
export type Instalment = {
  readonly round: number;
  readonly amount: number;
  readonly delivered?: number;
  readonly reported?: number;
};

/** A promise by one team to deliver on an issue in instalments. */
export type Commitment = {
  readonly id: string;
  readonly issue: string;
  readonly by: string;
  readonly to: string;
  readonly instalments: readonly Instalment[];
};

/** An accepted package: pending until the round's resolution, then in force. */
export type Agreement = {
  readonly id: string;
  readonly proposalId: string;
  readonly round: number;
  readonly status: "pending" | "in-force" | "snapped-back";
  readonly levels: Readonly<Record<string, number>>;
  readonly before: Readonly<Record<string, number>>;
  readonly commitments: readonly Commitment[];
  readonly snapback: boolean;
};

/** A team-private draft package. */
export type Draft = { readonly id: string; readonly title: string; readonly package: Package };

/** What only a team (and the facilitator) may see of it. */
export type TeamPrivate = {
  readonly meters: Readonly<Record<string, number>>;
  readonly shocks: Readonly<Record<string, number>>;
  readonly capital: number;
  readonly caucus: readonly ChatMessage[];
  readonly drafts: readonly Draft[];
};

/** A team's part of the board; `private` is absent from the other team's and observers' views. */
export type TeamState = {
  readonly ready: boolean;
  readonly endorsed?: boolean;
  readonly private?: TeamPrivate;
};

/** A team's final score and how it was made. */
export type Score = {
  readonly utility: number;
  readonly pressure: number;
  readonly summitBonus: number;
  readonly redLinesCrossed: number;
  readonly total: number;
};

/** What the full state and every seat's view share: the rules' guards read only this. */
export type Board = {
  readonly rounds: number;
  readonly round: number;
  readonly phase: Phase;
  readonly paused: boolean;
  readonly extensionSeconds: number;
  readonly levels: Readonly<Record<string, number>>;
  readonly threats: readonly Threat[];
  readonly market: { readonly index: number; readonly history: readonly number[] };
  readonly trust: number;
  readonly proposals: readonly Proposal[];
  readonly agreements: readonly Agreement[];
  readonly news: readonly NewsItem[];
  readonly statements: readonly Statement[];
  readonly tableChat: readonly ChatMessage[];
  readonly teams: Readonly<Record<string, TeamState>>;
  readonly scores?: Readonly<Record<string, Score>>;
};

/** The authoritative state of a match: plain data, the RNG state included. */
export type MatchState = Board & {
  readonly rng: number;
  readonly drawn: readonly string[];
  readonly nextId: number;
};

/** Creates the state of a new match in its setup phase. */
export function createMatch(scenario: Scenario, settings: Settings, seed: number): MatchState {
  const levels = Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.start]));
  const teams = Object.fromEntries(
    scenario.teams.map((team) => {
      const own = scenario.constituencies.filter((c) => c.team === team.id);
      const state: TeamState = {
        ready: false,
        private: {
          meters: Object.fromEntries(own.map((c) => [c.id, c.start])),
          shocks: Object.fromEntries(own.map((c) => [c.id, 0])),
          capital: team.capital,
          caucus: [],
          drafts: [],
        },
      };
      return [team.id, state];
    }),
  );
  return {
    rounds: settings.rounds,
    round: 1,
    phase: "setup",
    paused: false,
    extensionSeconds: 0,
    levels,
    threats: [],
    market: { index: scenario.market.start, history: [scenario.market.start] },
    trust: scenario.trust,
    proposals: [],
    agreements: [],
    news: [],
    statements: [],
    tableChat: [],
    teams,
    rng: seed >>> 0,
    drawn: [],
    nextId: 1,
  };
}
