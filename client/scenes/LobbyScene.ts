import { BOT_STRATEGIES } from "../../shared/index.ts";
import { api, Connection, type FacilitatorSession } from "../app.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { Replay } from "../replay.ts";
import { COLORS, Screen, textStyle } from "./Screen.ts";

type Role = { id: string; title: string; lead: boolean };
type Team = { id: string; name: string; roles: Role[] };
type JoinInfo = {
  title: string;
  scenario: { id: string; title: string; teams: Team[] };
  tables: { matchId: string; table: number; status: string; seatsTaken: string[] }[];
};
type OpenTable = {
  matchId: string;
  title: string;
  phase: string;
  round: number;
  openSeats: string[];
};
type ScenarioInfo = { id: string; title: string; summary: string; rounds: number; teams: Team[] };

/** The lobby: join a table by code, play online, or run a session as a teacher. */
export class LobbyScene extends Screen {
  constructor() {
    super("LobbyScene");
  }

  create(): void {
    this.show("lobby", "Lobby");
    location.hash = "";
    this.drawBackdrop();
    this.onResize(() => this.drawBackdrop());
    const facilitator = this.app.facilitatorSession();
    this.ui.append(
      h(
        "div",
        { style: "width: min(30rem, 100%)" },
        this.joinCard(),
        this.onlineCard(),
        this.teacherCard(facilitator),
        this.replayCard(),
      ),
    );
  }

  private drawBackdrop(): void {
    this.children.removeAll();
    const { width, height } = this.scale;
    const g = this.add.graphics();
    g.fillStyle(COLORS.bg).fillRect(0, 0, width, height);
    g.fillStyle(COLORS.us, 0.35).fillTriangle(0, 0, width * 0.55, 0, 0, height);
    g.fillStyle(COLORS.cn, 0.35).fillTriangle(width, height, width * 0.1, height, width, 0);
    g.fillStyle(0x000000, 0.35).fillRoundedRect(
      width * 0.06,
      height * 0.34,
      width * 0.5,
      height * 0.32,
      24,
    );
    this.add.text(width * 0.08, height * 0.1, "Trade Truce", textStyle(Math.min(96, width / 12)));
    this.add.text(
      width * 0.08,
      height * 0.1 + Math.min(110, width / 10),
      "US–China talks, Kuala Lumpur, October 2025",
      textStyle(Math.min(30, width / 40), "#a9b3c4"),
    );
    const line = this.add.graphics();
    const points = Array.from(
      { length: 40 },
      (_, i) => 0.5 + 0.35 * Math.sin(i / 3) * Math.cos(i / 7),
    );
    let t = 0;
    this.time.addEvent({
      delay: 120,
      loop: true,
      callback: () => {
        t += 1;
        line.clear().lineStyle(4, COLORS.gold, 0.9).beginPath();
        points.forEach((p, i) => {
          const x = width * 0.08 + (i / 39) * width * 0.46;
          const y = height * (0.38 + 0.24 * (1 - (p + 0.08 * Math.sin((i + t) / 4))));
          if (i === 0) line.moveTo(x, y);
          else line.lineTo(x, y);
        });
        line.strokePath();
      },
    });
  }

  private joinCard(): HTMLElement {
    const code = h("input", {
      autocomplete: "off",
      maxlength: 12,
      placeholder: "e.g. K7P2QX",
      "aria-describedby": "code-help",
    });
    const name = h("input", { autocomplete: "nickname", maxlength: 40 });
    const error = errorArea();
    const seats = h("div");
    const find = async () => {
      error.textContent = "";
      try {
        const info = await api<JoinInfo>(`/api/join/${encodeURIComponent(code.value.trim())}`);
        fill(
          seats,
          this.seatPicker(info, code.value.trim(), () => name.value.trim(), error),
        );
      } catch (e) {
        error.textContent = (e as Error).message;
      }
    };
    return h(
      "section",
      { class: "card", "aria-labelledby": "join-title" },
      h("h2", { id: "join-title" }, "Join a table"),
      h("p", { id: "code-help", class: "muted" }, "Your facilitator shows the join code."),
      field("Join code", code),
      field("Your name", name),
      h("button", { class: "primary", onclick: find }, "Find my table"),
      error,
      seats,
    );
  }

