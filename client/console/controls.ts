import { dueInstalments, type Intent, lastRound, legalCommands } from "../../shared/index.ts";
import type { Connection } from "../app.ts";
import type { Known } from "../board.ts";
import { teamName } from "../describe.ts";
import { errorArea, field, fill, h, plain, select } from "../dom.ts";
import { briefSheet, printSheets, worksheetSheet } from "../print.ts";
import { can, seatedRoles } from "../table/part.ts";
import { SeatsSection } from "./seats.ts";

/** How long a confirmation stays under the console's buttons. */
const CONFIRMATION_MS = 8000;

/** Where the console's buttons lead: into the table, the class debrief, and the log download. */
export type ConsoleNavigation = {
  open(): void;
  debrief(): void;
  download(): Promise<void>;
};

/**
 * The controls of one table, built once and updated in place on every state, so a half-typed
 * headline, a picked event and the focus survive; each offered only when the rules allow it.
 */
export class TableControls {
  readonly element = h("div");
  private readonly where = h("p", { id: "console-status" });
  private readonly due = h("p", { class: "error", role: "status" });
  private readonly done = h("p", { class: "confirm", role: "status" });
  private readonly error = errorArea();
  private readonly actions = h("div");
  private readonly inject = h("section", { class: "item" });
  private readonly teams = h("section", { class: "item", "aria-label": "Both teams" });
  private readonly seats: SeatsSection;
  private readonly debrief: HTMLButtonElement;
  private readonly title = h("input", { maxlength: 120 });
  private built = false;
  private known: Known | undefined;

  constructor(
    private readonly connection: Connection,
    nav: ConsoleNavigation,
  ) {
    this.seats = new SeatsSection(connection);
    const button = (intent: Intent, label: string, confirmation: string, style = "") =>
      h(
        "button",
        {
          "data-intent": intent.type,
          class: style || undefined,
          onclick: () => void this.act(intent, confirmation),
        },
        label,
      );
    this.debrief = h("button", { class: "primary", onclick: nav.debrief }, "Class debrief");
    this.actions.append(
      button({ type: "match/start" }, "Start the match", "The match has started.", "primary"),
      button({ type: "phase/advance" }, "Advance phase", "Moved on to the next phase.", "primary"),
      button({ type: "match/pause" }, "Pause", "Paused: only chat and drafts until you resume."),
      button({ type: "match/resume" }, "Resume", "Resumed."),
      button(
        { type: "phase/extend", seconds: 60 },
        "Extend 1 minute",
        "This phase has one more minute.",
      ),
      h(
        "button",
        {
          "data-intent": "match/end",
          class: "danger",
          onclick: () =>
            confirm("End this match now and score it?") &&
            void this.act({ type: "match/end" }, "The match is over and scored."),
        },
        "End match",
      ),
      h("button", { onclick: nav.open }, "Open this table"),
      this.debrief,
      h("button", { onclick: () => this.print(false) }, "Print briefs and worksheets"),
      h("button", { onclick: () => this.print(true) }, "… with the domestic roles"),
      h("a", { href: "#/guide", class: "button" }, "Teacher's guide"),
    );
    fill(
      this.element,
      this.where,
      this.due,
      this.actions,
      this.done,
      this.error,
      this.inject,
      this.teams,
      this.seats.element,
      h(
        "p",
        {},
        h(
          "a",
          {
            href: `/api/matches/${connection.matchId}/log`,
            onclick: (e: Event) => {
              e.preventDefault();
              void nav.download();
            },
          },
          "Download this table's log",
        ),
      ),
    );
  }

  /** Prints every seat's brief and blank worksheet (the domestic roles' too, if asked), a page each. */
  private print(wildCards: boolean): void {
    const known = this.known;
    if (!known) return;
    const keys = known.scenario.teams.flatMap((team) =>
      team.roles
        .filter((role) => wildCards || role.constituency === undefined)
        .map((role) => `${team.id}:${role.id}`),
    );
    void printSheets(
      "Briefs and worksheets",
      keys.flatMap((key) => [briefSheet(known, key), worksheetSheet(known, key)]),
    );
  }

