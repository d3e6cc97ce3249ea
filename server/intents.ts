import { actorFor, type Command, roleOf, type Scenario, type SeatHolder } from "../shared/index.ts";
import {
  type IntentMessage,
  IntentMessage as IntentMessageSchema,
  type IntentResult,
  SeatControl,
} from "../shared/protocol.ts";

/** A refusal to a client's message, with the `ref` it sent. */
const refuse = (code: string, message: string, ref: string | undefined): IntentResult => ({
  ref,
  ok: false,
  code,
  message,
});

/**
 * Turns a client's `intent` message into a command for its seat, or says why it cannot be: rate
 * limited, malformed, or sent by an observer.
 */
export function admitIntent(
  message: unknown,
  seat: SeatHolder | undefined,
  limited: boolean,
): { command: Command; message: IntentMessage } | { refusal: IntentResult } {
  const ref =
    typeof message === "object" && message && "ref" in message && typeof message.ref === "string"
      ? message.ref.slice(0, 40)
      : undefined;
  if (limited)
    return { refusal: refuse("rate/limited", "Slow down: too many actions at once.", ref) };
  const parsed = IntentMessageSchema.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return {
      refusal: refuse("intent/invalid", `${where}${issue?.message ?? "not an intent"}`, ref),
    };
  }
  const actor = seat && actorFor(seat);
  if (!actor)
    return { refusal: refuse("actor/observer", "Observers watch; they cannot act.", ref) };
  return { command: { actor, intent: parsed.data.intent } as Command, message: parsed.data };
}

/**
 * A facilitator's `seat-control` message checked against the scenario, or why it is refused.
 */
export function admitSeatControl(
  message: unknown,
  seat: SeatHolder | undefined,
  scenario: Scenario,
): { control: SeatControl["control"]; ref?: string } | { refusal: IntentResult } {
  const parsed = SeatControl.safeParse(message);
  const ref = parsed.success ? parsed.data.ref : undefined;
  if (seat?.kind !== "facilitator")
    return {
      refusal: refuse("actor/not-facilitator", "Only the facilitator hands seats to bots.", ref),
    };
  if (!parsed.success)
    return {
      refusal: refuse(
        "seat/invalid",
        parsed.error.issues[0]?.message ?? "Not a seat control.",
        ref,
      ),
    };
  const { control } = parsed.data;
  const role = roleOf(scenario, control.team, control.role);
  if (!role)
    return {
      refusal: refuse("seat/unknown", `No role "${control.role}" in team "${control.team}".`, ref),
    };
  if (role.constituency !== undefined && control.type === "seat/bot")
    return {
      refusal: refuse(
        "seat/wild-card",
        `Bots do not play domestic roles such as ${role.title}.`,
        ref,
      ),
    };
  return { control, ref };
}
