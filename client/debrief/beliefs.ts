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
import { formatNumber, t } from "../i18n.ts";
import { localizeQuestion } from "../localize.ts";
import { roleTitle } from "../table/brief.ts";

/** A number as the page's language writes it (never "-0"). */
export const numeral = (n: number) => formatNumber(n + 0);

const figure = (value: number | undefined) => (value === undefined ? "—" : numeral(value));
const guess = (e: Estimate | undefined) =>
  e ? `${numeral(e.estimate)} → ${numeral(e.actual)}` : "—";

/** A belief table's columns: a heading's key and the figure it shows of a score. */
type Column = readonly [string, (s: BeliefScore) => string];

const READING_OTHERS: readonly Column[] = [
  ["theirPriorities", (s) => figure(s.theirPriorities)],
  ["theirFloor", (s) => guess(s.theirReservation)],
  ["prediction", (s) => (s.prediction === undefined ? "—" : `${numeral(s.prediction)}%`)],
];
const KNOWING_YOURS: readonly Column[] = [
  ["ownPriorities", (s) => figure(s.ownPriorities)],
  ["ownFloor", (s) => guess(s.reservation)],
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
    const questions = debriefQuestions(scenario, view, noDeal, beliefs);
    found = { beliefs, questions: questions.map((q) => localizeQuestion(q, scenario)) };
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
        h(
          "tr",
          {},
          h("th", {}, t("debrief:beliefs.who")),
          ...columns.map(([key]) => h("th", {}, t(`debrief:beliefs.columns.${key}`))),
        ),
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
    h("h2", {}, t("debrief:beliefs.heading")),
    ...(seats.length === 0
      ? [h("p", { class: "muted" }, t("debrief:beliefs.none"))]
      : [
          table(t("debrief:beliefs.readingOthers"), READING_OTHERS),
          table(t("debrief:beliefs.knowingYours"), KNOWING_YOURS),
        ]),
    h("p", { class: "muted" }, t("debrief:beliefs.explained")),
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
        h("td", {}, numeral(score)),
      );
    }),
  );
  return h(
    "table",
    { class: "grid" },
    h("caption", { class: "muted" }, t("debrief:beliefs.constituencies.caption")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["team", "constituency", "wildCard", "score"].map((c) =>
          h("th", {}, t(`debrief:beliefs.constituencies.${c}`)),
        ),
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
    h("h2", {}, t("debrief:beliefs.questions")),
    h("ol", {}, ...report(known).questions.map((q) => h("li", {}, q))),
  );
}
