import type { LegalAction, Scenario, View } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { teamName } from "../describe.ts";
import { errorArea, field, fill, h, reconcile, select } from "../dom.ts";
import { t } from "../i18n.ts";
import type { Part, Table } from "./part.ts";

/** The fractions of an instalment the seat may deliver, with their labels' keys. */
const FRACTIONS = [
  ["1", "table:deliveries.fraction.all"],
  ["0.75", "table:deliveries.fraction.threeQuarters"],
  ["0.5", "table:deliveries.fraction.half"],
  ["0.25", "table:deliveries.fraction.quarter"],
  ["0", "table:deliveries.fraction.nothing"],
] as const;

type Owed = {
  readonly commitment: View["agreements"][number]["commitments"][number];
  readonly instalment: View["agreements"][number]["commitments"][number]["instalments"][number];
  readonly index: number;
};

/** An amount of a deliverable issue in its unit: "12 MMT of Soybean purchases". */
function amountOf(scenario: Scenario, issue: string, amount: number): string {
  const found = scenario.issues.find((i) => i.id === issue);
  const unit = found?.delivery?.unit ?? "";
  return t(unit ? "table:deliveries.amount" : "table:deliveries.amountNoUnit", {
    amount,
    unit,
    issue: found?.label ?? issue,
  });
}

/** What the seat's team owes now, delivered in full or in part, and every commitment's record. */
export class DeliveriesPanel implements Part {
  readonly element = h("section");
  private readonly due = h("div");
  private readonly none = h("p", { class: "muted" }, t("table:deliveries.noneNow"));
  private readonly all = h("ul");

  constructor(private readonly table: Table) {
    this.element.append(
      h("h2", {}, t("table:deliveries.dueNow")),
      this.none,
      this.due,
      h("h2", {}, t("table:deliveries.allCommitments")),
      this.all,
    );
  }

  render(known: Known, legal: readonly LegalAction[]): void {
    const { scenario, view } = known;
    this.none.textContent =
      view.phase === "resolution" ? t("table:deliveries.noneMore") : t("table:deliveries.noneNow");
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
          t(
            i.delivered === undefined
              ? i.reported === undefined
                ? "table:deliveries.recordPending"
                : "table:deliveries.recordReported"
              : i.reported === undefined
                ? "table:deliveries.recordDelivered"
                : "table:deliveries.recordDeliveredReported",
            {
              team: teamName(scenario, c.by),
              amount: amountOf(scenario, c.issue, i.amount),
              round: i.round,
              percent: Math.round((i.delivered ?? 0) * 100),
              reported: i.reported,
            },
          ),
        ),
      ),
    );
  }

  private dueRow(scenario: Scenario, { commitment, instalment, index }: Owed): HTMLElement {
    const fraction = select(FRACTIONS.map(([value, key]) => [value, t(key)] as const));
    const error = errorArea();
    return h(
      "div",
      { class: "item" },
      h(
        "p",
        {},
        t("table:deliveries.due", {
          amount: amountOf(scenario, commitment.issue, instalment.amount),
          round: instalment.round,
        }),
      ),
      field(t("table:deliveries.deliver"), fraction),
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
        t("table:deliveries.deliver"),
      ),
      error,
    );
  }
}
