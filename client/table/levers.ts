import type { Issue, LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel } from "../describe.ts";
import { errorArea, field, fill, h, reconcile, select } from "../dom.ts";
import type { Part, Table } from "./part.ts";

const WHEN = [
  ["0", "now"],
  ["1", "from next round"],
  ["2", "in two rounds"],
] as const;

/** The lead's unilateral moves on its own levers (confirmed first) and snapbacks of broken agreements. */
/** What a move does, in words: a change of level, or calling off a threat by holding the level. */
function describeMove(known: Known, issue: Issue, level: number, when: string): string {
  const { scenario, view } = known;
  const current = view.levels[issue.id];
  const threat = view.threats.find((t) => t.issue === issue.id);
  if (level === current && threat)
    return `${issue.label} stays ${levelLabel(scenario, issue.id, level)}: this calls off your threat of ${levelLabel(scenario, issue.id, threat.level)} from round ${threat.round}. Markets react at once.`;
  return `${issue.label}: ${levelLabel(scenario, issue.id, current)} → ${levelLabel(scenario, issue.id, level)}, ${when}. Markets react at once.`;
}

export class LeversPanel implements Part {
  readonly element = h("section");
  private readonly none = h("p", {}, "No unilateral move is open to you now.");
  private readonly moves = h("div");
  private readonly snaps = h("div");
  private readonly dialog = h("dialog", { "aria-labelledby": "confirm-title" });

  constructor(private readonly table: Table) {
    this.element.append(
      h(
        "p",
        { class: "muted" },
        "Your lead can move your own levers, now or with an effective date (a threat).",
      ),
      this.none,
      this.moves,
      this.snaps,
      this.dialog,
    );
  }

  render(known: Known, legal: readonly LegalAction[]): void {
    const { scenario, view } = known;
    const issues = legal
      .filter((a) => a.type === "issue/move")
      .flatMap((a) => scenario.issues.filter((i) => i.id === a.issue));
    this.none.hidden = issues.length > 0;
    reconcile(
      this.moves,
      issues,
      (issue) => issue.id,
      (issue) => String(view.levels[issue.id]),
      (issue) => this.moveRow(known, issue),
    );
    reconcile(
      this.snaps,
      legal.filter((a) => a.type === "agreement/snapback").map((a) => String(a.agreementId)),
      (id) => id,
      (id) => id,
      (id) => {
        const error = errorArea();
        return h(
          "div",
          { class: "item" },
          h(
            "button",
            {
              "data-intent": "agreement/snapback",
              "data-target": id,
              class: "danger",
              onclick: () => this.table.act({ type: "agreement/snapback", agreementId: id }, error),
            },
            `Snap back agreement ${id}`,
          ),
          error,
        );
      },
    );
  }

  private moveRow(known: Known, issue: Issue): HTMLElement {
    const { view } = known;
    const level = select(
      issue.levels.map((l, k) => [String(k), l.label]),
      String(view.levels[issue.id]),
    );
    const when = select(WHEN);
    const error = errorArea();
    const announce = async () => {
      this.dialog.close();
      await this.table.act(
        {
          type: "issue/move",
          issue: issue.id,
          level: Number(level.value),
          inRounds: Number(when.value),
        },
        error,
      );
    };
    const confirm = () => {
      fill(
        this.dialog,
        h("h2", { id: "confirm-title" }, "Confirm a unilateral move"),
        h(
          "p",
          {},
          describeMove(
            known,
            issue,
            Number(level.value),
            when.selectedOptions[0]?.textContent ?? "",
          ),
        ),
        h("button", { class: "danger", onclick: announce }, "Announce it"),
        h("button", { onclick: () => this.dialog.close() }, "Cancel"),
      );
      this.dialog.showModal();
    };
    return h(
      "div",
      { class: "item" },
      field(issue.label, level),
      field("Takes effect", when),
      h(
        "button",
        { "data-intent": "issue/move", "data-target": issue.id, onclick: confirm },
        `Move ${issue.label}`,
      ),
      error,
    );
  }
}
