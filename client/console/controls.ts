import { dueInstalments, type Intent, lastRound, legalCommands } from "../../shared/index.ts";
import type { Connection } from "../app.ts";
import type { Known } from "../board.ts";
import { botName, teamName } from "../describe.ts";
import { errorArea, field, fill, h, plain, select } from "../dom.ts";
import { formatFixed, t } from "../i18n.ts";
import { briefSheet, printSheets, worksheetSheet } from "../print.ts";
import { can, seatedRoles } from "../table/part.ts";
import { SeatsSection } from "./seats.ts";

/** A whole number in the page's language, as `toFixed(0)` writes it in English. */
const whole = (value: number | undefined) =>
  value === undefined ? String(value) : formatFixed(value);

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
  private readonly teams = h("section", { class: "item", "aria-label": t("console:teams.title") });
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
    this.debrief = h(
      "button",
      { class: "primary", onclick: nav.debrief },
      t("console:controls.debrief"),
    );
    this.actions.append(
      button(
        { type: "match/start" },
        t("console:controls.start"),
        t("console:controls.started"),
        "primary",
      ),
      button(
        { type: "phase/advance" },
        t("console:controls.advance"),
        t("console:controls.advanced"),
        "primary",
      ),
      button({ type: "match/pause" }, t("console:controls.pause"), t("console:controls.paused")),
      button({ type: "match/resume" }, t("console:controls.resume"), t("console:controls.resumed")),
      button(
        { type: "phase/extend", seconds: 60 },
        t("console:controls.extend"),
        t("console:controls.extended"),
      ),
      h(
        "button",
        {
          "data-intent": "match/end",
          class: "danger",
          onclick: () =>
            confirm(t("console:controls.endConfirm")) &&
            void this.act({ type: "match/end" }, t("console:controls.ended")),
        },
        t("console:controls.end"),
      ),
      h("button", { onclick: nav.open }, t("console:controls.open")),
      this.debrief,
      h("button", { onclick: () => this.print(false) }, t("console:controls.print")),
      h("button", { onclick: () => this.print(true) }, t("console:controls.printWildCards")),
      h("a", { href: "#/guide", class: "button" }, t("console:controls.guide")),
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
          t("console:controls.download"),
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
      t("console:controls.printTitle"),
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
    const list = due
      .map(({ commitment: c, instalment: i }) =>
        t("console:controls.dueItem", {
          team: teamName(known.scenario, c.by),
          issue: String(known.scenario.issues.find((x) => x.id === c.issue)?.label),
          amount: String(c.instalments[i]?.amount),
          id: c.id,
        }),
      )
      .join(t("console:controls.dueSeparator"));
    this.due.textContent = due.length ? t("console:controls.due", { list, count: due.length }) : "";
    this.where.textContent = t("console:controls.status", {
      round: view.round,
      last: lastRound(view),
      summit: view.rounds,
      phase: t(`common:phase.${view.phase}`),
      paused: view.paused ? "yes" : "no",
      timed: decoded?.timed ? "yes" : "no",
    });
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
    const injected = (title: string) => t("console:inject.done", { title });
    fill(
      this.inject,
      h("h2", {}, t("console:inject.title")),
      field(t("console:inject.deck"), event),
      h(
        "button",
        {
          onclick: () =>
            void this.act(
              { type: "event/inject", eventId: event.value },
              injected(event.selectedOptions[0]?.textContent ?? ""),
            ),
        },
        t("console:inject.inject"),
      ),
      field(t("console:inject.headline"), this.title),
      field(t("console:inject.market"), market),
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
        t("console:inject.custom"),
      ),
    );
  }

  /** Each team's readiness, who is here or away, capital and pressure. */
  private renderTeams(known: Known): void {
    const { view, scenario, decoded } = known;
    fill(
      this.teams,
      h("h2", {}, t("console:teams.title")),
      ...scenario.teams.map((team) => {
        const own = view.teams[team.id]?.private;
        const people = seatedRoles(known, team.id).map((role) => {
          const held = decoded?.seats[`${team.id}:${role.id}`];
          if (!held) return t("console:teams.empty", { role: role.title });
          if (held.bot)
            return t("console:teams.bot", { role: role.title, name: botName(held.strategy) });
          return t("console:teams.person", {
            name: held.name,
            role: role.title,
            connected: held.connected ? "yes" : "no",
          });
        });
        return h(
          "div",
          { "data-team": team.id },
          h(
            "h3",
            {},
            t("console:teams.heading", {
              team: team.name,
              ready: view.teams[team.id]?.ready ? "yes" : "no",
              capital: whole(own?.capital),
            }),
          ),
          h("p", {}, people.join(t("console:teams.separator"))),
          h(
            "ul",
            {},
            ...scenario.constituencies
              .filter((c) => c.team === team.id)
              .map((c) =>
                h(
                  "li",
                  {},
                  t("console:teams.meter", { label: c.label, value: whole(own?.meters[c.id]) }),
                ),
              ),
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
