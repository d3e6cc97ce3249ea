import type { Issue, LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel } from "../describe.ts";
import { errorArea, field, fill, h, reconcile, select } from "../dom.ts";
import { t } from "../i18n.ts";
import type { Part, Table } from "./part.ts";

/** When a move takes effect, in rounds from now, with its label's key. */
const WHEN = [
  ["0", "table:levers.when.now"],
  ["1", "table:levers.when.next"],
  ["2", "table:levers.when.twoRounds"],
] as const;

/** The lead's unilateral moves on its own levers (confirmed first) and snapbacks of broken agreements. */
/** What a move does, in words: a change of level, or calling off a threat by holding the level. */
function describeMove(known: Known, issue: Issue, level: number, when: string): string {
  const { scenario, view } = known;
  const current = view.levels[issue.id];
  const threat = view.threats.find((t) => t.issue === issue.id);
  if (level === current && threat)
    return t("table:levers.callOff", {
      issue: issue.label,
      level: levelLabel(scenario, issue.id, level),
      threat: levelLabel(scenario, issue.id, threat.level),
      round: threat.round,
    });
  return t("table:levers.move", {
    issue: issue.label,
    from: levelLabel(scenario, issue.id, current),
    to: levelLabel(scenario, issue.id, level),
    when,
  });
}

export class LeversPanel implements Part {
  readonly element = h("section");
  private readonly none = h("p", {}, t("table:levers.none"));
  private readonly moves = h("div");
  private readonly snaps = h("div");
  private readonly dialog = h("dialog", { "aria-labelledby": "confirm-title" });

  constructor(private readonly table: Table) {
    this.element.append(
      h("p", { class: "muted" }, t("table:levers.intro")),
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
            t("table:levers.snapBack", { id }),
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
    const when = select(
      WHEN.map(([value, key]) => [value, t(key)] as const),
      undefined,
      { "aria-label": t("table:levers.takesEffectFor", { issue: issue.label }) },
    );
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
        h("h2", { id: "confirm-title" }, t("table:levers.confirm")),
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
        h("button", { class: "danger", onclick: announce }, t("table:levers.announce")),
        h("button", { onclick: () => this.dialog.close() }, t("table:levers.cancel")),
      );
      this.dialog.showModal();
    };
    return h(
      "div",
      { class: "item" },
      field(issue.label, level),
      field(t("table:levers.takesEffect"), when),
      h(
        "button",
        { "data-intent": "issue/move", "data-target": issue.id, onclick: confirm },
        t("table:levers.moveButton", { issue: issue.label }),
      ),
      error,
    );
  }
}
