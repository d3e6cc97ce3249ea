import type { LegalAction, Scenario, View } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { teamName } from "../describe.ts";
import { errorArea, field, fill, h, reconcile, select } from "../dom.ts";
import type { Part, Table } from "./part.ts";

const FRACTIONS = [
  ["1", "all of it"],
  ["0.75", "three quarters"],
  ["0.5", "half"],
  ["0.25", "a quarter"],
  ["0", "nothing"],
] as const;

type Owed = {
  readonly commitment: View["agreements"][number]["commitments"][number];
  readonly instalment: View["agreements"][number]["commitments"][number]["instalments"][number];
  readonly index: number;
};

/** An amount of a deliverable issue in its unit: "12 MMT of Soybean purchases". */
function amountOf(scenario: Scenario, issue: string, amount: number): string {
  const found = scenario.issues.find((i) => i.id === issue);
  return `${amount} ${found?.delivery?.unit ?? ""} of ${found?.label ?? issue}`.replace("  ", " ");
}

/** What the seat's team owes now, delivered in full or in part, and every commitment's record. */
export class DeliveriesPanel implements Part {
  readonly element = h("section");
  private readonly due = h("div");
  private readonly none = h(
    "p",
    { class: "muted" },
    "Nothing is due from your team now. Deliveries happen in the resolution phase.",
  );
  private readonly all = h("ul");

  constructor(private readonly table: Table) {
    this.element.append(
      h("h2", {}, "Due now"),
      this.none,
      this.due,
      h("h2", {}, "All commitments"),
      this.all,
    );
  }

  render(known: Known, legal: readonly LegalAction[]): void {
    const { scenario, view } = known;
    this.none.textContent =
      view.phase === "resolution"
        ? "Nothing more is due from your team this round."
        : "Nothing is due from your team now. Deliveries happen in the resolution phase.";
    const owed: Owed[] = view.agreements.flatMap((a) =>
      a.commitments.flatMap((commitment) =>
        commitment.instalments.map((instalment, index) => ({ commitment, instalment, index })),
      ),
    );
    const due = legal
      .filter((a) => a.type === "commitment/deliver")
      .flatMap((a) =>
        owed.filter((o) => o.commitment.id === a.commitmentId && o.index === a.instalment),
      );
    this.none.hidden = due.length > 0;
    reconcile(
      this.due,
      due,
      (o) => `${o.commitment.id}:${o.index}`,
      (o) => `${o.commitment.id}:${o.index}`,
      (o) => this.dueRow(scenario, o),
    );
    fill(
      this.all,
      ...owed.map(({ commitment: c, instalment: i }) =>
        h(
          "li",
          {},
          `${teamName(scenario, c.by)}: ${amountOf(scenario, c.issue, i.amount)} in round ${i.round} — ${
            i.delivered !== undefined ? `delivered ${Math.round(i.delivered * 100)}%` : ""
          }${i.reported !== undefined ? ` reported ${i.reported}` : i.delivered === undefined ? "pending" : ""}`,
        ),
      ),
    );
  }

  private dueRow(scenario: Scenario, { commitment, instalment, index }: Owed): HTMLElement {
    const fraction = select(FRACTIONS);
    const error = errorArea();
    return h(
      "div",
      { class: "item" },
      h(
        "p",
        {},
        `${amountOf(scenario, commitment.issue, instalment.amount)} due in round ${instalment.round}`,
      ),
      field("Deliver", fraction),
      h(
        "button",
        {
          class: "primary",
          "data-intent": "commitment/deliver",
          "data-target": commitment.id,
          onclick: () =>
            this.table.act(
              {
                type: "commitment/deliver",
                commitmentId: commitment.id,
                instalment: index,
                fraction: Number(fraction.value),
              },
              error,
            ),
        },
        "Deliver",
      ),
      error,
    );
  }
}
