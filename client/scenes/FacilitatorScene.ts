import {
  BOT_STRATEGIES,
  type BotStrategy,
  meanPressure,
  type Scenario,
  type View,
} from "../../shared/index.ts";
import { Connection, type FacilitatorSession } from "../app.ts";
import type { Known } from "../board.ts";
import { plotLine } from "../charts.ts";
import { levelLabel } from "../describe.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { COLORS, Screen, teamColor, textStyle } from "./Screen.ts";

type Table = {
  readonly matchId: string;
  readonly table: number;
  readonly connection: Connection;
  known?: Known;
};

/** The facilitator's console: every table of the class at a glance, and the controls of each. */
export class FacilitatorScene extends Screen {
  private session!: FacilitatorSession;
  private tables: Table[] = [];
  private selected = 0;
  private controls!: HTMLElement;

  constructor() {
    super("FacilitatorScene");
  }

  async create(): Promise<void> {
    this.show("console", "Facilitator console");
    const session = this.app.facilitatorSession();
    if (!session) {
      this.scene.start("LobbyScene");
      return;
    }
    this.session = session;
    location.hash = "#/console";
    this.controls = h("div");
    this.ui.append(
      h("h1", { style: "font-size:1.3rem" }, "Facilitator console"),
      h(
        "p",
        {},
        "Join code: ",
        h("span", { class: "code", style: "font-size:1.6rem" }, session.code),
      ),
      this.controls,
    );
    this.onResize(() => this.draw());
    this.time.addEvent({ delay: 1000, loop: true, callback: () => this.draw() });
    this.tables = await Promise.all(
      session.matches.map(async (m) => ({
        ...m,
        connection: await Connection.join(this.app.client, m.matchId, {
          facilitatorSecret: session.facilitatorSecret,
        }),
      })),
    );
    for (const table of this.tables)
      table.connection.subscribe((known) => {
        table.known = known;
        this.draw();
        this.renderControls();
      });
    this.events.once("shutdown", () => undefined);
  }

  private draw(): void {
    this.children.removeAll();
    const { width, height } = this.scale;
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    const count = Math.max(1, this.tables.length);
    const columns = Math.ceil(Math.sqrt(count));
    const rows = Math.ceil(count / columns);
    const pad = 16;
    const w = (width - pad * (columns + 1)) / columns;
    const hgt = (height - pad * (rows + 1)) / rows;
    const size = Math.max(11, Math.min(22, w / 22));
    this.tables.forEach((table, i) => {
      const x = pad + (i % columns) * (w + pad);
      const y = pad + Math.floor(i / columns) * (hgt + pad);
      g.fillStyle(0x172234).fillRoundedRect(x, y, w, hgt, 12);
      g.lineStyle(
        i === this.selected ? 4 : 1,
        i === this.selected ? COLORS.gold : COLORS.line,
      ).strokeRoundedRect(x, y, w, hgt, 12);
      const known = table.known;
      this.add.text(x + 12, y + 10, `Table ${table.table}`, textStyle(size * 1.2));
      if (!known?.decoded) return;
      const { view, scenario, decoded } = known;
      const ms = decoded.paused
        ? decoded.remainingMs
        : decoded.deadlineAt
          ? decoded.deadlineAt - Date.now()
          : -1;
      const clock =
        ms >= 0
          ? ` · ${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, "0")}`
          : "";
      this.add.text(
        x + 12,
        y + 12 + size * 1.5,
        `Round ${view.round}/${view.rounds} · ${view.phase}${view.paused ? " · paused" : ""}${clock}`,
        textStyle(size, "#a9b3c4"),
      );
      const deals = view.agreements.filter((a) => a.status !== "snapped-back").length;
      this.add.text(
        x + 12,
        y + 14 + size * 2.8,
        `${deals} agreement${deals === 1 ? "" : "s"} · ${view.proposals.filter((p) => p.status === "open").length} open · market ${view.market.index.toFixed(1)}`,
        textStyle(size),
      );
      this.drawPressure(g, x + 12, y + 20 + size * 4.3, w - 24, size, view, scenario);
      const moved = scenario.issues.filter((i) => view.levels[i.id] !== i.start);
      const lines = moved.map(
        (i) => `${i.label}: ${levelLabel(scenario, i.id, view.levels[i.id])}`,
      );
      this.add
        .text(
          x + 12,
          y + 26 + size * 7.5,
          lines.length ? lines.join("\n") : "No issue has moved yet.",
          textStyle(size * 0.75, "#a9b3c4"),
        )
        .setWordWrapWidth(w - 24)
        .setMaxLines(Math.max(1, Math.floor((hgt * 0.62 - size * 7.5) / (size * 0.95))));
      plotLine(
        g,
        { x: x + 12, y: y + hgt * 0.7 - 12, w: w - 24, h: hgt * 0.3 },
        [...view.market.history, view.market.index],
        COLORS.sky,
      );
    });
  }

