import {
  distanceToFrontier,
  type ForkPoint,
  matchPoint,
  paretoFrontier,
  type View,
} from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { levelLabel, sideClass, teamName } from "../describe.ts";
import { h } from "../dom.ts";
import { hasText, t } from "../i18n.ts";
import { seatTitle } from "../table/brief.ts";
import { beliefsSection, numeral, questionsSection } from "./beliefs.ts";

/** What the debrief's buttons do. */
export type DebriefActions = {
  readonly csv: () => void;
  readonly png: () => void;
  readonly print: () => void;
  readonly lobby: () => void;
  /** Back to the console, for the facilitator of the session. */
  readonly console?: () => void;
};

/** A table of the `grid` style: a header row, then a row of cells per entry. */
function grid(
  caption: HTMLElement | undefined,
  head: readonly string[],
  rows: readonly (readonly (string | number | Node)[])[],
): HTMLTableElement {
  return h(
    "table",
    { class: "grid" },
    caption,
    h("thead", {}, h("tr", {}, ...head.map((cell) => h("th", {}, cell)))),
    h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((cell) => h("td", {}, cell))))),
  );
}

/** A table's scores and the parts they are made of. */
export function scoresTable({ view, scenario }: Known): HTMLTableElement {
  return grid(
    h("caption", { class: "muted" }, t("debrief:panel.scoresCaption")),
    ["team", "utility", "pressure", "redLines", "summit", "promises", "total"].map((c) =>
      t(`debrief:panel.scoresHead.${c}`),
    ),
    Object.entries(view.scores ?? {}).map(([team, s]) => [
      teamName(scenario, team),
      numeral(s.utility),
      numeral(s.pressure),
      numeral(s.redLinesCrossed),
      numeral(s.summitBonus),
      numeral(s.compliance),
      h("strong", {}, numeral(s.total)),
    ]),
  );
}

/** A table's levels at the end beside the real outcome's (and a fork's parent's, at its end). */
export function dealTable({ view, scenario }: Known, parent?: View): HTMLTableElement {
  return grid(
    undefined,
    [
      t("debrief:panel.dealHead.issue"),
      t("debrief:panel.dealHead.yourTable"),
      ...(parent ? [t("debrief:panel.dealHead.parentMatch")] : []),
      scenario.reference.label,
    ],
    scenario.issues.map((i) => [
      i.label,
      levelLabel(scenario, i.id, view.levels[i.id]),
      ...(parent ? [levelLabel(scenario, i.id, parent.levels[i.id])] : []),
      levelLabel(scenario, i.id, scenario.reference.levels[i.id]),
    ]),
  );
}

/** A fork's parent: where the fork branched off, and the parent's view at its own end. */
export type Lineage = {
  readonly fork: ForkPoint;
  /** The round and phase the fork opened in. */
  readonly opening: { readonly round: number; readonly phase: string };
  readonly parent: View;
};

/** What a fork's debrief says of its parent: where it branched off, and each team's score in both. */
function forkSection({ view, scenario }: Known, { fork, opening, parent }: Lineage): HTMLElement {
  const signed = (n: number) => `${n >= 0 ? "+" : ""}${numeral(Math.round(n * 10) / 10)}`;
  const phase = `common:phase.${opening.phase}`;
  return h(
    "section",
    { "aria-labelledby": "fork-compare" },
    h("h2", { id: "fork-compare" }, t("debrief:panel.fork.heading")),
    h(
      "p",
      {},
      t("debrief:panel.fork.intro", {
        entry: fork.at,
        matchId: fork.matchId,
        round: opening.round,
        phase: hasText(phase) ? t(phase) : opening.phase,
      }),
    ),
    grid(
      undefined,
      ["team", "thisMatch", "parentMatch", "difference"].map((c) =>
        t(`debrief:panel.fork.head.${c}`),
      ),
      scenario.teams.map((team) => {
        const here = view.scores?.[team.id]?.total ?? 0;
        const there = parent.scores?.[team.id]?.total ?? 0;
        return [team.name, numeral(here), numeral(there), signed(here - there)];
      }),
    ),
  );
}

/**
 * The debrief's panel, for the first table: the scores and their parts, the deal against the real
 * one, both briefs revealed, and the downloads.
 */
export function debriefPanel(known: Known, actions: DebriefActions, lineage?: Lineage): Node[] {
  const { view, scenario } = known;
  const frontier = Object.keys(view.briefs).length >= 2 ? paretoFrontier(scenario) : [];
  return [
    h("h1", { style: "font-size:1.3rem" }, t("debrief:panel.title")),
    scoresTable(known),
    h(
      "p",
      { class: "muted" },
      t("debrief:panel.totalExplained", {
        weight: numeral(scenario.scoring.pressureWeight),
        penalty: numeral(scenario.scoring.redLinePenalty),
      }),
    ),
    frontier.length > 0 &&
      h(
        "p",
        {},
        t("debrief:panel.distance", {
          distance: numeral(distanceToFrontier(frontier, matchPoint(scenario, view))),
        }),
      ),
    lineage && forkSection(known, lineage),
    questionsSection(known),
    beliefsSection(known),
    h("h2", {}, t(lineage ? "debrief:panel.dealHeadingFork" : "debrief:panel.dealHeading")),
    dealTable(known, lineage?.parent),
    h("p", { class: "muted" }, scenario.reference.notes),
    ...Object.entries(view.briefs).map(([team, brief]) =>
      h(
        "section",
        { class: `item ${sideClass(scenario, team)}` },
        h("h2", {}, t("debrief:panel.briefOf", { team: teamName(scenario, team) })),
        h("p", {}, brief.summary),
        h("p", {}, brief.constituencies),
      ),
    ),
    ...Object.entries(view.roleBriefs).map(([key, brief]) =>
      h(
        "p",
        {},
        h("strong", {}, t("debrief:panel.roleBrief", { seat: seatTitle(scenario, key) })),
        brief.summary,
      ),
    ),
    h("button", { class: "primary", onclick: actions.print }, t("debrief:panel.buttons.print")),
    h("button", { onclick: actions.csv }, t("debrief:panel.buttons.csv")),
    h("button", { onclick: actions.png }, t("debrief:panel.buttons.png")),
    actions.console &&
      h("button", { onclick: actions.console }, t("debrief:panel.buttons.console")),
    h("button", { onclick: actions.lobby }, t("debrief:panel.buttons.lobby")),
  ].filter((node): node is HTMLElement => node instanceof Node);
}
