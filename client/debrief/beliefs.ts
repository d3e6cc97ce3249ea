import {
  type BeliefReport,
  type BeliefScore,
  beliefReport,
  debriefQuestions,
  disagreement,
  type Estimate,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { teamName } from "../describe.ts";
import { h } from "../dom.ts";
import { roleTitle } from "../table/brief.ts";

const figure = (value: number | undefined) => (value === undefined ? "—" : String(value));
const guess = (e: Estimate | undefined) => (e ? `${e.estimate} → ${e.actual}` : "—");

/** A belief table's columns: a heading and the figure it shows of a score. */
type Column = readonly [string, (s: BeliefScore) => string];

const READING_OTHERS: readonly Column[] = [
  ["Their priorities", (s) => figure(s.theirPriorities)],
  ["Their floor", (s) => guess(s.theirReservation)],
  ["Prediction", (s) => (s.prediction === undefined ? "—" : `${s.prediction}%`)],
];
const KNOWING_YOURS: readonly Column[] = [
  ["Own priorities", (s) => figure(s.ownPriorities)],
  ["Own floor", (s) => guess(s.reservation)],
];

type Report = { readonly beliefs: BeliefReport; readonly questions: readonly string[] };
const reports = new WeakMap<Known["view"], Report>();

/**
 * The belief scores and the questions of a finished table, from its view: worked out once per view
 * (the no-deal point plays a whole match), however many sections and sheets show them.
 */
function report(known: Known): Report {
  const { scenario, view } = known;
  let found = reports.get(view);
  if (!found) {
    const noDeal = disagreement(scenario, view);
    const beliefs = beliefReport(scenario, view.worksheets, noDeal, view.levels);
    found = { beliefs, questions: debriefQuestions(scenario, view, noDeal, beliefs) };
    reports.set(view, found);
  }
  return found;
}

/**
 * How well each team read the other (DESIGN: the debrief scores the worksheets): per team and per
 * seat, the rank correlation of estimated against true priorities (1 is perfect), both bottom lines
 * against the true no-deal values, and how close the predicted outcome came.
 */
export function beliefsSection(known: Known): HTMLElement {
  const { scenario, view } = known;
  const { beliefs } = report(known);
  const seats = Object.entries(beliefs.seats);
  /** Each team's mean, then its seats' rows, in the given columns. */
  const table = (caption: string, columns: readonly Column[]) =>
    h(
      "table",
      { class: "grid" },
      h("caption", { class: "muted" }, caption),
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, "Who"), ...columns.map(([title]) => h("th", {}, title))),
      ),
      h(
        "tbody",
        {},
        ...scenario.teams
          .flatMap((team) => [
            [h("strong", {}, teamName(scenario, team.id)), beliefs.teams[team.id] ?? {}] as const,
            ...seats
              .filter(([key]) => key.startsWith(`${team.id}:`))
              .map(([key, score]) => [`· ${roleTitle(scenario, key)}`, score] as const),
          ])
          .map(([who, score]) =>
            h("tr", {}, h("td", {}, who), ...columns.map(([, show]) => h("td", {}, show(score)))),
          ),
      ),
    );
  return h(
    "section",
    { class: "beliefs" },
    h("h2", {}, "How well you read each other"),
    ...(seats.length === 0
      ? [h("p", { class: "muted" }, "No worksheet was handed in at this table.")]
      : [
          table("Reading the other side", READING_OTHERS),
          table("Knowing your own side", KNOWING_YOURS),
        ]),
    h(
      "p",
      { class: "muted" },
      "Priorities: rank correlation of the 1–5 ratings with the briefs' true weights (1 perfect, 0 no better than chance). Floors: the bottom line guessed → the true value of no deal, on each brief's 0–100 scale. Prediction: how close the predicted levels came to those in force at the end.",
    ),
    constituencyTable(known, view.scores ?? {}),
  );
}

/** How each team's constituencies fared: a wild card's score. */
function constituencyTable(known: Known, scores: NonNullable<Known["view"]["scores"]>): Node {
  const { scenario } = known;
  const holder = (id: string) =>
    scenario.teams.flatMap((t) => t.roles).find((r) => r.constituency === id)?.title;
  const rows = scenario.teams.flatMap((team) =>
    Object.entries(scores[team.id]?.constituencies ?? {}).map(([id, score]) => {
      const constituency = scenario.constituencies.find((c) => c.id === id);
      return h(
        "tr",
        {},
        h("td", {}, teamName(scenario, team.id)),
        h("td", {}, constituency?.label ?? id),
        h("td", {}, holder(id) ?? "—"),
        h("td", {}, String(score)),
      );
    }),
  );
  return h(
    "table",
    { class: "grid" },
    h(
      "caption",
      { class: "muted" },
      "Constituencies: 100 less their mean pressure over the rounds (a wild card's score)",
    ),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["Team", "Constituency", "Wild-card role", "Score"].map((c) => h("th", {}, c)),
      ),
    ),
    h("tbody", {}, ...rows),
  );
}

/** The questions to discuss, written from this table's match. */
export function questionsSection(known: Known): HTMLElement {
  return h(
    "section",
    { class: "questions" },
    h("h2", {}, "Questions for your debrief"),
    h("ol", {}, ...report(known).questions.map((q) => h("li", {}, q))),
  );
}
