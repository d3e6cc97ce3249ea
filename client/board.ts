import {
  type PublicScenario,
  type Scenario,
  type Seat,
  scenarioFor,
  type TeamSecrets,
  type TeamState,
  type View,
} from "../shared/index.ts";
import type { SeatMessage, WireState } from "../shared/protocol.ts";

const parse = <T>(json: string | undefined, fallback: T): T =>
  json ? (JSON.parse(json) as T) : fallback;

/** What a seat knows: the board as a shared `View`, and the scenario its rules can run on. */
export type Known = {
  readonly view: View;
  readonly scenario: Scenario;
  readonly decoded?: WireState;
};

/** What a seat holds alone: the role briefs and worksheets it may read, by seat. */
export type SeatOwn = Pick<SeatMessage, "roleBriefs" | "worksheets">;

/**
 * Rebuilds the shared `View` from the decoded schema and what the seat holds alone, so that the
 * client renders and checks legality with exactly the types and functions the server uses.
 */
export function knownFrom(
  decoded: WireState,
  seat: Seat,
  scenario: PublicScenario,
  own: SeatOwn,
): Known {
  const secrets: Record<string, TeamSecrets> = parse(decoded.secrets, {});
  const revealed = Object.entries(secrets).flatMap(([team, s]) =>
    Object.entries(s.brief.roles).map(([role, brief]) => [`${team}:${role}`, brief] as const),
  );
  const teams: Record<string, TeamState> = {};
  for (const [id, team] of Object.entries(decoded.teams)) {
    const own = team.private;
    const ownSecrets = own && parse<TeamSecrets | null>(own.secrets, null);
    if (ownSecrets) secrets[id] = ownSecrets;
    teams[id] = {
      ready: team.ready,
      endorsed: team.endorsed === "" ? undefined : team.endorsed === "yes",
      private: own && {
        meters: own.meters,
        shocks: own.shocks,
        capital: own.capital,
        caucus: own.caucus,
        drafts: parse(own.drafts, []),
        pressureHistory: parse(own.pressureHistory, []),
        meterHistory: parse(own.meterHistory, []),
        redLines: parse(own.redLines, []),
      },
    };
  }
  const ownTeam = seat.kind === "team" ? decoded.teams[seat.team]?.private : undefined;
  const view: View = {
    seat,
    briefs: Object.fromEntries(
      Object.entries(secrets).map(([team, s]) => [team, { ...s.brief, roles: {} }]),
    ),
    roleBriefs: revealed.length ? Object.fromEntries(revealed) : own.roleBriefs,
    worksheets: parse(decoded.worksheets || decoded.facilitator?.worksheets, own.worksheets),
    rounds: decoded.rounds,
    implementation: decoded.implementation,
    preparation: decoded.preparation,
    round: decoded.round,
    phase: decoded.phase as View["phase"],
    paused: decoded.paused,
    extensionSeconds: decoded.extensionSeconds,
    levels: decoded.levels,
    levelHistory: parse(decoded.levelHistory, []),
    threats: parse(decoded.threats, []),
    market: { index: decoded.marketIndex, history: decoded.marketHistory },
    trust: decoded.trust,
    proposals: parse(decoded.proposals, []),
    agreements: parse(
      decoded.facilitator?.agreements || ownTeam?.agreements || decoded.agreements,
      [],
    ),
    breaches: parse(decoded.breaches, []),
    framework: decoded.framework === "" ? undefined : (decoded.framework as View["framework"]),
    news: parse(decoded.news, []),
    statements: parse(decoded.statements, []),
    tableChat: decoded.tableChat,
    teams,
    scores: parse(decoded.scores, null) ?? undefined,
  };
  return {
    view,
    scenario: scenarioFor(scenario, secrets),
    decoded,
  };
}

/** The phase clock as m:ss (paused or running), or "" when the phase has no deadline. */
export function clockText(known: Known | undefined): string {
  const decoded = known?.decoded;
  if (!decoded) return "";
  const ms = decoded.paused
    ? decoded.remainingMs
    : decoded.deadlineAt
      ? decoded.deadlineAt - Date.now()
      : -1;
  if (ms < 0) return "";
  const left = Math.max(0, ms);
  return `${Math.floor(left / 60000)}:${String(Math.floor((left % 60000) / 1000)).padStart(2, "0")}`;
}