  private seatPicker(
    info: JoinInfo,
    code: string,
    name: () => string,
    error: HTMLElement,
  ): HTMLElement {
    const table = select(
      info.tables.map((t) => [
        t.matchId,
        `Table ${t.table}${t.status === "ended" ? " (ended)" : ""}`,
      ]),
    );
    const seat = h("select");
    const refreshSeats = () => {
      const taken = info.tables.find((t) => t.matchId === table.value)?.seatsTaken ?? [];
      fill(
        seat,
        ...info.scenario.teams.flatMap((team) =>
          team.roles.map((role) => {
            const key = `${team.id}:${role.id}`;
            return h(
              "option",
              { value: key, disabled: taken.includes(key) },
              `${team.name} — ${role.title}${role.lead ? " (lead)" : ""}${taken.includes(key) ? " — taken" : ""}`,
            );
          }),
        ),
        h("option", { value: "observer" }, "Observer (press, other students)"),
      );
      seat.value = [...seat.options].find((o) => !o.disabled)?.value ?? "observer";
    };
    table.addEventListener("change", refreshSeats);
    refreshSeats();
    const join = async () => {
      error.textContent = "";
      if (seat.value !== "observer" && !name()) {
        error.textContent = "Type your name first.";
        return;
      }
      const [team, role] = seat.value.split(":");
      const options =
        seat.value === "observer"
          ? { code, observer: true, name: name() }
          : { code, name: name(), team, role };
      try {
        const connection = await Connection.join(this.app.client, table.value, options);
        this.scene.start("TableScene", { source: connection });
      } catch (e) {
        error.textContent = (e as Error).message.replace(/^[a-z]+\/[a-z-]+: /, "");
      }
    };
    return h(
      "div",
      {},
      h("h3", {}, info.title),
      field("Table", table),
      field("Seat", seat),
      h("button", { class: "primary", onclick: join }, "Join"),
    );
  }

  private onlineCard(): HTMLElement {
    const name = h("input", { autocomplete: "nickname", maxlength: 40 });
    const list = h("ul", { class: "plain", "aria-live": "polite" });
    const error = errorArea();
    const play = async (matchId: string, team: string, role: string) => {
      if (!name.value.trim()) {
        error.textContent = "Type your name first.";
        return;
      }
      try {
        const connection = await Connection.join(this.app.client, matchId, {
          name: name.value.trim(),
          team,
          role,
        });
        this.scene.start("TableScene", { source: connection });
      } catch (e) {
        error.textContent = (e as Error).message.replace(/^[a-z]+\/[a-z-]+: /, "");
      }
    };
    const refresh = async () => {
      const { tables } = await api<{ tables: OpenTable[] }>("/api/tables");
      fill(
        list,
        ...(tables.length
          ? tables.map((t) =>
              h(
                "li",
                { class: "item" },
                `${t.title} — ${t.phase === "setup" ? "waiting to start" : `round ${t.round}, ${t.phase}`}`,
                h(
                  "div",
                  {},
                  ...t.openSeats.map((s) =>
                    h(
                      "button",
                      { onclick: () => play(t.matchId, ...(s.split(":") as [string, string])) },
                      `Sit as ${s.replace(":", " ")}`,
                    ),
                  ),
                ),
              ),
            )
          : [
              h(
                "li",
                { class: "muted" },
                "No open tables right now: press Quick match to start one.",
              ),
            ]),
      );
    };
    const quick = async () => {
      error.textContent = "";
      if (!name.value.trim()) {
        error.textContent = "Type your name first.";
        return;
      }
      try {
        const seat = await api<{ matchId: string; team: string; role: string }>("/api/quick", {
          method: "POST",
          body: JSON.stringify({ name: name.value.trim() }),
        });
        await play(seat.matchId, seat.team, seat.role);
      } catch (e) {
        error.textContent = (e as Error).message;
      }
    };
    void refresh();
    return h(
      "section",
      { class: "card", "aria-labelledby": "online-title" },
      h("h2", { id: "online-title" }, "Play online"),
      field("Your name", name),
      h("button", { class: "primary", onclick: quick }, "Quick match"),
      h("button", { onclick: refresh }, "Refresh open tables"),
      error,
      list,
    );
  }