  private drawPressure(
    g: Phaser.GameObjects.Graphics,
    x: number,
    y: number,
    w: number,
    size: number,
    view: View,
    scenario: Scenario,
  ): void {
    scenario.teams.forEach((team, k) => {
      const meters = view.teams[team.id]?.private?.meters ?? {};
      const pressure = meanPressure(meters);
      const by = y + k * size * 1.5;
      this.add.text(x, by, `${team.name} pressure`, textStyle(size * 0.8));
      g.fillStyle(COLORS.line).fillRect(x + w * 0.5, by + 2, w * 0.45, size);
      g.fillStyle(teamColor(team.id)).fillRect(
        x + w * 0.5,
        by + 2,
        (w * 0.45 * pressure) / 100,
        size,
      );
    });
  }

  private renderControls(): void {
    const table = this.tables[this.selected];
    const known = table?.known;
    if (!table || !known) return;
    const { view, scenario } = known;
    const error = errorArea();
    const act = async (intent: Parameters<Connection["send"]>[0]) => {
      error.textContent = "";
      const result = await table.connection.send(intent);
      if (!result.ok) error.textContent = result.message;
    };
    const picker = select(
      this.tables.map((t, i) => [String(i), `Table ${t.table}`]),
      String(this.selected),
      {
        onchange: (e: Event) => {
          this.selected = Number((e.target as HTMLSelectElement).value);
          this.renderControls();
          this.draw();
        },
      },
    );
    const event = select(scenario.events.map((e) => [e.id, e.title]));
    const title = h("input", { maxlength: 120 });
    const market = h("input", { type: "number", min: -50, max: 50, step: 0.1, value: 0 });
    const ended = view.phase === "ended";
    const focus = document.activeElement?.id;
    fill(
      this.controls,
      field("Table", picker),
      h(
        "p",
        {},
        `Round ${view.round} of ${view.rounds}, ${view.phase}${view.paused ? ", paused" : ""}.`,
      ),
      h(
        "div",
        {},
        view.phase === "setup" &&
          h(
            "button",
            { class: "primary", id: "start", onclick: () => act({ type: "match/start" }) },
            "Start the match",
          ),
        !ended &&
          view.phase !== "setup" &&
          h(
            "button",
            { class: "primary", id: "advance", onclick: () => act({ type: "phase/advance" }) },
            "Advance phase",
          ),
        !ended &&
          view.phase !== "setup" &&
          (view.paused
            ? h("button", { onclick: () => act({ type: "match/resume" }) }, "Resume")
            : h("button", { onclick: () => act({ type: "match/pause" }) }, "Pause")),
        !ended &&
          view.phase !== "setup" &&
          h(
            "button",
            { onclick: () => act({ type: "phase/extend", seconds: 60 }) },
            "Extend 1 minute",
          ),
        !ended &&
          h(
            "button",
            {
              class: "danger",
              onclick: () =>
                confirm("End this match now and score it?") && act({ type: "match/end" }),
            },
            "End match",
          ),
        h(
          "button",
          { onclick: () => this.scene.start("TableScene", { source: table.connection }) },
          "Open this table",
        ),
        ended &&
          h(
            "button",
            {
              class: "primary",
              onclick: () =>
                this.scene.start("DebriefScene", {
                  connections: this.tables.map((t) => t.connection),
                }),
            },
            "Class debrief",
          ),
      ),
      error,
      !ended &&
        view.phase !== "setup" &&
        h(
          "section",
          { class: "item" },
          h("h2", {}, "Inject an event"),
          field("From the deck", event),
          h(
            "button",
            { onclick: () => act({ type: "event/inject", eventId: event.value }) },
            "Inject",
          ),
          field("Or write one: headline", title),
          field("Market move (%)", market),
          h(
            "button",
            {
              onclick: () =>
                title.value.trim() &&
                act({
                  type: "event/inject-custom",
                  event: {
                    title: title.value.trim(),
                    text: "",
                    effects: { market: Number(market.value), threats: [] },
                  },
                }),
            },
            "Inject custom event",
          ),
        ),
      this.seatsSection(table, known),
      h(
        "section",
        { class: "item" },
        h("h2", {}, "Both teams"),
        ...scenario.teams.map((team) => {
          const own = view.teams[team.id]?.private;
          return h(
            "div",
            {},
            h("h3", {}, `${team.name} · capital ${own?.capital.toFixed(0)}`),
            h(
              "ul",
              {},
              ...scenario.constituencies
                .filter((c) => c.team === team.id)
                .map((c) => h("li", {}, `${c.label}: ${own?.meters[c.id]?.toFixed(0)}`)),
            ),
          );
        }),
      ),
      h(
        "p",
        {},
        h(
          "a",
          {
            href: `/api/matches/${table.matchId}/log`,
            onclick: (e: Event) => this.download(e, table.matchId),
          },
          "Download this table's log",
        ),
      ),
    );
    if (focus) document.getElementById(focus)?.focus();
  }

