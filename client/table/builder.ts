import {
  agreedLevels,
  type Intent,
  type Issue,
  type LegalAction,
  type Levels,
  lastRound,
  openThreats,
  type Package,
  type Proposal,
  type Scenario,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel } from "../describe.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { t } from "../i18n.ts";
import { can, type Part, type Table } from "./part.ts";
import { renderPreview } from "./preview.ts";

/** Instalment rows the builder offers per deliverable issue (a counter may bring more). */
const INSTALMENT_ROWS = 2;

/** One instalment row: an amount, and a round once the seat picks one (else the next legal round). */
type Instalment = { amount: number; round?: number };

/**
 * The package being built: only what differs from the levels in force, so the builder never goes
 * stale when an agreement, a move or an event changes them (DESIGN: packages name only what they change).
 */
type Draft = {
  levels: Record<string, number>;
  callOffs: Set<string>;
  instalments: Record<string, Instalment[]>;
  snapback: boolean;
  counterTo?: string;
};

const emptyDraft = (): Draft => ({
  levels: {},
  callOffs: new Set(),
  instalments: {},
  snapback: false,
});

type IssueRow = { select: HTMLSelectElement; changed: HTMLElement; callOff: HTMLLabelElement };

/**
 * The package builder: starts from the levels in force, shows what the package changes against them
 * and previews its effect live; the board's tracks set levels in it too; a counter loads every term
 * of the proposal it answers.
 */
export class PackageBuilder implements Part {
  readonly element = h("section", { class: "builder" });
  private draft = emptyDraft();
  private known: Known | undefined;
  private legal: readonly LegalAction[] = [];
  private readonly rows = new Map<string, IssueRow>();
  private readonly deliveries = h("div");
  private readonly banner = h("div");
  private readonly saved = h("ul", { class: "plain", "aria-label": t("table:builder.drafts") });
  private readonly changes = h("ul", { class: "changes", "aria-live": "polite" });
  private readonly preview = h("div", { class: "item" });
  private readonly note = h("input", { maxlength: 280 });
  private readonly snapback = h("input", { type: "checkbox", id: "snapback", class: "check" });
  private readonly error = errorArea();
  private readonly submit = h(
    "button",
    { class: "primary", id: "table-proposal", "data-intent": "proposal/table" },
    t("table:builder.table"),
  );

  constructor(
    private readonly table: Table,
    scenario: Scenario,
    private readonly onChange: () => void,
  ) {
    this.submit.addEventListener("click", () => void this.send());
    this.snapback.addEventListener("change", () =>
      this.edit(() => (this.draft.snapback = this.snapback.checked)),
    );
    const levers = scenario.teams.map((team) =>
      h(
        "fieldset",
        {},
        h("legend", {}, t("table:builder.levers", { team: team.name })),
        ...scenario.issues
          .filter((i) => i.holder === team.id && !i.domestic)
          .map((issue) => this.issueRow(issue)),
      ),
    );
    fill(
      this.element,
      h("p", { class: "muted" }, t("table:builder.intro")),
      this.banner,
      field(t("table:builder.note"), this.note),
      this.submit,
      h(
        "button",
        { id: "save-draft", "data-intent": "draft/save", onclick: () => void this.save() },
        t("table:builder.save"),
      ),
      h(
        "button",
        { onclick: () => this.edit(() => (this.draft = emptyDraft())) },
        t("table:builder.afresh"),
      ),
      this.error,
      this.saved,
      h("h3", {}, t("table:builder.package")),
      this.changes,
      ...levers,
      h(
        "fieldset",
        {},
        h("legend", {}, t("table:builder.deliveries")),
        this.deliveries,
        h("label", {}, this.snapback, " ", t("table:builder.snapback")),
      ),
      h("h3", {}, t("table:builder.effect")),
      this.preview,
    );
  }

  private issueRow({ id: issue, label, levels }: Issue): HTMLElement {
    const control = select(levels.map((l, k) => [String(k), l.label]));
    control.addEventListener("change", () => this.set(issue, Number(control.value)));
    const box = h("input", { type: "checkbox", class: "check", "data-call-off": issue });
    box.addEventListener("change", () =>
      this.edit(() =>
        box.checked ? this.draft.callOffs.add(issue) : this.draft.callOffs.delete(issue),
      ),
    );
    const row = {
      select: control,
      changed: h("span", { class: "changed" }),
      callOff: h("label", { hidden: true }, box, h("span")),
    };
    this.rows.set(issue, row);
    return h("div", { "data-issue-row": issue }, field(label, control), row.changed, row.callOff);
  }