  private teacherCard(existing: FacilitatorSession | undefined): HTMLElement {
    const scenario = h("select");
    const rounds = h("input", { type: "number", min: 2, max: 12, value: 4 });
    const tables = h("input", { type: "number", min: 1, max: 40, value: 1 });
    const timed = h("input", { type: "checkbox", style: "width:auto" });
    const minutes = h("input", { type: "number", min: 1, max: 60, value: 5 });
    const listed = h("input", { type: "checkbox", style: "width:auto" });
    const botTeam = select(
      [
        ["", "nobody: people in every seat"],
        ["us", "the United States team"],
        ["cn", "the China team"],
      ],
      "",
    );
    const botStrategy = select(
      BOT_STRATEGIES.map((s) => [s, s]),
      "linear",
    );
    let scenarios: ScenarioInfo[] = [];
    const error = errorArea();
    const result = h("div");
    void api<ScenarioInfo[]>("/api/scenarios").then((list) => {
      scenarios = list;
      fill(scenario, ...list.map((s) => h("option", { value: s.id }, s.title)));
    });
    const bots = () =>
      (
        scenarios.find((s) => s.id === scenario.value)?.teams.find((t) => t.id === botTeam.value)
          ?.roles ?? []
      ).map((role) => ({
        team: botTeam.value,
        role: role.id,
        strategy: botStrategy.value,
      }));
    const create = async () => {
      error.textContent = "";
      const tableMinutes = Number(minutes.value) * 60;
      try {
        const created = await api<FacilitatorSession>("/api/sessions", {
          method: "POST",
          body: JSON.stringify({
            scenarioId: scenario.value,
            rounds: Number(rounds.value),
            tables: Number(tables.value),
            timed: timed.checked,
            listed: listed.checked,
            bots: bots(),
            phaseSeconds: timed.checked
              ? { caucus: Math.round(tableMinutes / 2), table: tableMinutes }
              : {},
          }),
        });
        this.app.saveFacilitatorSession(created);
        fill(result, this.sessionCreated(created));
      } catch (e) {
        error.textContent = (e as Error).message;
      }
    };
    return h(
      "section",
      { class: "card", "aria-labelledby": "teacher-title" },
      h("h2", { id: "teacher-title" }, "Run a session"),
      existing &&
        h(
          "p",
          {},
          `Your session ${existing.code} is open. `,
          h(
            "button",
            { onclick: () => this.scene.start("FacilitatorScene") },
            "Reopen the console",
          ),
        ),
      field("Scenario", scenario),
      h("div", { class: "row" }, field("Rounds", rounds), field("Tables", tables)),
      h("label", {}, timed, " Timed phases"),
      field("Minutes at the table per round", minutes),
      h("label", {}, listed, " List the tables in the public lobby"),
      h("div", { class: "row" }, field("Bots play", botTeam), field("Bot strategy", botStrategy)),
      h("button", { class: "primary", onclick: create }, "Create session"),
      error,
      result,
    );
  }

  /** Opens a match log from a file (picker or drop) or from the server, refusing a bad one with its reason. */
  private replayCard(): HTMLElement {
    const error = errorArea();
    const open = (text: string, matchId?: string) => {
      const opened = Replay.open(text, matchId);
      if (opened.ok) this.scene.start("TableScene", { source: opened.replay });
      else error.textContent = `This log cannot be replayed. ${opened.error}`;
    };
    const file = h("input", {
      type: "file",
      accept: ".json,application/json",
      onchange: async (e: Event) => {
        const chosen = (e.target as HTMLInputElement).files?.[0];
        if (chosen) open(await chosen.text());
      },
    });
    const zone = h("div", { class: "dropzone" }, "…or drop a log file here");
    zone.addEventListener("dragover", (e) => e.preventDefault());
    zone.addEventListener("drop", async (e) => {
      e.preventDefault();
      const dropped = (e as DragEvent).dataTransfer?.files[0];
      if (dropped) open(await dropped.text());
    });
    const session = this.app.facilitatorSession();
    const stored = session?.matches.map((m) =>
      h(
        "button",
        {
          onclick: async () => {
            try {
              open(await this.app.fetchLog(m.matchId), m.matchId);
            } catch (e) {
              error.textContent = (e as Error).message;
            }
          },
        },
        `Replay table ${m.table}`,
      ),
    );
    return h(
      "section",
      { class: "card", "aria-labelledby": "replay-title" },
      h("h2", { id: "replay-title" }, "Replay a match"),
      field("Match log file", file),
      zone,
      stored?.length ? h("p", {}, `From your session ${session?.code}: `, ...stored) : undefined,
      error,
    );
  }

  private sessionCreated(session: FacilitatorSession): HTMLElement {
    return h(
      "div",
      { class: "item" },
      h("p", {}, "Join code for your class:"),
      h(
        "p",
        { class: "code", "aria-label": `Join code ${session.code.split("").join(" ")}` },
        session.code,
      ),
      h(
        "p",
        { class: "muted" },
        "This browser keeps your facilitator key; keep it open or come back to it.",
      ),
      h(
        "button",
        { class: "primary", onclick: () => this.scene.start("FacilitatorScene") },
        "Open the facilitator console",
      ),
    );
  }
}
