import type { Package, Worksheet } from "./commands.ts";
import type { Scenario, ThreatEffect } from "./scenario/schema.ts";

/**
 * The phases in which a match is under way, in order, each of which can run on a clock: preparation
 * only once, before round 1, and the summit only in the summit round.
 */
export const PLAYING_PHASES = [
  "preparation",
  "news",
  "caucus",
  "table",
  "summit",
  "resolution",
] as const;
/** A phase in which the match is under way. */
export type PlayingPhase = (typeof PLAYING_PHASES)[number];
/** Every phase of a match, in order. */
export const PHASES = ["setup", ...PLAYING_PHASES, "ended"] as const;
/** A phase of the match. */
export type Phase = (typeof PHASES)[number];

/**
 * Settings a host chooses when it creates a match: the negotiation rounds (the last is the summit),
 * the implementation rounds after it, and whether a preparation phase (the worksheet) opens round 1.
 */
export type Settings = {
  readonly rounds: number;
  readonly implementation: number;
  readonly preparation?: boolean;
};

/** Issue levels by issue id. */
export type Levels = Readonly<Record<string, number>>;

/** A chat line, team-private (caucus) or across the table. */
export type ChatMessage = {
  readonly round: number;
  readonly team: string;
  readonly role: string;
  readonly text: string;
};

/** A public statement to the press, and the phase it was made in. */
export type Statement = ChatMessage & {
  readonly tone: "conciliatory" | "firm";
  readonly phase: Phase;
};

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
  readonly date?: string;
};

