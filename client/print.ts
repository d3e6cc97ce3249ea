import type { Scenario, Worksheet } from "../shared/index.ts";
import type { Known } from "./board.ts";
import { beliefsSection, questionsSection } from "./debrief/beliefs.ts";
import { dealTable, scoresTable } from "./debrief/panel.ts";
import { teamName } from "./describe.ts";
import { h, toast } from "./dom.ts";
import { t } from "./i18n.ts";
import SHEET_STYLES from "./sheets.css?raw";
import { roleBriefElement, seatTitle, teamBriefElement } from "./table/brief.ts";

/**
 * Opens sheets in a page of their own, ready to print (a button, or Ctrl+P), each on a page of
 * paper: the game's page is left as it is, and the teacher can also save the sheets as a PDF. The
 * page opens at once, while the click still allows it; sheets still being made fill it when ready.
 */
export async function printSheets(
  title: string,
  sheets: readonly HTMLElement[] | Promise<readonly HTMLElement[]>,
): Promise<void> {
  const page = window.open("", "_blank");
  if (!page) {
    toast(t("debrief:print.blocked"));
    return;
  }
  const { document: doc } = page;
  doc.title = t("debrief:print.documentTitle", { title });
  doc.head.append(Object.assign(doc.createElement("style"), { textContent: SHEET_STYLES }));
  const print = Object.assign(doc.createElement("button"), {
    textContent: t("debrief:print.print"),
  });
  print.addEventListener("click", () => page.print());
  const toolbar = Object.assign(doc.createElement("p"), { className: "toolbar" });
  toolbar.append(print, t("debrief:print.toolbar"));
  const made = await sheets;
  for (const sheet of made) sheet.classList.add("sheet");
  doc.body.append(toolbar, ...made);
}

/** The sheet header: the scenario, and whose sheet it is. */
const heading = (scenario: Scenario, title: string, who: string) =>
  h(
    "header",
    {},
    h("p", { class: "muted" }, t("debrief:print.sheetBrand", { scenario: scenario.title })),
    h("h1", {}, title),
    h("p", {}, who),
  );

/** A seat's confidential brief, its team's and its role's, on one sheet. */
export function briefSheet(known: Known, key: string): HTMLElement {
  const { scenario, view } = known;
  const team = key.split(":")[0] ?? "";
  const brief = view.briefs[team];
  const role = view.roleBriefs[key];
  return h(
    "article",
    {},
    heading(scenario, t("debrief:print.confidentialBrief"), seatTitle(scenario, key)),
    h("p", {}, scenario.summary),
    role && roleBriefElement(scenario, key, role),
    brief && teamBriefElement(scenario, team, brief),
  );
}

/** A box to write in on paper, or the answer already given. */
const answer = (value: string | number | undefined) =>
  h("span", { class: "box" }, value === undefined ? "" : String(value));

/** A seat's preparation worksheet on paper: blank, or with the answers it handed in. */
export function worksheetSheet(known: Known, key: string): HTMLElement {
  const { scenario, view } = known;
  const team = key.split(":")[0] ?? "";
  const other = scenario.teams.find((t) => t.id !== team)?.id ?? "";
  const given: Worksheet | undefined = view.worksheets[key];
  return h(
    "article",
    {},
    heading(scenario, t("debrief:print.worksheet.title"), seatTitle(scenario, key)),
    h("p", {}, t("debrief:print.worksheet.instructions")),
    h(
      "table",
      { class: "grid" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...[
            t("debrief:print.worksheet.issue"),
            t("debrief:print.worksheet.to", { team: teamName(scenario, team) }),
            t("debrief:print.worksheet.to", { team: teamName(scenario, other) }),
            t("debrief:print.worksheet.predict"),
          ].map((c) => h("th", {}, c)),
        ),
      ),
      h(
        "tbody",
        {},
        ...scenario.issues.map((issue) =>
          h(
            "tr",
            {},
            h("td", {}, issue.label),
            h("td", {}, answer(given?.priorities[issue.id])),
            h("td", {}, answer(given?.theirPriorities[issue.id])),
            h(
              "td",
              {},
              ...issue.levels.map((level, i) =>
                h("div", {}, given?.prediction[issue.id] === i ? "◉ " : "○ ", level.label),
              ),
            ),
          ),
        ),
      ),
    ),
    h(
      "p",
      {},
      t("debrief:print.worksheet.ourBottomLine", { team: teamName(scenario, team) }),
      answer(given?.reservation),
    ),
    h(
      "p",
      {},
      t("debrief:print.worksheet.theirBottomLine", { team: teamName(scenario, other) }),
      answer(given?.theirReservation),
    ),
  );
}

/**
 * A table's debrief handout: the scores, the charts as the debrief drew them, the deal against the
 * real one, how well each team read the other, the questions to discuss, and every worksheet as
 * it was handed in.
 */
export function handoutSheets(known: Known, charts: string | undefined): HTMLElement[] {
  const { scenario, view } = known;
  return [
    h(
      "article",
      {},
      heading(scenario, t("debrief:print.handout.title"), t("debrief:print.handout.scores")),
      scoresTable(known),
      charts &&
        h("img", {
          src: charts,
          alt: t("debrief:print.handout.chartsAlt"),
          class: "charts",
        }),
      dealTable(known),
    ),
    h(
      "article",
      {},
      heading(scenario, t("debrief:print.handout.title"), t("debrief:print.handout.preparation")),
      beliefsSection(known),
      questionsSection(known),
    ),
    ...Object.keys(view.worksheets)
      .sort()
      .map((key) => worksheetSheet(known, key)),
  ];
}
