import { type Client, Protocol } from "@colyseus/core";
import {
  type ArraySchema,
  Encoder,
  type MapSchema,
  type SchemaType,
  StateView,
  schema,
  type ToJSON,
  t,
} from "@colyseus/schema";
import {
  type ChatMessage,
  type MatchState,
  revealedSecrets,
  type Scenario,
  type Seat,
  teamSecrets,
  viewFor,
} from "../shared/index.ts";
import type { WireState } from "../shared/protocol.ts";
import type { PhaseClock } from "./clock.ts";

/**
 * Room for a whole match's state in one encoding, past schema's 16 kB default: a client joining a
 * late or restored match receives every section at once (about 50 kB at the end of a long match).
 * Colyseus gives each room two buffers of this size, so it is most of an idle room's memory.
 */
Encoder.BUFFER_SIZE = 64 * 1024;

/** A chat line as clients receive it. */
export const ChatLine = schema(
  { round: t.uint8(), team: t.string(), role: t.string(), text: t.string() },
  "ChatLine",
);

/** What only a team (and the facilitator) receives: tagged for `StateView`. */
export const TeamPrivate = schema(
  {
    meters: t.map("float64"),
    shocks: t.map("float64"),
    capital: t.float64(),
    caucus: t.array(ChatLine),
    /** The team's drafts, as JSON. */
    drafts: t.string(),
    /** The team's brief and constituencies (`TeamSecrets`), as JSON. */
    secrets: t.string(),
    /** Agreements as this team sees them (its own deliveries in full), as JSON. */
    agreements: t.string(),
    /** Mean pressure at the close of each round, as JSON. */
    pressureHistory: t.string(),
    /** Each constituency's meter at the close of each round, as JSON. */
    meterHistory: t.string(),
    /** Issues of the red lines the team crossed by what it signed or endorsed, as JSON. */
    redLines: t.string(),
  },
  "TeamPrivate",
);

/**
 * What only the facilitator receives: agreements with every team's deliveries in full, and every
 * worksheet, as JSON.
 */
export const FacilitatorPrivate = schema(
  { agreements: t.string(), worksheets: t.string() },
  "FacilitatorPrivate",
);

/** A team: public flags, and its private part visible only through a `StateView`. */
export const TeamState = schema(
  {
    id: t.string(),
    ready: t.boolean(),
    /** "yes", "no" or "" before the summit. */
    endorsed: t.string(),
    private: t.ref(TeamPrivate).view(),
  },
  "TeamState",
);

/** Who sits where, for the table's roster. */
export const SeatState = schema(
  {
    team: t.string(),
    role: t.string(),
    name: t.string(),
    connected: t.boolean(),
    bot: t.boolean(),
    /** A bot's strategy; empty for a person. */
    strategy: t.string(),
    /** When a person claimed the seat (epoch ms; 0 for a bot's or an unknown claim). */
    claimedAt: t.float64(),
    /** When the holder last connected or left (epoch ms). */
    since: t.float64(),
  },
  "SeatState",
);

/**
 * The synchronised state of a match: the public board, every team's private part behind a view,
 * and the roster. Sections of the board that change as a whole travel as JSON strings.
 */
export const MatchSchema = schema(
  {
    matchId: t.string(),
    scenarioId: t.string(),
    round: t.uint8(),
    rounds: t.uint8(),
    implementation: t.uint8(),
    preparation: t.boolean(),
    phase: t.string(),
    paused: t.boolean(),
    extensionSeconds: t.uint16(),
    timed: t.boolean(),
    /** Whether the session seats the domestic wild-card roles. */
    wildCards: t.boolean(),
    /** Epoch ms when the phase ends (0 when untimed or paused). */
    deadlineAt: t.float64(),
    /** Ms left in a paused phase. */
    remainingMs: t.float64(),
    levels: t.map("uint8"),
    /** The levels in force at the close of each round, as JSON. */
    levelHistory: t.string(),
    marketIndex: t.float64(),
    marketHistory: t.array("float64"),
    trust: t.float64(),
    threats: t.string(),
    proposals: t.string(),
    agreements: t.string(),
    breaches: t.string(),
    /** "endorsed" or "not-endorsed" once the summit is over; empty before. */
    framework: t.string(),
    news: t.string(),
    statements: t.string(),
    scores: t.string(),
    /** Every team's secrets (`TeamSecrets` by team), as JSON, once the match has ended; empty before. */
    secrets: t.string(),
    /** Every seat's worksheet (by seat), as JSON, once the match has ended; empty before. */
    worksheets: t.string(),
    tableChat: t.array(ChatLine),
    teams: t.map(TeamState),
    seats: t.map(SeatState),
    facilitator: t.ref(FacilitatorPrivate).view(),
  },
  "MatchSchema",
);
export type MatchSchema = SchemaType<typeof MatchSchema>;

