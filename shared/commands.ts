import { z } from "zod";
import { Effects, Id } from "./scenario/schema.ts";
import type { SeatHolder } from "./view.ts";

/** Longest chat message, in characters. */
export const MAX_CHAT_LENGTH = 500;
/** Longest public statement, in characters. */
export const MAX_STATEMENT_LENGTH = 280;
/** Most commitments one package may carry. */
export const MAX_COMMITMENTS = 4;
/** Most instalments one commitment may carry. */
export const MAX_INSTALMENTS = 6;

const Text = (max: number) =>
  z.string().trim().min(1, "empty text").max(max, `at most ${max} characters`);
const Round = z.number().int().min(1).max(50);

/** A purchase (or other deliverable) promised by one team, in instalments due by round. */
export const CommitmentTerms = z.object({
  issue: Id,
  by: Id,
  instalments: z
    .array(z.object({ round: Round, amount: z.number().positive().max(1e6) }))
    .min(1)
    .max(MAX_INSTALMENTS),
});
export type CommitmentTerms = z.infer<typeof CommitmentTerms>;

/** A package: levels for issues of either side, commitments, and whether a miss allows snapback. */
export const Package = z.object({
  levels: z.record(Id, z.number().int().min(0).max(20)),
  commitments: z.array(CommitmentTerms).max(MAX_COMMITMENTS).default([]),
  snapback: z.boolean().default(false),
});
export type Package = z.infer<typeof Package>;

const Ref = z.string().min(1).max(20);

/** How much an issue matters, from 1 (little) to 5 (most). */
const Rating = z.number().int().min(1).max(5);
/** A value on a brief's 0–100 scale. */
const Points = z.number().min(0).max(100);

/**
 * A seat's preparation worksheet (DESIGN: roles and preparation): how much each issue matters to its
 * team and to the other, both teams' bottom lines on the briefs' 0–100 scale (the value of no deal),
 * and the level it predicts each issue will end at. Issues left out are not rated.
 */
export const Worksheet = z.object({
  priorities: z.record(Id, Rating).default({}),
  reservation: Points.optional(),
  theirPriorities: z.record(Id, Rating).default({}),
  theirReservation: Points.optional(),
  prediction: z.record(Id, z.number().int().min(0).max(20)).default({}),
});
export type Worksheet = z.infer<typeof Worksheet>;

/** Intents a player's seat may send; the host adds the actor. */
export const PlayerIntent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("proposal/table"),
    package: Package,
    note: Text(MAX_STATEMENT_LENGTH).optional(),
  }),
  z.object({
    type: z.literal("proposal/counter"),
    proposalId: Ref,
    package: Package,
    note: Text(MAX_STATEMENT_LENGTH).optional(),
  }),
  z.object({ type: z.literal("proposal/accept"), proposalId: Ref }),
  z.object({ type: z.literal("proposal/reject"), proposalId: Ref }),
  z.object({ type: z.literal("proposal/withdraw"), proposalId: Ref }),
  z.object({
    type: z.literal("issue/move"),
    issue: Id,
    level: z.number().int().min(0).max(20),
    inRounds: z.number().int().min(0).max(10).default(0),
  }),
  z.object({
    type: z.literal("commitment/deliver"),
    commitmentId: Ref,
    instalment: z.number().int().min(0).max(MAX_INSTALMENTS),
    fraction: z.number().min(0).max(1),
  }),
  z.object({ type: z.literal("agreement/snapback"), agreementId: Ref }),
  z.object({
    type: z.literal("statement/make"),
    text: Text(MAX_STATEMENT_LENGTH),
    tone: z.enum(["conciliatory", "firm"]).default("conciliatory"),
  }),
  z.object({ type: z.literal("chat/team"), text: Text(MAX_CHAT_LENGTH) }),
  z.object({ type: z.literal("chat/table"), text: Text(MAX_CHAT_LENGTH) }),
  z.object({ type: z.literal("draft/save"), title: Text(80), package: Package }),
  z.object({ type: z.literal("draft/delete"), draftId: Ref }),
  z.object({ type: z.literal("team/ready"), ready: z.boolean() }),
  z.object({ type: z.literal("worksheet/submit"), worksheet: Worksheet }),
  z.object({ type: z.literal("summit/endorse"), endorse: z.boolean() }),
]);
export type PlayerIntent = z.infer<typeof PlayerIntent>;

/** A custom event the facilitator writes on the spot. */
export const CustomEvent = z.object({
  title: Text(120),
  text: z.string().max(1000).default(""),
  effects: Effects.prefault({}),
});
export type CustomEvent = z.infer<typeof CustomEvent>;

/** Intents of the facilitator. */
export const FacilitatorIntent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("match/start") }),
  z.object({ type: z.literal("phase/advance") }),
  z.object({ type: z.literal("match/pause") }),
  z.object({ type: z.literal("match/resume") }),
  z.object({ type: z.literal("phase/extend"), seconds: z.number().int().min(5).max(3600) }),
  z.object({ type: z.literal("event/inject"), eventId: Id }),
  z.object({ type: z.literal("event/inject-custom"), event: CustomEvent }),
  z.object({ type: z.literal("match/end") }),
]);
export type FacilitatorIntent = z.infer<typeof FacilitatorIntent>;

/** The clock's one command: a phase deadline passed (it names the phase, so a late timer is harmless). */
export const ClockIntent = z.object({
  type: z.literal("clock/deadline"),
  round: Round,
  phase: z.string().max(20),
});
export type ClockIntent = z.infer<typeof ClockIntent>;

/** Any intent the rules understand. */
export const Intent = z.discriminatedUnion("type", [
  ...PlayerIntent.options,
  ...FacilitatorIntent.options,
  ClockIntent,
]);
export type Intent = z.infer<typeof Intent>;
/** The type names of every intent, `domain/verb`. */
export type IntentType = Intent["type"];

/** Who issued a command: set by the host from the session, never taken from a client. */
export const Actor = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("player"), team: Id, role: Id, seat: z.string().min(1).max(64) }),
  z.object({ kind: z.literal("facilitator") }),
  z.object({ kind: z.literal("clock") }),
]);
export type Actor = z.infer<typeof Actor>;
/** The actor a seat's holder acts as (observers do not act): the one seat-to-actor conversion. */
export function actorFor(holder: SeatHolder): Actor | undefined {
  if (holder.kind === "facilitator") return { kind: "facilitator" };
  if (holder.kind === "team")
    return { kind: "player", team: holder.team, role: holder.role, seat: holder.name };
  return undefined;
}
/** A player actor. */
export type PlayerActor = Extract<Actor, { kind: "player" }>;

/** Longest reason a bot may give with a command. */
export const MAX_NOTE_LENGTH = 300;

/** An intent with its actor (and, from a bot, the reason for it): what `apply` takes and the log records. */
export const Command = z.object({
  actor: Actor,
  intent: Intent,
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
});
export type Command = z.infer<typeof Command>;