  /** Sets one issue's level in the package (from the builder or from the board). */
  set(issue: string, level: number): void {
    this.edit(() => (this.draft.levels[issue] = level));
  }

  /** Starts a counter from every term of the proposal it answers. */
  counter(p: Proposal): void {
    this.load(p.package, p.id);
  }

  /** Loads every term of a package (a proposal countered, or a team draft) into the builder. */
  private load(pkg: Package, counterTo?: string): void {
    const agreed = this.known ? agreedLevels(this.known.view) : {};
    const draft = emptyDraft();
    for (const [issue, level] of Object.entries(pkg.levels))
      if (level !== agreed[issue]) draft.levels[issue] = level;
      else draft.callOffs.add(issue);
    for (const c of pkg.commitments)
      draft.instalments[c.issue] = c.instalments.map((i) => ({ amount: i.amount, round: i.round }));
    draft.snapback = pkg.snapback;
    draft.counterTo = counterTo;
    this.edit(() => (this.draft = draft));
    this.submit.focus();
  }

  /** The levels the package changes, if any, for the board to show. */
  draftLevels(): Levels | undefined {
    return Object.keys(this.draft.levels).length ? { ...this.draft.levels } : undefined;
  }

  /** Moves focus to the button that tables the package. */
  focusSubmit(): void {
    this.submit.focus();
  }

  render(known: Known, legal: readonly LegalAction[]): void {
    this.known = known;
    this.legal = legal;
    const { scenario, view } = known;
    const agreed = agreedLevels(view);
    const threats = openThreats(view);
    // A level set back to the one in force leaves the issue alone, but not a threat its change
    // called off: that stays called off (its box checked, now free to clear).
    for (const [issue, level] of Object.entries(this.draft.levels))
      if (agreed[issue] === level) {
        delete this.draft.levels[issue];
        if (threats.some((t) => t.issue === issue)) this.draft.callOffs.add(issue);
      }
    for (const issue of this.draft.callOffs)
      if (!threats.some((t) => t.issue === issue)) this.draft.callOffs.delete(issue);
    if (this.draft.counterTo && !can(legal, "proposal/counter", this.draft.counterTo))
      this.draft.counterTo = undefined;
    for (const [issue, row] of this.rows) {
      const level = this.draft.levels[issue] ?? agreed[issue] ?? 0;
      if (document.activeElement !== row.select) row.select.value = String(level);
      row.changed.textContent =
        this.draft.levels[issue] === undefined
          ? ""
          : t("table:builder.changed", { level: levelLabel(scenario, issue, agreed[issue]) });
      const threat = threats.find((t) => t.issue === issue);
      row.callOff.hidden = !threat;
      const box = row.callOff.querySelector("input");
      const moved = this.draft.levels[issue] !== undefined;
      if (box) {
        box.checked = moved || this.draft.callOffs.has(issue);
        box.disabled = moved;
      }
      const text = row.callOff.querySelector("span");
      if (text && threat)
        text.textContent = ` ${t(
          threat.date ? "table:builder.callOffDated" : "table:builder.callOff",
          {
            level: levelLabel(scenario, issue, threat.level),
            round: threat.round,
            date: threat.date,
          },
        )}`;
    }
    this.snapback.checked = this.draft.snapback;
    this.renderDeliveries(known);
    const countering = this.draft.counterTo;
    fill(
      this.banner,
      countering && h("p", { class: "item" }, t("table:builder.countering", { id: countering })),
    );
    this.submit.textContent = countering
      ? t("table:builder.counter", { id: countering })
      : t("table:builder.table");
    this.submit.dataset.intent = countering ? "proposal/counter" : "proposal/table";
    if (countering) this.submit.dataset.target = countering;
    else delete this.submit.dataset.target;
    const pkg = this.package(known);
    renderPreview(this.preview, this.changes, known, this.table.team, pkg);
    const team = this.table.team;
    const drafts = (team && view.teams[team]?.private?.drafts) || [];
    fill(
      this.saved,
      ...drafts.map((d) =>
        h(
          "li",
          {},
          h("button", { onclick: () => this.load(d.package) }, t("table:builder.load", d)),
        ),
      ),
    );
  }

