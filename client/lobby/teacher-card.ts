import {
  BOT_STRATEGIES,
  CLASS_PLANS,
  type ClassPlan,
  loadScenarioText,
  matchSeconds,
  type TimelineScenario,
  type TimelineSettings,
  timeline,
  timelineRows,
} from "../../shared/index.ts";
import { api, type FacilitatorSession } from "../app.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import type { Lobby, Team } from "./lobby.ts";

/** A scenario the server offers for a new session. */
type ScenarioInfo = TimelineScenario & {
  id: string;
  title: string;
  summary: string;
  teams: Team[];
};

/** A session's timeline, as the lobby shows it before the session starts. */
export function timelineList(
  scenario: TimelineScenario,
  settings: TimelineSettings,
  plan?: ClassPlan,
): HTMLElement {
  const total = matchSeconds(timeline(scenario, settings));
  return h(
    "div",
    { class: "timeline", "aria-label": "Timeline of the session" },
    h("h3", {}, plan ? `Timeline: ${plan.title}` : "Timeline"),
    h(
      "ol",
      {},
      ...timelineRows(scenario, settings, plan).map((row) =>
        h("li", {}, row.at && `${row.at} `, h("strong", {}, row.title), ` — ${row.detail}`),
      ),
    ),
    h(
      "p",
      { class: "muted" },
      settings.timed
        ? `The match runs ${Math.round(total / 60)} minutes; the clock moves each phase on, and you can pause, extend or advance it.`
        : "Untimed: each phase ends when both teams mark themselves ready, or when you advance it from the console — a session can run over several days.",
    ),
  );
}

/**
 * The card where a teacher sets up a session (a class plan or their own settings, tables, bots,
 * domestic roles) and sees its timeline before creating it; `created` shows the new session.
 * `existing` is a session this browser already runs.
 */
export function teacherCard(
  lobby: Lobby,
  existing: FacilitatorSession | undefined,
  created: (session: FacilitatorSession) => void,
): HTMLElement {
  const scenario = h("select");
  const plan = select(
    [["", "My own settings"], ...CLASS_PLANS.map((p): [string, string] => [p.id, p.title])],
    "",
  );
  const rounds = h("input", { type: "number", min: 2, max: 12, value: 4 });
  const tables = h("input", { type: "number", min: 1, max: 40, value: 1 });
  const timed = h("input", { type: "checkbox", style: "width:auto" });
  const preparation = h("input", { type: "checkbox", style: "width:auto" });
  const wildCards = h("input", { type: "checkbox", style: "width:auto" });
  const minutes = h("input", { type: "number", min: 1, max: 60, value: 5 });
  const listed = h("input", { type: "checkbox", style: "width:auto" });
  const seatsPerClient = h("input", {
    type: "number",
    min: 0,
    max: 200,
    value: 0,
  });
  const botTeam = select([["", "nobody: people in every seat"]], "");
  const botStrategy = select(
    BOT_STRATEGIES.map((s) => [s, s]),
    "linear",
  );
  const own = h("div");
  const shownTimeline = h("div");
  let scenarios: ScenarioInfo[] = [];
  const error = errorArea();
  const chosen = () => CLASS_PLANS.find((p) => p.id === plan.value);
  /** The settings the card would create the session with: the plan's, or the teacher's own. */
  const settings = (): TimelineSettings => {
    const picked = chosen();
    if (picked) return picked;
    const tableSeconds = Number(minutes.value) * 60;
    return {
      rounds: Number(rounds.value),
      implementationRounds: 2,
      timed: timed.checked,
      preparation: preparation.checked,
      phaseSeconds: timed.checked
        ? { caucus: Math.round(tableSeconds / 2), table: tableSeconds }
        : {},
    };
  };
  const update = () => {
    own.hidden = chosen() !== undefined;
    const info = ownScenario ?? scenarios.find((s) => s.id === scenario.value);
    const bots = botTeam.value;
    fill(
      botTeam,
      h("option", { value: "" }, "nobody: people in every seat"),
      ...(info?.teams ?? []).map((t) => h("option", { value: t.id }, `the ${t.name} team`)),
    );
    botTeam.value = info?.teams.some((t) => t.id === bots) ? bots : "";
    fill(shownTimeline, info && timelineList(info, settings(), chosen()));
  };
  for (const control of [plan, rounds, timed, preparation, minutes, scenario])
    for (const event of ["change", "input"]) control.addEventListener(event, update);
  void api<ScenarioInfo[]>("/api/scenarios").then((list) => {
    scenarios = list;
    fill(scenario, ...list.map((s) => h("option", { value: s.id }, s.title)));
    update();
  });
  const bots = () =>
    (
      (ownScenario ?? scenarios.find((s) => s.id === scenario.value))?.teams.find(
        (t) => t.id === botTeam.value,
      )?.roles ?? []
    )
      .filter((role) => role.constituency === undefined)
      .map((role) => ({ team: botTeam.value, role: role.id, strategy: botStrategy.value }));
  /** The teacher's own scenario file, once read; the server checks it when the session is created. */
  let ownScenario: ScenarioInfo | undefined;
  const file = h("input", { type: "file", accept: ".json,application/json" });
  const fileState = h("p", { class: "muted", role: "status" });
  file.addEventListener("change", async () => {
    ownScenario = undefined;
    const chosen = file.files?.[0];
    const loaded = chosen && loadScenarioText(await chosen.text());
    if (loaded?.ok) ownScenario = loaded.value;
    fileState.className = loaded?.ok === false ? "error" : "muted";
    fileState.textContent = !loaded
      ? ""
      : loaded.ok
        ? `Using your scenario “${loaded.value.title}”.`
        : `${chosen?.name} is not a valid scenario:\n${loaded.errors.slice(0, 20).join("\n")}`;
    scenario.disabled = ownScenario !== undefined;
    update();
  });
  const create = async () => {
    error.textContent = "";
    const { implementationRounds, ...chosenSettings } = settings();
    try {
      const session = await api<FacilitatorSession>("/api/sessions", {
        method: "POST",
        body: JSON.stringify({
          scenarioId: scenario.value,
          ...(ownScenario && { scenario: ownScenario }),
          ...chosenSettings,
          implementationRounds,
          plan: chosen()?.id,
          tables: Number(tables.value),
          wildCards: wildCards.checked,
          listed: listed.checked,
          seatsPerClient: Number(seatsPerClient.value),
          bots: bots(),
        }),
      });
      lobby.app.saveFacilitatorSession(session);
      created(session);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  };
  fill(
    own,
    field("Rounds", rounds),
    h("label", {}, timed, " Timed phases"),
    field("Minutes at the table per round", minutes),
    h("label", {}, preparation, " Preparation phase with worksheets"),
  );
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
    h(
      "p",
      {},
      h("a", { href: "#/guide" }, "Teacher's guide: plans, briefs, what to watch, the debrief"),
    ),
    field("Scenario", scenario),
    field("Or your own scenario file (JSON, see docs/scenarios.md)", file),
    fileState,
    field("Class plan", plan),
    own,
    shownTimeline,
    field("Tables", tables),
    h(
      "label",
      {},
      wildCards,
      " Domestic wild cards for larger classes: each team's lobbies join its caucus",
    ),
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