  /** Who sits where at a table, and the controls that give seats to bots and back. */
  private seatsSection(table: Table, known: Known): HTMLElement {
    const { scenario, decoded } = known;
    const error = errorArea();
    const send = async (control: Parameters<Connection["seatControl"]>[0]) => {
      const result = await table.connection.seatControl(control);
      error.textContent = result.ok ? "" : result.message;
    };
    const rows = scenario.teams.flatMap((team) =>
      team.roles.map((role) => {
        const seat = decoded?.seats[`${team.id}:${role.id}`];
        const who = seat
          ? `${seat.name}${seat.bot ? "" : seat.connected ? "" : " (away)"}`
          : "empty";
        const strategy = select(
          BOT_STRATEGIES.map((s) => [s, s]),
          "linear",
          { "aria-label": `Bot strategy for ${team.name} ${role.title}` },
        );
        const control = seat?.bot
          ? h(
              "button",
              { onclick: () => send({ type: "seat/human", team: team.id, role: role.id }) },
              "Take back from the bot",
            )
          : !seat?.connected &&
            h(
              "span",
              {},
              strategy,
              h(
                "button",
                {
                  onclick: () =>
                    send({
                      type: "seat/bot",
                      team: team.id,
                      role: role.id,
                      strategy: strategy.value as BotStrategy,
                      compliance: 0.8,
                    }),
                },
                "Give to a bot",
              ),
            );
        return h("li", { class: "item" }, `${team.name} — ${role.title}: ${who} `, control);
      }),
    );
    return h(
      "section",
      { class: "item" },
      h("h2", {}, "Seats"),
      h("ul", { class: "plain" }, ...rows),
      error,
    );
  }

  /** Downloads a log with the facilitator key (a plain link cannot send it). */
  private async download(event: Event, matchId: string): Promise<void> {
    event.preventDefault();
    const response = await fetch(`/api/matches/${matchId}/log`, {
      headers: { authorization: `Bearer ${this.session.facilitatorSecret}` },
    });
    const url = URL.createObjectURL(await response.blob());
    h("a", { href: url, download: `trade-truce-${matchId}.json` }).click();
    URL.revokeObjectURL(url);
  }
}