  /** The instalment rows: rounds offered from this round to the last, defaulting to the next legal one. */
  private renderDeliveries(known: Known): void {
    const { scenario, view } = known;
    const first = view.round;
    const last = lastRound(view);
    const rounds = Array.from(
      { length: Math.max(0, last - first + 1) },
      (_, r) => [String(first + r), t("table:builder.roundOption", { round: first + r })] as const,
    );
    const rows = scenario.issues
      .filter((i) => i.delivery)
      .flatMap((issue) => {
        const drafted = this.draft.instalments[issue.id] ?? [];
        return Array.from({ length: Math.max(INSTALMENT_ROWS, drafted.length) }, (_, k) => {
          const entry = drafted[k];
          const round = Math.min(last, Math.max(first, entry?.round ?? first + k));
          return { issue, k, amount: entry?.amount ?? 0, round };
        });
      });
    const shape = `${first}-${last}-${rows.length}`;
    if (this.deliveries.dataset.shape !== shape) {
      this.deliveries.dataset.shape = shape;
      fill(
        this.deliveries,
        ...rows.map(({ issue, k }) => {
          const unit = issue.delivery?.unit ?? "";
          const update = (change: Partial<Instalment>) =>
            this.edit(() => {
              const list = [...(this.draft.instalments[issue.id] ?? [])];
              list[k] = { amount: list[k]?.amount ?? 0, round: list[k]?.round, ...change };
              this.draft.instalments[issue.id] = list;
            });
          const amountInput = h("input", {
            type: "number",
            min: 0,
            step: 1,
            "aria-label": t("table:builder.amount", { issue: issue.label, n: k + 1, unit }),
          });
          amountInput.addEventListener("change", () =>
            update({ amount: Number(amountInput.value) }),
          );
          const roundSelect = select(rounds, undefined, {
            "aria-label": t("table:builder.instalmentRound", { issue: issue.label, n: k + 1 }),
          });
          roundSelect.addEventListener("change", () =>
            update({ round: Number(roundSelect.value) }),
          );
          return h(
            "div",
            { class: "row", "data-instalment": issue.id },
            h("span", {}, t("table:builder.instalment", { issue: issue.label, n: k + 1, unit })),
            amountInput,
            roundSelect,
          );
        }),
      );
    }
    rows.forEach(({ amount, round }, i) => {
      const row = this.deliveries.children[i];
      const amountInput = row?.querySelector("input");
      const roundSelect = row?.querySelector("select");
      if (amountInput && amountInput !== document.activeElement) amountInput.value = String(amount);
      if (roundSelect && roundSelect !== document.activeElement) roundSelect.value = String(round);
    });
  }

  /** The package as the rules take it: changed levels, called-off threats, deliveries, snapback. */
  private package(known: Known): Package {
    const { scenario, view } = known;
    const agreed = agreedLevels(view);
    const levels: Record<string, number> = { ...this.draft.levels };
    for (const issue of this.draft.callOffs) levels[issue] ??= agreed[issue] ?? 0;
    const commitments = scenario.issues.flatMap((issue) => {
      const instalments = (this.draft.instalments[issue.id] ?? [])
        .map((entry, k) => ({
          amount: entry.amount,
          round: Math.min(lastRound(view), Math.max(view.round, entry.round ?? view.round + k)),
        }))
        .filter((i) => i.amount > 0);
      return instalments.length ? [{ issue: issue.id, by: issue.holder, instalments }] : [];
    });
    return { levels, commitments, snapback: this.draft.snapback };
  }

  private edit(change: () => unknown): void {
    change();
    this.error.textContent = "";
    if (this.known) this.render(this.known, this.legal);
    this.onChange();
  }

  private async send(): Promise<void> {
    if (!this.known) return;
    const pkg = this.package(this.known);
    if (!Object.keys(pkg.levels).length && !pkg.commitments.length) {
      this.error.textContent = t("table:builder.empty");
      return;
    }
    const note = this.note.value.trim() || undefined;
    const counter = this.draft.counterTo;
    const intent: Intent = counter
      ? { type: "proposal/counter", proposalId: counter, package: pkg, note }
      : { type: "proposal/table", package: pkg, note };
    if (!(await this.table.act(intent, this.error))) return;
    this.note.value = "";
    this.edit(() => (this.draft = emptyDraft()));
    this.table.select("proposals");
  }

  private async save(): Promise<void> {
    if (!this.known) return;
    const title =
      this.note.value.trim() || t("table:builder.draftTitle", { round: this.known.view.round });
    await this.table.act(
      { type: "draft/save", title, package: this.package(this.known) },
      this.error,
    );
  }
}
