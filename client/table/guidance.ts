import {
  hasAgreement,
  type LegalAction,
  roleOf,
  type Scenario,
  type View,
} from "../../shared/index.ts";
import { teamName } from "../describe.ts";
import { t } from "../i18n.ts";
import { can } from "./part.ts";

/** One line telling the seat what to do now, in this phase, given what it may do. */
export function guidance(scenario: Scenario, view: View, legal: readonly LegalAction[]): string {
  const seat = view.seat;
  if (seat.kind === "observer") return t("table:guidance.observer");
  if (seat.kind === "facilitator")
    return view.phase === "setup"
      ? t("table:guidance.facilitatorSetup")
      : view.phase === "ended"
        ? t("table:guidance.facilitatorEnded")
        : t("table:guidance.facilitator");
  const team = seat.team;
  if (view.paused) return t("table:guidance.paused");
  const other = scenario.teams.find((x) => x.id !== team);
  const ready = view.teams[team]?.ready;
  const lead = scenario.teams.find((x) => x.id === team)?.roles.find((r) => r.lead);
  const isLead = lead?.id === seat.role;
  const wildCard = roleOf(scenario, team, seat.role)?.constituency;
  const worksheetIn = `${team}:${seat.role}` in view.worksheets;
  if (view.phase === "preparation")
    return worksheetIn
      ? t("table:guidance.worksheetIn", { done: ready || wildCard ? "yes" : "no" })
      : t("table:guidance.preparation");
  if (wildCard && view.phase !== "ended" && view.phase !== "setup")
    return t("table:guidance.wildCard", {
      constituency:
        scenario.constituencies.find((c) => c.id === wildCard)?.label ??
        t("table:guidance.aConstituency"),
    });
  const waiting = t("table:guidance.waiting", {
    other: other ? teamName(scenario, other.id) : t("table:guidance.theOtherTeam"),
  });
  switch (view.phase) {
    case "setup":
      return t("table:guidance.setup");
    case "news":
      return ready ? waiting : t("table:guidance.news");
    case "caucus":
      return ready ? waiting : t("table:guidance.caucus");
    case "table": {
      const theirs = view.proposals.find((p) => p.status === "open" && p.by !== team);
      if (theirs && isLead)
        return t("table:guidance.theirsLead", {
          team: teamName(scenario, theirs.by),
          id: theirs.id,
        });
      if (theirs)
        return t("table:guidance.theirs", {
          team: teamName(scenario, theirs.by),
          id: theirs.id,
          lead: lead?.title ?? "",
        });
      return ready ? waiting : t("table:guidance.table");
    }
    case "summit":
      if (!hasAgreement(view)) return t("table:guidance.summitNone");
      if (view.teams[team]?.endorsed !== undefined)
        return t("table:guidance.summitAnswered", {
          said: view.teams[team]?.endorsed ? "yes" : "no",
          lead: isLead ? "yes" : "no",
          next: ready ? waiting : t("table:guidance.readyWhenDone"),
        });
      if (can(legal, "summit/endorse")) return t("table:guidance.summitEndorse");
      if (!lead) return t("table:guidance.summitSee");
      return t("table:guidance.summitLead", { lead: lead.title });
    case "resolution":
      if (can(legal, "commitment/deliver")) return t("table:guidance.deliver");
      return ready ? waiting : t("table:guidance.resolution");
    case "ended":
      return t("table:guidance.ended");
  }
}
