import { z } from "zod";
import { BOT_STRATEGIES } from "./bots/concession.ts";
import { FacilitatorIntent, PlayerIntent, type Worksheet } from "./commands.ts";
import { MAX_IMPLEMENTATION_ROUNDS, MAX_ROUNDS, MIN_ROUNDS } from "./log.ts";
import type { GameEvent } from "./rules/kit.ts";
import { Id, type RoleBrief } from "./scenario/schema.ts";
import { type ChatMessage, PLAYING_PHASES } from "./state.ts";
import type { PublicScenario, SeatHolder } from "./view.ts";

/** Longest client reference echoed back with a result, so a client can tie an error to its control. */
const Ref = z.string().max(40);

/** What a client sends as the `intent` message: its intent and an optional reference. */
export const IntentMessage = z.object({
  ref: Ref.optional(),
  intent: z.union([PlayerIntent, FacilitatorIntent]),
});
export type IntentMessage = z.infer<typeof IntentMessage>;

/**
 * Options a client passes when it joins a match room: the facilitator's key, a seat token to take a
 * seat back, or a name and a seat (or observer) with the session's join code, which a listed table
 * does not need.
 */
export const JoinOptions = z.union([
  z.object({ facilitatorSecret: z.string().min(10).max(100) }),
  z.object({ seatToken: z.string().min(10).max(100) }),
  z.object({
    code: z.string().min(4).max(12).optional(),
    observer: z.literal(true),
    name: z.string().trim().max(40).default(""),
  }),
  z.object({
    code: z.string().min(4).max(12).optional(),
    name: z.string().trim().min(1).max(40),
    team: Id,
    role: Id,
  }),
]);
export type JoinOptions = z.infer<typeof JoinOptions>;

/** What the replay viewer asks the server of a log it opened: whether this server recorded it. */
export const LogOrigin = z.object({
  matchId: z.string().max(100),
  entries: z.number().int().min(0),
  hash: z.string().max(64),
  signature: z.string().max(64).optional(),
});
export type LogOrigin = z.infer<typeof LogOrigin>;

/**
 * The answer to every intent: accepted, or refused with a rule error. It carries no sequence number:
 * a team counting the log's entries would learn when the other team acts in private.
 */
export type IntentResult =
  | { readonly ref?: string; readonly ok: true }
  | { readonly ref?: string; readonly ok: false; readonly code: string; readonly message: string };

/**
 * What the room tells a connection about itself right after it joins: the token only to a new
 * seat's holder, the recent events this seat may see, so a reloaded page shows its history, the
 * scenario without briefs or constituencies (sent once here rather than kept in the state), and what
 * belongs to one seat alone — the role briefs and worksheets it may read, by seat (`us:treasury`).
 */
export type SeatMessage = SeatHolder & {
  readonly token?: string;
  readonly events?: readonly GameEvent[];
  readonly scenario: PublicScenario;
  readonly roleBriefs: Readonly<Record<string, RoleBrief>>;
  readonly worksheets: Readonly<Record<string, Worksheet>>;
};

/** The facilitator hands a seat to a bot, takes it back for people, or frees it (the `seat-control` message). */
export const SeatControl = z.object({
  ref: z.string().max(40).optional(),
  control: z.discriminatedUnion("type", [
    z.object({
      type: z.literal("seat/bot"),
      team: Id,
      role: Id,
      strategy: z.enum(BOT_STRATEGIES),
      compliance: z.number().min(0).max(1).default(0.8),
    }),
    z.object({ type: z.literal("seat/human"), team: Id, role: Id }),
    z.object({ type: z.literal("seat/free"), team: Id, role: Id }),
  ]),
});
export type SeatControl = z.infer<typeof SeatControl>;

/** A listed table with a seat free, as `GET /api/tables` answers it. */
export type OpenTable = {
  readonly matchId: string;
  readonly title: string;
  readonly phase: string;
  readonly round: number;
  readonly openSeats: readonly string[];
  /** The title of the table's scenario, and each open seat's name by key, in English and Chinese. */
  readonly scenario: { readonly title: string; readonly zh?: { readonly title: string } };
  readonly seatNames: Readonly<Record<string, { name: string; zh?: { name: string } }>>;
  readonly players: number;
};

/** The body of `POST /api/quick`: who is looking for a game. */
export const QuickMatch = z.object({ name: z.string().trim().min(1).max(40) });

