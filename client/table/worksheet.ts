import type { LegalAction, Scenario, Worksheet } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { teamName } from "../describe.ts";
import { errorArea, fill, h, select } from "../dom.ts";
import { t } from "../i18n.ts";
import { type Part, seatedRoles, type Table } from "./part.ts";

const RATINGS: readonly (readonly [string, string])[] = [
  ["", "—"],
  ...["1", "2", "3", "4", "5"].map((r) => [r, r] as const),
];

/** The controls of one issue's row. */
type Row = { ours: HTMLSelectElement; theirs: HTMLSelectElement; prediction: HTMLSelectElement };

/**
 * The seat's preparation worksheet (DESIGN: roles and preparation): how much each issue matters to
 * both teams, both bottom lines, and the outcome it predicts; handed in during the preparation
 * phase, private to the seat until the debrief scores it.
 */
export class WorksheetPanel implements Part {
  readonly element = h("section");
  private rows = new Map<string, Row>();
  private readonly reservation = h("input", { type: "number", min: 0, max: 100, step: 1 });
  private readonly theirReservation = h("input", { type: "number", min: 0, max: 100, step: 1 });
  private readonly state = h("p", { class: "muted", role: "status" });
  private readonly error = errorArea();
  private shown: Worksheet | undefined;

  constructor(
    private readonly table: Table,
    scenario: Scenario,
  ) {
    const team = table.team ?? "";
    const other = scenario.teams.find((t) => t.id !== team)?.id ?? "";
    const [us, them] = [teamName(scenario, team), teamName(scenario, other)];
    const body = h("tbody");
    for (const issue of scenario.issues) {
      const row: Row = {
        ours: select(RATINGS, "", {
          "aria-label": t("table:worksheet.matters", { issue: issue.label, team: us }),
        }),
        theirs: select(RATINGS, "", {
          "aria-label": t("table:worksheet.matters", { issue: issue.label, team: them }),
        }),
        prediction: select(
          [["", "—"], ...issue.levels.map((l, i): [string, string] => [String(i), l.label])],
          "",
          { "aria-label": t("table:worksheet.predicted", { issue: issue.label }) },
        ),
      };
      this.rows.set(issue.id, row);
      body.append(
        h(
          "tr",
          {},
          h("th", {}, issue.label),
          h("td", {}, row.ours),
          h("td", {}, row.theirs),
          h("td", {}, row.prediction),
        ),
      );
    }
    this.reservation.setAttribute("aria-label", t("table:worksheet.ourLineLabel", { team: us }));
    this.theirReservation.setAttribute(
      "aria-label",
      t("table:worksheet.theirLineLabel", { team: them }),
    );
    const submit = h(
      "button",
      { class: "primary", "data-intent": "worksheet/submit", onclick: () => void this.submit() },
      t("table:worksheet.handIn"),
    );
    fill(
      this.element,
      h("h2", {}, t("table:worksheet.title")),
      h("p", { class: "muted" }, t("table:worksheet.intro", { them })),
      h(
        "div",
        { class: "scroll" },
        h(
          "table",
          { class: "worksheet" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, t("table:worksheet.issue")),
              h("th", {}, t("table:worksheet.to", { team: us })),
              h("th", {}, t("table:worksheet.to", { team: them })),
              h("th", {}, t("table:worksheet.predict")),
            ),
          ),
          body,
        ),
      ),
      h("label", {}, t("table:worksheet.ourLine", { team: us }), " ", this.reservation),
      h("label", {}, t("table:worksheet.theirLine", { team: them }), " ", this.theirReservation),
      h("div", { class: "row" }, submit),
      this.state,
      this.error,
    );
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    const seat = known.view.seat;
    const own =
      seat.kind === "team" ? known.view.worksheets[`${seat.team}:${seat.role}`] : undefined;
    this.state.textContent = own
      ? t("table:worksheet.handedIn")
      : known.view.phase === "preparation"
        ? t("table:worksheet.notYet")
        : t("table:worksheet.later");
    if (own && own !== this.shown) this.show(own);
    this.shown = own;
  }

  /** Puts a worksheet's answers in the form. */
  private show(worksheet: Worksheet): void {
    for (const [id, row] of this.rows) {
      row.ours.value = String(worksheet.priorities[id] ?? "");
      row.theirs.value = String(worksheet.theirPriorities[id] ?? "");
      row.prediction.value = String(worksheet.prediction[id] ?? "");
    }
    this.reservation.value = String(worksheet.reservation ?? "");
    this.theirReservation.value = String(worksheet.theirReservation ?? "");
  }

  /** The form's answers, leaving out what was not answered. */
  private read(): Worksheet {
    const pick = (control: (row: Row) => HTMLSelectElement) =>
      Object.fromEntries(
        [...this.rows].flatMap(([id, row]) => {
          const value = control(row).value;
          return value === "" ? [] : [[id, Number(value)]];
        }),
      );
    const number = (input: HTMLInputElement) =>
      input.value === "" ? undefined : Number(input.value);
    return {
      priorities: pick((r) => r.ours),
      theirPriorities: pick((r) => r.theirs),
      prediction: pick((r) => r.prediction),
      reservation: number(this.reservation),
      theirReservation: number(this.theirReservation),
    };
  }

  private async submit(): Promise<void> {
    await this.table.act({ type: "worksheet/submit", worksheet: this.read() }, this.error);
  }
}

/** Who has handed in a worksheet, for the facilitator (observers learn nothing before the debrief). */
export class WorksheetRoster implements Part {
  readonly element = h("section");

  render(known: Known, _legal: readonly LegalAction[]): void {
    const { scenario, view } = known;
    if (view.seat.kind !== "facilitator") {
      fill(this.element, h("p", {}, t("table:worksheet.private")));
      return;
    }
    fill(
      this.element,
      h("h2", {}, t("table:worksheet.roster")),
      h(
        "ul",
        {},
        ...scenario.teams.flatMap((team) =>
          seatedRoles(known, team.id).map((role) =>
            h(
              "li",
              {},
              t("table:worksheet.rosterEntry", {
                team: team.name,
                role: role.title,
                done: `${team.id}:${role.id}` in view.worksheets ? "yes" : "no",
              }),
            ),
          ),
        ),
      ),
    );
  }
}