/** Whether two types are the same, field for field. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The wire state as the facilitator sees it: every team's private part present. */
type Unfiltered = Required<Omit<WireState, "teams">> & {
  teams: Record<string, Required<WireState["teams"][string]>>;
};
/** The schema decodes to the one wire type the client reads: this fails to compile if they part. */
export const SCHEMA_IS_WIRE_STATE: Same<ToJSON<MatchSchema>, Unfiltered> = true;

type Lines = ArraySchema<SchemaType<typeof ChatLine>>;

/** Brings a synchronised chat list up to date: lines only append, and the oldest drop in batches. */
function syncLines(
  target: Lines,
  before: readonly ChatMessage[],
  after: readonly ChatMessage[],
): void {
  if (before === after) return;
  const first = after[0];
  const dropped = first === undefined ? before.length : before.indexOf(first);
  if (dropped < 0) {
    target.clear();
    for (const line of after) target.push(new ChatLine(line));
    return;
  }
  target.splice(0, dropped);
  for (const line of after.slice(before.length - dropped)) target.push(new ChatLine(line));
}

function syncNumbers(target: MapSchema<number>, values: Readonly<Record<string, number>>): void {
  for (const [key, value] of Object.entries(values))
    if (target.get(key) !== value) target.set(key, value);
}

/** A team's part of the schema, created on first projection. */
function teamSchema(root: MatchSchema, id: string, scenario: Scenario) {
  let team = root.teams.get(id);
  if (!team) {
    team = new TeamState({ id, ready: false, endorsed: "", private: new TeamPrivate() });
    team.private.secrets = JSON.stringify(teamSecrets(scenario, id) ?? null);
    root.teams.set(id, team);
  }
  return team;
}

/**
 * Projects the rules state into the schema (DESIGN: one projection function): only what changed is
 * written, judged by the identity of the immutable state's parts. Public sections come from the
 * observer's view, each team's private part from that team's view, so nothing private is ever
 * placed where another team's view could reach it.
 */