/** What a proposal changes on one issue, against the levels agreed when it was tabled. */
export type LevelChange = {
  readonly issue: string;
  readonly from: number;
  readonly to: number;
  /** The threat pending on the issue that the change would cancel. */
  readonly cancels?: Threat;
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
  /** The package as tabled, naming only the issues it changes. */
  readonly package: Package;
  /** What it changes, against the levels agreed when it was tabled. */
  readonly changes: readonly LevelChange[];
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

/**
 * An accepted package: pending until the round's resolution, then in force. `before` holds the
 * levels it replaced and `cancelled` the threats it called off, both set when it takes effect.
 */
export type Agreement = {
  readonly id: string;
  readonly proposalId: string;
  readonly round: number;
  readonly status: "pending" | "in-force" | "snapped-back";
  readonly levels: Levels;
  readonly before: Levels;
  readonly cancelled: readonly Threat[];
  readonly commitments: readonly Commitment[];
  readonly snapback: boolean;
};

/** A unilateral move that broke a term of an agreement in force. */
export type Breach = {
  readonly round: number;
  readonly team: string;
  readonly agreementId: string;
  readonly issue: string;
  readonly agreed: number;
  readonly level: number;
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
  /** Mean pressure at the close of each round played. */
  readonly pressureHistory: readonly number[];
  /** Each constituency's meter at the close of each round played: what a wild card is scored on. */
  readonly meterHistory: readonly Readonly<Record<string, number>>[];
  /** Issues of the red lines the team crossed by what it signed or endorsed. */
  readonly redLines: readonly string[];
};

/** A team's part of the board; `private` is absent from the other team's and observers' views. */
export type TeamState = {
  readonly ready: boolean;
  readonly endorsed?: boolean;
  readonly private?: TeamPrivate;
};

/**
 * A team's final score and how it was made: `total` is `utility`, less the scenario's pressure
 * weight times `pressure`, less its red-line penalty per line crossed, plus `summitBonus` and
 * `compliance` (zero or negative).
 */
export type Score = {
  /** The brief's value of the levels in force, averaged over every round (0–100). */
  readonly utility: number;
  /** Mean domestic pressure, averaged over every round (0–100). */
  readonly pressure: number;
  readonly redLinesCrossed: number;
  readonly summitBonus: number;
  /** Points lost for breaches and for deliveries owed and not made. */
  readonly compliance: number;
  readonly total: number;
  /** Each of the team's constituencies: 100 less its mean meter over the rounds (a wild card's score). */
  readonly constituencies: Readonly<Record<string, number>>;
};

/** What the full state and every seat's view share: the rules' guards read only this. */
export type Board = {
  /** Negotiation rounds; the last is the summit. */
  readonly rounds: number;
  /** Implementation rounds after the summit. */
  readonly implementation: number;
  /** Whether round 1 opens with a preparation phase, in which every seat fills in its worksheet. */
  readonly preparation: boolean;
  readonly round: number;
  readonly phase: Phase;
  readonly paused: boolean;
  readonly extensionSeconds: number;
  readonly levels: Levels;
  /** The levels in force at the close of each round played: what the scores count. */
  readonly levelHistory: readonly Levels[];
  readonly threats: readonly Threat[];
  readonly market: { readonly index: number; readonly history: readonly number[] };
  readonly trust: number;
  readonly proposals: readonly Proposal[];
  readonly agreements: readonly Agreement[];
  readonly breaches: readonly Breach[];
  /** Whether the leaders endorsed an agreement at the summit, once the summit is over. */
  readonly framework?: "endorsed" | "not-endorsed";
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
  /** Each seat's preparation worksheet, by seat (`us:treasury`): private to the seat until the end. */
  readonly worksheets: Readonly<Record<string, Worksheet>>;
  /** The last number handed out per kind of id (p proposals, a agreements, c commitments; drafts per team, "d:us"). */
  readonly ids: Readonly<Record<string, number>>;
};

/** The key of a seat in records kept per seat: `team:role`. */
export function seatKey(team: string, role: string): string {
  return `${team}:${role}`;
}

/** The last round of a match: the summit round plus the implementation rounds. */
export function lastRound(board: Pick<Board, "rounds" | "implementation">): number {
  return board.rounds + board.implementation;
}

/**
 * The round in which a threat announced in `round` takes effect (DESIGN: threats and lapses have
 * dates): counted from the summit when it is dated against it, never after the last round.
 */
export function threatRound(
  board: Pick<Board, "rounds" | "implementation">,
  round: number,
  threat: Pick<ThreatEffect, "inRounds" | "afterSummit">,
): number {
  const due =
    threat.afterSummit === undefined ? round + threat.inRounds : board.rounds + threat.afterSummit;
  return Math.min(due, lastRound(board));
}

/** Creates the state of a new match in its setup phase, with the scenario's scheduled lapses pending. */
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
          pressureHistory: [],
          meterHistory: [],
          redLines: [],
        },
      };
      return [team.id, state];
    }),
  );
  const board = {
    rounds: settings.rounds,
    implementation: settings.implementation,
    preparation: settings.preparation ?? false,
  };
  const threats = scenario.scheduled.map((t) => ({
    issue: t.issue,
    level: t.level,
    round: threatRound(board, 1, t),
    source: "scheduled",
    date: t.date,
  }));
  return {
    ...board,
    round: 1,
    phase: "setup",
    paused: false,
    extensionSeconds: 0,
    levels,
    levelHistory: [],
    threats,
    market: { index: scenario.market.start, history: [scenario.market.start] },
    trust: scenario.trust,
    proposals: [],
    agreements: [],
    breaches: [],
    news: [],
    statements: [],
    tableChat: [],
    teams,
    rng: seed >>> 0,
    drawn: [],
    worksheets: {},
    ids: {},
  };
}

const pendingByList = new WeakMap<readonly Agreement[], readonly Agreement[]>();

/**
 * The agreements accepted this round, not yet in force: remembered per (immutable) list, so the
 * many checks between two agreements do not walk every agreement of a long match.
 */
function pendingAgreements(agreements: readonly Agreement[]): readonly Agreement[] {
  let pending = pendingByList.get(agreements);
  if (!pending) {
    pending = agreements.filter((a) => a.status === "pending");
    pendingByList.set(agreements, pending);
  }
  return pending;
}

/** The levels as agreed: those in force, with the agreements accepted this round applied. */
export function agreedLevels(board: Pick<Board, "levels" | "agreements">): Levels {
  const pending = pendingAgreements(board.agreements);
  return pending.length
    ? Object.assign({}, board.levels, ...pending.map((a) => a.levels))
    : board.levels;
}

/** The threats still pending once the agreements accepted this round take effect. */
export function openThreats(board: Pick<Board, "threats" | "agreements">): readonly Threat[] {
  const covered = new Set(
    pendingAgreements(board.agreements).flatMap((a) => Object.keys(a.levels)),
  );
  return board.threats.filter((t) => !covered.has(t.issue));
}

/** Whether an agreement stands, accepted or in force: what the leaders can endorse. */
export function hasAgreement(board: Pick<Board, "agreements">): boolean {
  return board.agreements.some((a) => a.status !== "snapped-back");
}
