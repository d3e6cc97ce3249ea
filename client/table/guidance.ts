import {
  hasAgreement,
  type LegalAction,
  roleOf,
  type Scenario,
  type View,
} from "../../shared/index.ts";
import { teamName } from "../describe.ts";
import { can } from "./part.ts";

/** One line telling the seat what to do now, in this phase, given what it may do. */
export function guidance(scenario: Scenario, view: View, legal: readonly LegalAction[]): string {
  const seat = view.seat;
  if (seat.kind === "observer")
    return "You are watching this table: the board and the table chat show what happens.";
  if (seat.kind === "facilitator")
    return view.phase === "setup"
      ? "Start the match from the console when the seats are taken."
      : view.phase === "ended"
        ? "The match is over: open the class debrief from the console."
        : "Teams move on when both are ready; you can advance the phase, pause or inject news from the console.";
  const team = seat.team;
  if (view.paused)
    return "The facilitator has paused the match: only chat and drafts until it resumes.";
  const other = scenario.teams.find((t) => t.id !== team);
  const ready = view.teams[team]?.ready;
  const lead = scenario.teams.find((t) => t.id === team)?.roles.find((r) => r.lead);
  const isLead = lead?.id === seat.role;
  const wildCard = roleOf(scenario, team, seat.role)?.constituency;
  const worksheetIn = `${team}:${seat.role}` in view.worksheets;
  if (view.phase === "preparation")
    return worksheetIn
      ? `Worksheet handed in: you may still change it until preparation ends. ${ready || wildCard ? "" : "Mark your team ready when both of you are done."}`
      : "Preparation: read your role brief, then fill in the Worksheet tab and hand it in before round 1.";
  if (wildCard && view.phase !== "ended" && view.phase !== "setup")
    return `You speak for ${scenario.constituencies.find((c) => c.id === wildCard)?.label ?? "a constituency"}: lobby your negotiators in Team chat. You cannot table, accept or sign.`;
  const waiting = `Your team is ready: waiting for ${other ? teamName(scenario, other.id) : "the other team"} or the facilitator.`;
  switch (view.phase) {
    case "setup":
      return "Read your confidential brief (Brief tab) while the facilitator starts the match.";
    case "news":
      return ready
        ? waiting
        : "Read the news under the board and in the Log, then mark your team ready.";
    case "caucus":
      return ready
        ? waiting
        : "Plan with your teammate in Team chat: what to ask for, what to give, your red lines. Then mark your team ready.";
    case "table": {
      const theirs = view.proposals.find((p) => p.status === "open" && p.by !== team);
      if (theirs && isLead)
        return `${teamName(scenario, theirs.by)} tabled ${theirs.id}: accept, reject or counter it in Proposals.`;
      if (theirs)
        return `${teamName(scenario, theirs.by)} tabled ${theirs.id}: reject or counter it; only your lead (${lead?.title}) can accept.`;
      return ready
        ? waiting
        : "Negotiate: click a level on the board (or use Build) and table a package, then mark your team ready.";
    }
    case "summit":
      if (!hasAgreement(view))
        return "Leaders' summit: there is no agreement to endorse. Mark your team ready to move on.";
      if (view.teams[team]?.endorsed !== undefined)
        return `Leaders' summit: your team ${view.teams[team]?.endorsed ? "endorses" : "declines"} the framework${isLead ? " (you may change your answer until the summit closes)" : ""}. ${ready ? waiting : "Mark your team ready when done."}`;
      if (can(legal, "summit/endorse"))
        return "Leaders' summit: endorse the framework your teams agreed, or decline it.";
      if (!lead) return "Leaders' summit: see who endorsed below.";
      return `Leaders' summit: only your lead (${lead.title}) endorses or declines; advise them in Team chat.`;
    case "resolution":
      if (can(legal, "commitment/deliver"))
        return "Agreements take effect: deliver what your team owes (Deliver tab), then mark your team ready.";
      return ready
        ? waiting
        : "Agreements and threats take effect: check the board, then mark your team ready.";
    case "ended":
      return "The match is over: see the debrief.";
  }
}