/** The body of `POST /api/sessions`. */
export const CreateSession = z.object({
  scenarioId: Id.default("kuala-lumpur-2025"),
  rounds: z.number().int().min(MIN_ROUNDS).max(MAX_ROUNDS).default(4),
  /** Rounds after the summit in which the agreement is implemented (DESIGN: implementation). */
  implementationRounds: z.number().int().min(0).max(MAX_IMPLEMENTATION_ROUNDS).default(2),
  timed: z.boolean().default(false),
  phaseSeconds: z
    .partialRecord(z.enum(PLAYING_PHASES), z.number().int().min(1).max(3600))
    .default({}),
  /** Whether round 1 opens with a preparation phase in which every seat fills in its worksheet. */
  preparation: z.boolean().default(false),
  /** Whether the teams' domestic "wild card" roles have seats. */
  wildCards: z.boolean().default(false),
  /** The class plan the session was set up from, if any (`CLASS_PLANS`). */
  plan: Id.optional(),
  /**
   * A scenario of the teacher's own, as its file's JSON: checked against the scenario schema (every
   * problem named by its path) and kept with the session; `scenarioId` is then the file's own id.
   */
  scenario: z.record(z.string(), z.unknown()).optional(),
  tables: z.number().int().min(1).max(40).default(1),
  listed: z.boolean().default(false),
  /** Whether a table starts by itself once a person sits at it: nobody facilitates (a quick match). */
  autoStart: z.boolean().default(false),
  title: z.string().trim().max(80).default(""),
  /** Seconds a player's seat stays empty after they leave before a bot takes it over (0: never). */
  botTakeoverSeconds: z.number().int().min(0).max(3600).default(0),
  /**
   * Seats one client address may claim across the session's tables (0: no bound, the default: a
   * class often shares one school address).
   */
  seatsPerClient: z.number().int().min(0).max(200).default(0),
  /** Seats bots take from the start, at every table. */
  bots: z
    .array(z.object({ team: Id, role: Id, strategy: z.enum(BOT_STRATEGIES) }))
    .max(12)
    .default([]),
});
export type CreateSession = z.infer<typeof CreateSession>;

/** Codes a room closes a connection with: above Colyseus' own (4000–4010), so neither is mistaken for the other. */
export const CLOSE_CODES = {
  /** The seat was taken up from another connection. */
  seatTakenElsewhere: 4101,
  /** The facilitator freed the seat. */
  seatFreed: 4103,
  /** The client went on flooding past its rate limit. */
  flood: 4108,
} as const;

/** Names of the messages a room sends to clients. */
export const SERVER_MESSAGES = {
  seat: "who the connection is, with the recent events it may see: SeatMessage",
  result: "the answer to an intent: IntentResult",
  event:
    "something that happened: GameEvent ({ type, to, text }), sent after the state patch (chat raises none: its lines are in the state)",
} as const;

/**
 * The match state as a client decodes it (`room.state.toJSON()`): the one wire type, which the
 * server's schema (`server/projection.ts`) is checked against at compile time and the client's
 * `knownFrom` reads back into a `View`. Sections that change as a whole are JSON strings.
 */
export type WireState = {
  matchId: string;
  scenarioId: string;
  round: number;
  rounds: number;
  implementation: number;
  preparation: boolean;
  phase: string;
  paused: boolean;
  extensionSeconds: number;
  timed: boolean;
  /** Whether the session seats the domestic wild-card roles. */
  wildCards: boolean;
  /** Epoch ms when the phase ends (0 when untimed or paused). */
  deadlineAt: number;
  /** Ms left in a paused phase. */
  remainingMs: number;
  levels: Record<string, number>;
  levelHistory: string;
  marketIndex: number;
  marketHistory: number[];
  trust: number;
  threats: string;
  proposals: string;
  agreements: string;
  breaches: string;
  framework: string;
  news: string;
  statements: string;
  scores: string;
  secrets: string;
  tableChat: ChatMessage[];
  teams: Record<
    string,
    {
      id: string;
      ready: boolean;
      endorsed: string;
      /** Only in the team's own view and the facilitator's. */
      private?: {
        meters: Record<string, number>;
        shocks: Record<string, number>;
        capital: number;
        caucus: ChatMessage[];
        drafts: string;
        secrets: string;
        agreements: string;
        pressureHistory: string;
        meterHistory: string;
        redLines: string;
      };
    }
  >;
  seats: Record<
    string,
    {
      team: string;
      role: string;
      name: string;
      connected: boolean;
      bot: boolean;
      /** A bot's strategy; empty for a person. */
      strategy: string;
      /** When a person claimed the seat (epoch ms; 0 for a bot's or an unknown claim). */
      claimedAt: number;
      /** When the holder last connected or left (epoch ms). */
      since: number;
    }
  >;
  /** Every seat's worksheet (by seat), as JSON, once the match has ended; empty before. */
  worksheets: string;
  /** Only in the facilitator's view: agreements with every team's deliveries in full, and every worksheet. */
  facilitator?: { agreements: string; worksheets: string };
};
