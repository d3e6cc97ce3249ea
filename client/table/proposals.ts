import { type LegalAction, type Proposal, signingCost, type View } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { describePackage, describeProposal, proposalTitle, sideClass } from "../describe.ts";
import { errorArea, h, reconcile } from "../dom.ts";
import { can, type Part, type Table } from "./part.ts";

const ANSWERS = [
  ["proposal/accept", "Accept", "primary"],
  ["proposal/reject", "Reject", "danger"],
  ["proposal/withdraw", "Withdraw", ""],
] as const;

/** The proposals on the table, newest first, with the answers the seat may give, and the agreements. */
export class ProposalsPanel implements Part {
  readonly element = h("section");
  private readonly list = h("ul", { class: "plain" });
  private readonly empty = h(
    "p",
    { class: "muted" },
    "No proposal yet. Click a level on the board or use the Build tab.",
  );
  private readonly agreementsHeading = h("h2", {}, "Agreements");
  private readonly agreements = h("ul", { class: "plain" });

  constructor(
    private readonly table: Table,
    private readonly counter: (p: Proposal) => void,
  ) {
    this.element.append(
      h("h2", {}, "On the table"),
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
    const answer = ([type, verb, style]: (typeof ANSWERS)[number]) =>
      can(legal, type, p.id) &&
      h(
        "button",
        {
          "data-intent": type,
          "data-target": p.id,
          class: style || undefined,
          onclick: () => this.table.act({ type, proposalId: p.id }, error),
        },
        `${verb} ${p.id}`,
      );
    return h(
      "li",
      { class: `item ${sideClass(known.scenario, p.by)}`, "data-proposal": p.id, tabindex: -1 },
      h("strong", {}, proposalTitle(known.scenario, p)),
      p.note && h("p", {}, `“${p.note}”`),
      h("ul", {}, ...describeProposal(known.scenario, p).map((line) => h("li", {}, line))),
      cost !== undefined && h("p", { class: "muted" }, `Signing costs your lead ${cost} capital.`),
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
          `Counter ${p.id}`,
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
    h("strong", {}, `Agreement ${a.id} (${a.status.replace("-", " ")})`),
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
