import type { LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel, teamName } from "../describe.ts";
import { fill, h } from "../dom.ts";
import type { Part } from "./part.ts";

/** The scenario and the confidential briefs this seat may read (its own team's, or all for the facilitator). */
export class BriefPanel implements Part {
  readonly element = h("section");
  private shown: string | undefined;

  render(known: Known, _legal: readonly LegalAction[]): void {
    const { scenario, view } = known;
    const shown = Object.keys(view.briefs).join();
    const roleTitle = (role: string) =>
      scenario.teams.flatMap((t) => t.roles).find((r) => r.id === role)?.title ?? role;
    if (shown === this.shown) return;
    this.shown = shown;
    fill(
      this.element,
      h("h2", {}, scenario.title),
      h("p", {}, scenario.summary),
      ...Object.entries(view.briefs).map(([team, brief]) =>
        h(
          "div",
          { class: `item ${team}` },
          h("h3", {}, `${teamName(scenario, team)} — confidential brief`),
          h("p", {}, brief.summary),
          h("p", {}, brief.constituencies),
          h("h3", {}, "Red lines: never sign a package that leaves"),
          h(
            "ul",
            {},
            ...brief.redLines.map((r) =>
              h(
                "li",
                {},
                `${scenario.issues.find((i) => i.id === r.issue)?.label} at ${r.levels
                  .map((l) => `“${levelLabel(scenario, r.issue, l)}”`)
                  .join(" or ")}. ${r.reason}`,
              ),
            ),
          ),
          ...Object.entries(brief.roles).map(([role, text]) =>
            h("p", {}, h("strong", {}, `${roleTitle(role)}: `), text),
          ),
        ),
      ),
    );
  }
}
