import { type Actor, Command, type Intent, type IntentType } from "./commands.ts";
import { deliver, snapBack } from "./rules/commitments.ts";
import { isLead, type Outcome, type Rule, type RuleError, refuse, roleOf } from "./rules/kit.ts";
import { injectCustomEvent, injectEvent } from "./rules/news.ts";
import {
  advancePhase,
  deadline,
  endMatch,
  extend,
  markReady,
  pause,
  resume,
  startMatch,
} from "./rules/phases.ts";
import { refreshMeters } from "./rules/pressure.ts";
import {
  acceptProposal,
  counterProposal,
  rejectProposal,
  tableProposal,
  withdrawProposal,
} from "./rules/proposals.ts";
import { endorse } from "./rules/summit.ts";
import { deleteDraft, makeStatement, saveDraft, tableChat, teamChat } from "./rules/talk.ts";
import { moveIssue } from "./rules/unilateral.ts";
import { submitWorksheet } from "./rules/worksheet.ts";
import { formatZodError } from "./scenario/load.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { Board, MatchState } from "./state.ts";

/** Every command's rule, by intent type. */
export const RULES: { readonly [T in IntentType]: Rule<T> } = {
  "proposal/table": tableProposal,
  "proposal/counter": counterProposal,
  "proposal/accept": acceptProposal,
  "proposal/reject": rejectProposal,
  "proposal/withdraw": withdrawProposal,
  "issue/move": moveIssue,
  "commitment/deliver": deliver,
  "agreement/snapback": snapBack,
  "statement/make": makeStatement,
  "chat/team": teamChat,
  "chat/table": tableChat,
  "draft/save": saveDraft,
  "draft/delete": deleteDraft,
  "team/ready": markReady,
  "worksheet/submit": submitWorksheet,
  "summit/endorse": endorse,
  "match/start": startMatch,
  "phase/advance": advancePhase,
  "match/pause": pause,
  "match/resume": resume,
  "phase/extend": extend,
  "event/inject": injectEvent,
  "event/inject-custom": injectCustomEvent,
  "match/end": endMatch,
  "clock/deadline": deadline,
};

/** The rule of an intent type, typed loosely for dispatch. */
function ruleOf(type: IntentType): Rule<IntentType> {
  return RULES[type] as Rule<IntentType>;
}

/** Checks who may send an intent and when, from the board alone: `apply` and `legalCommands` share it. */
export function permit(
  scenario: Scenario,
  board: Board,
  actor: Actor,
  intent: Intent,
): RuleError | undefined {
  return (
    permitType(scenario, board, actor, intent.type) ??
    ruleOf(intent.type).permit?.(scenario, board, actor, intent)
  );
}

/** Checks who may send an intent of a type and when, before its target is looked at. */
export function permitType(
  scenario: Scenario,
  board: Board,
  actor: Actor,
  type: IntentType,
): RuleError | undefined {
  const rule = ruleOf(type);
  if (rule.who === "facilitator" && actor.kind !== "facilitator")
    return { code: "actor/not-facilitator", message: "Only the facilitator can do that." };
  if (rule.who === "clock" && actor.kind !== "clock")
    return { code: "actor/not-clock", message: "Only the clock reports deadlines." };
  if (rule.who === "member" || rule.who === "player" || rule.who === "lead") {
    if (actor.kind !== "player")
      return { code: "actor/not-player", message: "Only a team's seat can do that." };
    const role = roleOf(scenario, actor.team, actor.role);
    if (!role)
      return {
        code: "actor/unknown-seat",
        message: `No role "${actor.role}" in team "${actor.team}".`,
      };
    if (rule.who !== "member" && role.constituency !== undefined)
      return {
        code: "actor/wild-card",
        message: "A domestic role lobbies its team in the caucus; it does not negotiate.",
      };
    if (rule.who === "lead" && !isLead(scenario, actor))
      return { code: "actor/not-lead", message: "Only your team's lead can do that." };
  }
  if (board.phase === "ended" && !rule.phases.includes("ended"))
    return { code: "match/ended", message: "The match is over." };
  if (!rule.phases.includes(board.phase))
    return {
      code: "phase/wrong",
      message: `Not in the ${board.phase} phase: ${type} is for ${rule.phases.join(", ")}.`,
    };
  if (board.paused && !rule.whilePaused)
    return { code: "match/paused", message: "The match is paused." };
  return undefined;
}

/**
 * Applies a command to the state: the new state and the events it caused, or a typed rule error.
 * Never throws for a bad command; the input is checked against the command schema first.
 */
export function apply(scenario: Scenario, state: MatchState, command: Command): Outcome {
  const parsed = Command.safeParse(command);
  if (!parsed.success) return refuse("command/invalid", formatZodError(parsed.error).join("; "));
  return applyCommand(scenario, state, parsed.data);
}

/** Applies a command already checked against the command schema (as `step` and `replay` have). */
export function applyCommand(scenario: Scenario, state: MatchState, command: Command): Outcome {
  const { actor, intent } = command;
  const denied = permit(scenario, state, actor, intent);
  if (denied) return { ok: false, error: denied };
  const outcome = ruleOf(intent.type).run(scenario, state, actor, intent);
  if (!outcome.ok || !metersMayMove(scenario, state, outcome.state)) return outcome;
  return { ...outcome, state: refreshMeters(scenario, outcome.state) };
}

/** Whether anything the meters are made of (levels, the market, shocks) changed: most commands move none. */
function metersMayMove(scenario: Scenario, before: MatchState, after: MatchState): boolean {
  return (
    before.levels !== after.levels ||
    before.market !== after.market ||
    scenario.teams.some(
      (t) => before.teams[t.id]?.private?.shocks !== after.teams[t.id]?.private?.shocks,
    )
  );
}
