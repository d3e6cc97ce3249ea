import { type LegalAction, type Proposal, signingCost, type View } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { describePackage, describeProposal, proposalTitle, sideClass } from "../describe.ts";
import { errorArea, h, reconcile } from "../dom.ts";
import { t } from "../i18n.ts";
import { can, type Part, type Table } from "./part.ts";

/** The answers to a proposal: intent, its button's label key, style. */
const ANSWERS = [
  ["proposal/accept", "table:proposals.accept", "primary"],
  ["proposal/reject", "table:proposals.reject", "danger"],
  ["proposal/withdraw", "table:proposals.withdraw", ""],
] as const;

/** An agreement's status, as its heading says it. */
const STATUSES: Record<View["agreements"][number]["status"], string> = {
  pending: "table:proposals.status.pending",
  "in-force": "table:proposals.status.inForce",
  "snapped-back": "table:proposals.status.snappedBack",
};

/** The proposals on the table, newest first, with the answers the seat may give, and the agreements. */
export class ProposalsPanel implements Part {
  readonly element = h("section");
  private readonly list = h("ul", { class: "plain" });
  private readonly empty = h("p", { class: "muted" }, t("table:proposals.empty"));
  private readonly agreementsHeading = h("h2", {}, t("table:proposals.agreements"));
  private readonly agreements = h("ul", { class: "plain" });

  constructor(
    private readonly table: Table,
    private readonly counter: (p: Proposal) => void,
  ) {
    this.element.append(
      h("h2", {}, t("table:proposals.onTheTable")),
      this.empty,
      this.list,
      this.agreementsHeading,
      this.agreements,
    );
  }

  render(known: Known, legal: readonly LegalAction[]): void {
    const { view, scenario } = known;
    const mine = (p: Proposal) =>
      legal.filter((a) => Object.values(a).includes(p.id)).map((a) => a.type);
    const cost = (p: Proposal) =>
      this.table.team && p.by !== this.table.team && p.status === "open"
        ? signingCost(scenario, view, this.table.team, p.package)
        : undefined;
    this.empty.hidden = view.proposals.length > 0;
    reconcile(
      this.list,
      [...view.proposals].reverse(),
      (p) => p.id,
      (p) => JSON.stringify([p.status, mine(p), cost(p)]),
      (p) => this.item(known, p, legal, cost(p)),
    );
    this.agreementsHeading.hidden = view.agreements.length === 0;
    reconcile(
      this.agreements,
      view.agreements,
      (a) => a.id,
      (a) => JSON.stringify([a.status, a.status === "pending" && view.levels]),
      (a) => agreementItem(known, a),
    );
  }

  private item(
    known: Known,
    p: Proposal,
    legal: readonly LegalAction[],
    cost: number | undefined,
  ): HTMLElement {
    const error = errorArea();
    const answer = ([type, label, style]: (typeof ANSWERS)[number]) =>
      can(legal, type, p.id) &&
      h(
        "button",
        {
          "data-intent": type,
          "data-target": p.id,
          class: style || undefined,
          onclick: () => this.table.act({ type, proposalId: p.id }, error),
        },
        t(label, { id: p.id }),
      );
    return h(
      "li",
      { class: `item ${sideClass(known.scenario, p.by)}`, "data-proposal": p.id, tabindex: -1 },
      h("strong", {}, proposalTitle(known.scenario, p)),
      p.note && h("p", {}, `“${p.note}”`),
      h("ul", {}, ...describeProposal(known.scenario, p).map((line) => h("li", {}, line))),
      cost !== undefined && h("p", { class: "muted" }, t("table:proposals.cost", { cost })),
      answer(ANSWERS[0]),
      answer(ANSWERS[1]),
      can(legal, "proposal/counter", p.id) &&
        h(
          "button",
          {
            "data-intent": "proposal/counter",
            "data-target": p.id,
            onclick: () => this.counter(p),
          },
          t("table:proposals.counter", { id: p.id }),
        ),
      answer(ANSWERS[2]),
      error,
    );
  }

  /** Focuses the newest proposal, so a seat that just tabled one sees it (and keyboard focus stays near). */
  focusNewest(): void {
    this.list.querySelector<HTMLElement>("[data-proposal]")?.focus();
  }
}

function agreementItem(known: Known, a: View["agreements"][number]): HTMLElement {
  const { view, scenario } = known;
  return h(
    "li",
    { class: "item" },
    h("strong", {}, t("table:proposals.agreement", { id: a.id, status: t(STATUSES[a.status]) })),
    h(
      "ul",
      {},
      ...describePackage(
        scenario,
        a.status === "pending" ? view.levels : { ...view.levels, ...a.before },
        {
          levels: a.levels,
          commitments: a.commitments.map((c) => ({ ...c, instalments: [...c.instalments] })),
          snapback: a.snapback,
        },
      ).map((l) => h("li", {}, l)),
    ),
  );
}
