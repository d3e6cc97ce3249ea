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
import { seatTitle } from "../table/brief.ts";
import { beliefsSection, questionsSection } from "./beliefs.ts";

/** What the debrief's buttons do. */
export type DebriefActions = {
  readonly csv: () => void;
  readonly png: () => void;
  readonly print: () => void;
  readonly lobby: () => void;
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
    h("caption", { class: "muted" }, "Scores and their parts"),
    ["Team", "Utility", "Pres\u00adsure", "Red lines", "Summit", "Prom\u00adises", "Total"],
    Object.entries(view.scores ?? {}).map(([team, s]) => [
      teamName(scenario, team),
      s.utility,
      s.pressure,
      s.redLinesCrossed,
      s.summitBonus,
      s.compliance,
      h("strong", {}, s.total),
    ]),
  );
}

/** A table's levels at the end beside the real outcome's (and a fork's parent's, at its end). */
export function dealTable({ view, scenario }: Known, parent?: View): HTMLTableElement {
  return grid(
    undefined,
    ["Issue", "Your table", ...(parent ? ["Parent match"] : []), scenario.reference.label],
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
  const signed = (n: number) => `${n >= 0 ? "+" : ""}${Math.round(n * 10) / 10}`;
  return h(
    "section",
    { "aria-labelledby": "fork-compare" },
    h("h2", { id: "fork-compare" }, "What if: this match beside its parent"),
    h(
      "p",
      {},
      `This match was played on from entry ${fork.at} of match ${fork.matchId} (round ${opening.round}, ${opening.phase}); the parent match went on to its own end. Their totals:`,
    ),
    grid(
      undefined,
      ["Team", "This match", "Parent match", "Difference"],
      scenario.teams.map((t) => {
        const here = view.scores?.[t.id]?.total ?? 0;
        const there = parent.scores?.[t.id]?.total ?? 0;
        return [t.name, here, there, signed(here - there)];
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
    h("h1", { style: "font-size:1.3rem" }, "Debrief"),
    scoresTable(known),
    h(
      "p",
      { class: "muted" },
      `Total: the brief's utility of the levels in force, averaged over every round; less pressure over the rounds ×${scenario.scoring.pressureWeight}; less ${scenario.scoring.redLinePenalty} per red line crossed by what the team signed or endorsed; plus the summit bonus for an endorsed agreement; less breaches and missed deliveries.`,
    ),
    frontier.length > 0 &&
      h(
        "p",
        {},
        `Distance of your deal from the frontier: ${distanceToFrontier(frontier, matchPoint(scenario, view))} utility points (0 means no value was left on the table). Points on the chart are the scores' utility part: a deal reached late sits inside the frontier because the rounds before it count too. The frontier, Nash and Kalai are deals in force from the first round; "no deal" is this match played with no agreement, threats firing on their dates.`,
      ),
    lineage && forkSection(known, lineage),
    questionsSection(known),
    beliefsSection(known),
    h(
      "h2",
      {},
      lineage ? "Your deal, the parent match's and the real one" : "Your deal and the real one",
    ),
    dealTable(known, lineage?.parent),
    h("p", { class: "muted" }, scenario.reference.notes),
    ...Object.entries(view.briefs).map(([team, brief]) =>
      h(
        "section",
        { class: `item ${sideClass(scenario, team)}` },
        h("h2", {}, `Brief of ${teamName(scenario, team)}`),
        h("p", {}, brief.summary),
        h("p", {}, brief.constituencies),
      ),
    ),
    ...Object.entries(view.roleBriefs).map(([key, brief]) =>
      h("p", {}, h("strong", {}, `${seatTitle(scenario, key)}: `), brief.summary),
    ),
    h("button", { class: "primary", onclick: actions.print }, "Print the handout"),
    h("button", { onclick: actions.csv }, "Download the scores (CSV)"),
    h("button", { onclick: actions.png }, "Download the charts (PNG)"),
    h("button", { onclick: actions.lobby }, "Back to the lobby"),
  ].filter((node): node is HTMLElement => node instanceof Node);
}
