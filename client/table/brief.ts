import {
  type Brief,
  type LegalAction,
  type RoleBrief,
  roleOf,
  type Scenario,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel, sideClass, teamName } from "../describe.ts";
import { fill, h } from "../dom.ts";
import { t } from "../i18n.ts";
import type { Part } from "./part.ts";

/** A role's title, from its seat key (`us:treasury`). */
export function roleTitle(scenario: Scenario, key: string): string {
  const [team = "", role = ""] = key.split(":");
  return roleOf(scenario, team, role)?.title ?? role;
}

/** A seat as people read it, from its key: "United States — Treasury Secretary". */
export function seatTitle(scenario: Scenario, key: string): string {
  return t("table:brief.seat", {
    team: teamName(scenario, key.split(":")[0] ?? ""),
    role: roleTitle(scenario, key),
  });
}

/** Paragraphs from text whose paragraphs are separated by blank lines. */
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => h("p", {}, p));

/** A team's confidential brief: its aims, the constituencies it answers to, its red lines. */
export function teamBriefElement(scenario: Scenario, team: string, brief: Brief): HTMLElement {
  return h(
    "div",
    { class: `item ${sideClass(scenario, team)}` },
    h("h3", {}, t("table:brief.teamBrief", { team: teamName(scenario, team) })),
    h("p", {}, brief.summary),
    h("p", {}, brief.constituencies),
    h("h4", {}, t("table:brief.redLines")),
    h(
      "ul",
      {},
      ...brief.redLines.map((r) =>
        h(
          "li",
          {},
          t("table:brief.redLine", {
            issue: scenario.issues.find((i) => i.id === r.issue)?.label ?? r.issue,
            levels: r.levels
              .map((l) => t("table:brief.quoted", { level: levelLabel(scenario, r.issue, l) }))
              .join(t("table:brief.or")),
            reason: r.reason,
          }),
        ),
      ),
    ),
  );
}

/** The parts of a role brief, in the order a reader needs them. */
const ROLE_SECTIONS = [
  ["situation", "table:brief.situation"],
  ["mandate", "table:brief.mandate"],
  ["pressures", "table:brief.pressures"],
  ["priorities", "table:brief.priorities"],
  ["reservation", "table:brief.reservation"],
] as const;

/** A role's confidential brief (for its seat alone until the debrief). */
export function roleBriefElement(scenario: Scenario, key: string, brief: RoleBrief): HTMLElement {
  const team = key.split(":")[0] ?? "";
  return h(
    "div",
    { class: `item role-brief ${sideClass(scenario, team)}` },
    h("h3", {}, t("table:brief.roleBrief", { seat: seatTitle(scenario, key) })),
    h("p", {}, h("strong", {}, brief.summary)),
    ...ROLE_SECTIONS.filter(([field]) => brief[field]).flatMap(([field, title]) => [
      h("h4", {}, t(title)),
      ...paragraphs(brief[field]),
    ]),
  );
}

/**
 * The scenario and the confidential briefs this seat may read: its team's brief and its own role's
 * (every brief for the facilitator, and for everyone once the match is over).
 */
export class BriefPanel implements Part {
  readonly element = h("section");
  private shown: string | undefined;

  /** `print` prints the seat's own brief and worksheet. */
  constructor(private readonly print?: () => void) {}

  render(known: Known, _legal: readonly LegalAction[]): void {
    const { scenario, view } = known;
    const shown = [...Object.keys(view.briefs), ...Object.keys(view.roleBriefs)].join();
    if (shown === this.shown) return;
    this.shown = shown;
    const own = view.seat.kind === "team" ? `${view.seat.team}:${view.seat.role}` : undefined;
    const roles = Object.entries(view.roleBriefs).sort(([a], [b]) =>
      a === own ? -1 : b === own ? 1 : 0,
    );
    fill(
      this.element,
      h("h2", {}, scenario.title),
      own && this.print && h("button", { onclick: () => this.print?.() }, t("table:brief.print")),
      h("p", {}, scenario.summary),
      ...roles.map(([key, brief]) => roleBriefElement(scenario, key, brief)),
      ...Object.entries(view.briefs).map(([team, brief]) =>
        teamBriefElement(scenario, team, brief),
      ),
    );
  }
}