export function project(
  root: MatchSchema,
  scenario: Scenario,
  before: MatchState | undefined,
  after: MatchState,
  clock: PhaseClock,
): void {
  const changed = <T>(pick: (s: MatchState) => T) => !before || pick(before) !== pick(after);
  const agreementsSeenBy = (seat: Seat) =>
    JSON.stringify(viewFor(scenario, after, seat).agreements);
  if (!before) root.facilitator = new FacilitatorPrivate();
  root.round = after.round;
  root.rounds = after.rounds;
  root.implementation = after.implementation;
  root.preparation = after.preparation;
  root.framework = after.framework ?? "";
  root.phase = after.phase;
  root.paused = after.paused;
  root.extensionSeconds = after.extensionSeconds;
  root.deadlineAt = clock.deadlineAt ?? 0;
  root.remainingMs = clock.remainingMs ?? 0;
  root.marketIndex = after.market.index;
  root.trust = after.trust;
  if (changed((s) => s.levels)) syncNumbers(root.levels, after.levels);
  if (changed((s) => s.market.history)) {
    root.marketHistory.clear();
    for (const value of after.market.history) root.marketHistory.push(value);
  }
  if (changed((s) => s.levelHistory)) root.levelHistory = JSON.stringify(after.levelHistory);
  if (changed((s) => s.breaches)) root.breaches = JSON.stringify(after.breaches);
  if (changed((s) => s.threats)) root.threats = JSON.stringify(after.threats);
  if (changed((s) => s.proposals)) root.proposals = JSON.stringify(after.proposals);
  if (changed((s) => s.agreements)) {
    root.agreements = agreementsSeenBy({ kind: "observer" });
    root.facilitator.agreements = agreementsSeenBy({ kind: "facilitator" });
  }
  if (changed((s) => s.news)) root.news = JSON.stringify(after.news);
  if (changed((s) => s.statements)) root.statements = JSON.stringify(after.statements);
  if (changed((s) => s.scores)) root.scores = JSON.stringify(after.scores ?? null);
  if (changed((s) => s.worksheets)) root.facilitator.worksheets = JSON.stringify(after.worksheets);
  if (changed((s) => s.phase)) {
    const ended = after.phase === "ended";
    root.secrets = ended ? JSON.stringify(revealedSecrets(scenario)) : "";
    root.worksheets = ended ? JSON.stringify(after.worksheets) : "";
  }
  syncLines(root.tableChat, before?.tableChat ?? [], after.tableChat);
  for (const team of scenario.teams) {
    const target = teamSchema(root, team.id, scenario);
    const now = after.teams[team.id];
    const own = now?.private;
    if (!now || !own) continue;
    target.ready = now.ready;
    target.endorsed = now.endorsed === undefined ? "" : now.endorsed ? "yes" : "no";
    const was = before?.teams[team.id]?.private;
    syncNumbers(target.private.meters, own.meters);
    syncNumbers(target.private.shocks, own.shocks);
    target.private.capital = own.capital;
    syncLines(target.private.caucus, was?.caucus ?? [], own.caucus);
    if (!was || was.drafts !== own.drafts) target.private.drafts = JSON.stringify(own.drafts);
    if (!was || was.pressureHistory !== own.pressureHistory)
      target.private.pressureHistory = JSON.stringify(own.pressureHistory);
    if (!was || was.meterHistory !== own.meterHistory)
      target.private.meterHistory = JSON.stringify(own.meterHistory);
    if (!was || was.redLines !== own.redLines)
      target.private.redLines = JSON.stringify(own.redLines);
    if (changed((s) => s.agreements))
      target.private.agreements = agreementsSeenBy({
        kind: "team",
        team: team.id,
        role: team.roles[0]?.id ?? "",
      });
  }
}

/**
 * Keeps bare patch headers from a client: with views, a change only another team sees still sends
 * every client an empty patch, which would tell it when the other team acted in private.
 */
export function withoutEmptyPatches(client: Client): void {
  const raw = client.raw.bind(client);
  client.raw = (data, options, done) => {
    if (data.length === 1 && data[0] === Protocol.ROOM_STATE_PATCH) return;
    raw(data, options, done);
  };
}

/** Who shares a view of the state: each team's seats, the observers, the facilitator's connections. */
const audienceOf = (seat: Seat) => (seat.kind === "team" ? `team:${seat.team}` : seat.kind);

const viewsByRoot = new WeakMap<MatchSchema, Map<string, StateView>>();

/** The view of a state a seat's audience shares, made when first asked for. */
export function sharedView(root: MatchSchema, seat: Seat): StateView {
  let views = viewsByRoot.get(root);
  if (!views) {
    views = new Map();
    viewsByRoot.set(root, views);
  }
  let view = views.get(audienceOf(seat));
  if (!view) {
    view = audienceView(root, seat);
    views.set(audienceOf(seat), view);
  }
  return view;
}

/**
 * A new view of the state for an audience: the facilitator's section and every team's private part
 * for the facilitator, a team's own part for its seats, nothing private for observers. A room gives
 * each audience one view, shared by its clients, so each patch is encoded once per audience.
 */
function audienceView(root: MatchSchema, seat: Seat): StateView {
  const view = new StateView();
  if (seat.kind === "facilitator") view.add(root.facilitator);
  for (const [id, team] of root.teams.entries())
    if (seat.kind === "facilitator" || (seat.kind === "team" && seat.team === id)) view.add(team);
  return view;
}