  render(known: Known): void {
    this.known = known;
    const { view, decoded } = known;
    if (!this.built) this.buildInject(known);
    this.built = true;
    const legal = legalCommands(known.scenario, view);
    const due = view.phase === "resolution" ? dueInstalments(view) : [];
    this.due.textContent = due.length
      ? `Due this round and not yet delivered: ${due
          .map(
            ({ commitment: c, instalment: i }) =>
              `${teamName(known.scenario, c.by)}, ${known.scenario.issues.find((x) => x.id === c.issue)?.label} ${c.instalments[i]?.amount} (${c.id})`,
          )
          .join(
            "; ",
          )}. Advancing the phase now records ${due.length === 1 ? "it" : "them"} as missed.`
      : "";
    this.where.textContent = `Round ${view.round} of ${lastRound(view)} (summit in round ${view.rounds}), ${view.phase}${view.paused ? ", paused" : ""}${decoded?.timed ? "" : " · untimed"}.`;
    for (const b of this.element.querySelectorAll<HTMLButtonElement>("button[data-intent]"))
      b.hidden =
        !can(legal, b.dataset.intent) || (b.dataset.intent === "phase/extend" && !decoded?.timed);
    this.inject.hidden = !can(legal, "event/inject-custom");
    this.debrief.hidden = view.phase !== "ended";
    this.renderTeams(known);
    this.seats.render(known);
  }

  private buildInject(known: Known): void {
    const event = select(known.scenario.events.map((e) => [e.id, e.title]));
    const market = h("input", { type: "number", min: -50, max: 50, step: 0.1, value: 0 });
    const injected = (title: string) => `Injected “${title}”: every seat sees it in the news.`;
    fill(
      this.inject,
      h("h2", {}, "Inject an event"),
      field("From the deck", event),
      h(
        "button",
        {
          onclick: () =>
            void this.act(
              { type: "event/inject", eventId: event.value },
              injected(event.selectedOptions[0]?.textContent ?? ""),
            ),
        },
        "Inject",
      ),
      field("Or write one: headline", this.title),
      field("Market move (%)", market),
      h(
        "button",
        {
          onclick: async () => {
            const title = this.title.value.trim();
            if (!title) return;
            const intent: Intent = {
              type: "event/inject-custom",
              event: { title, text: "", effects: { market: Number(market.value), threats: [] } },
            };
            if (await this.act(intent, injected(title))) {
              this.title.value = "";
              market.value = "0";
            }
          },
        },
        "Inject custom event",
      ),
    );
  }

  /** Each team's readiness, who is here or away, capital and pressure. */
  private renderTeams(known: Known): void {
    const { view, scenario, decoded } = known;
    fill(
      this.teams,
      h("h2", {}, "Both teams"),
      ...scenario.teams.map((team) => {
        const own = view.teams[team.id]?.private;
        const people = seatedRoles(known, team.id).map((role) => {
          const held = decoded?.seats[`${team.id}:${role.id}`];
          if (!held) return `${role.title}: empty`;
          if (held.bot) return `${role.title}: ${held.name}`;
          return `${held.name} (${role.title}): ${held.connected ? "here" : "away"}`;
        });
        return h(
          "div",
          { "data-team": team.id },
          h(
            "h3",
            {},
            `${team.name} · ${view.teams[team.id]?.ready ? "ready ✓" : "not ready"} · capital ${own?.capital.toFixed(0)}`,
          ),
          h("p", {}, people.join(" · ")),
          h(
            "ul",
            {},
            ...scenario.constituencies
              .filter((c) => c.team === team.id)
              .map((c) => h("li", {}, `${c.label}: ${own?.meters[c.id]?.toFixed(0)}`)),
          ),
        );
      }),
    );
  }

  private async act(intent: Intent, confirmation: string): Promise<boolean> {
    this.error.textContent = "";
    this.done.textContent = "";
    const result = await this.connection.send(intent);
    if (result.ok) {
      this.done.textContent = confirmation;
      setTimeout(() => {
        if (this.done.textContent === confirmation) this.done.textContent = "";
      }, CONFIRMATION_MS);
    } else this.error.textContent = plain(result.message);
    return result.ok;
  }
}
