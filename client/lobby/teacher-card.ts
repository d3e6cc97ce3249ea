import { BOT_STRATEGIES } from "../../shared/index.ts";
import { api, type FacilitatorSession } from "../app.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import type { Lobby, Team } from "./lobby.ts";

/** A scenario the server offers for a new session. */
type ScenarioInfo = { id: string; title: string; summary: string; rounds: number; teams: Team[] };

/**
 * The card where a teacher sets up a session (scenario, rounds, tables, timing, bots) and creates
 * it; `created` shows the new session. `existing` is a session this browser already runs.
 */
export function teacherCard(
  lobby: Lobby,
  existing: FacilitatorSession | undefined,
  created: (session: FacilitatorSession) => void,
): HTMLElement {
  const scenario = h("select");
  const rounds = h("input", { type: "number", min: 2, max: 12, value: 4 });
  const tables = h("input", { type: "number", min: 1, max: 40, value: 1 });
  const timed = h("input", { type: "checkbox", style: "width:auto" });
  const minutes = h("input", { type: "number", min: 1, max: 60, value: 5 });
  const listed = h("input", { type: "checkbox", style: "width:auto" });
  const seatsPerClient = h("input", {
    type: "number",
    min: 0,
    max: 200,
    value: 0,
  });
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
  void api<ScenarioInfo[]>("/api/scenarios").then((list) => {
    scenarios = list;
    fill(scenario, ...list.map((s) => h("option", { value: s.id }, s.title)));
  });
  const bots = () =>
    (
      scenarios.find((s) => s.id === scenario.value)?.teams.find((t) => t.id === botTeam.value)
        ?.roles ?? []
    ).map((role) => ({ team: botTeam.value, role: role.id, strategy: botStrategy.value }));
  const create = async () => {
    error.textContent = "";
    const tableMinutes = Number(minutes.value) * 60;
    try {
      const session = await api<FacilitatorSession>("/api/sessions", {
        method: "POST",
        body: JSON.stringify({
          scenarioId: scenario.value,
          rounds: Number(rounds.value),
          tables: Number(tables.value),
          timed: timed.checked,
          listed: listed.checked,
          seatsPerClient: Number(seatsPerClient.value),
          bots: bots(),
          phaseSeconds: timed.checked
            ? { caucus: Math.round(tableMinutes / 2), table: tableMinutes }
            : {},
        }),
      });
      lobby.app.saveFacilitatorSession(session);
      created(session);
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
        h("button", { onclick: () => lobby.start("FacilitatorScene") }, "Reopen the console"),
      ),
    field("Scenario", scenario),
    h("div", { class: "row" }, field("Rounds", rounds), field("Tables", tables)),
    h("label", {}, timed, " Timed phases"),
    field("Minutes at the table per round", minutes),
    h("label", {}, listed, " List the tables in the public lobby"),
    field("Places one device or network may take (0: no limit)", seatsPerClient),
    h("div", { class: "row" }, field("Bots play", botTeam), field("Bot strategy", botStrategy)),
    h("button", { class: "primary", onclick: create }, "Create session"),
    error,
  );
}

/** A new session's join code, large, for the class to copy, and the way to its console. */
export function sessionCard(lobby: Lobby, session: FacilitatorSession): HTMLElement {
  return h(
    "section",
    { class: "card", tabindex: -1, "aria-labelledby": "session-title" },
    h("p", { id: "session-title" }, "Join code for your class:"),
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
      { class: "primary", onclick: () => lobby.start("FacilitatorScene") },
      "Open the facilitator console",
    ),
  );
}
