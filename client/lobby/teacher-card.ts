import {
  BOT_STRATEGIES,
  CLASS_PLANS,
  type ClassPlan,
  loadScenarioText,
  MAX_IMPLEMENTATION_ROUNDS,
  MAX_ROUNDS,
  MIN_ROUNDS,
  matchSeconds,
  type Scenario,
  type TimelineRow,
  type TimelineScenario,
  type TimelineSettings,
  timeline,
  timelineRows,
  translate,
  untranslated,
} from "../../shared/index.ts";
import { api, type FacilitatorSession } from "../app.ts";
import { strategyName } from "../describe.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { hasText, language, t } from "../i18n.ts";
import type { Lobby, Team } from "./lobby.ts";

/** A scenario the server offers for a new session. */
type ScenarioInfo = TimelineScenario & {
  id: string;
  title: string;
  summary: string;
  teams: Team[];
};

/** A class plan's name in the page's language (by its id; the plan's own English otherwise). */
const planTitle = (plan: ClassPlan) =>
  hasText(`lobby:plans.${plan.id}`) ? t(`lobby:plans.${plan.id}`) : plan.title;

/** A timeline row's phases ("news 0:20, caucus 2:00", "worksheets, preparation") in the page's language. */
const phasesText = (detail: string) =>
  detail
    .split(", ")
    .map((part) => {
      if (part === "worksheets") return t("lobby:timeline.worksheets");
      const [, phase, time] = /^([a-z]+)(?: (\d+:\d\d))?$/.exec(part) ?? [];
      if (!phase || !hasText(`common:phase.${phase}`)) return part;
      const name = t(`common:phase.${phase}`);
      return time ? t("lobby:timeline.phaseTime", { phase: name, time }) : name;
    })
    .join(t("lobby:timeline.separator"));

/**
 * A timeline row (`shared/plans.ts` writes them in English) in the page's language, by its kind:
 * the introduction, the preparation, the debrief, or a round (its label is the scenario's).
 */
function rowText(row: TimelineRow, kind: "introduction" | "preparation" | "debrief" | "round") {
  const minutes = /^(-?\d+) minutes$/.exec(row.detail)?.[1];
  if (kind === "introduction")
    return [t("lobby:timeline.introduction"), t("lobby:timeline.introductionDetail")];
  if (kind === "debrief")
    return [
      t("lobby:timeline.debrief"),
      minutes ? t("lobby:timeline.debriefDetail", { minutes }) : row.detail,
    ];
  const title = kind === "preparation" ? t("lobby:timeline.preparation") : row.title;
  return [title, phasesText(row.detail)];
}

/** A session's timeline, as the lobby shows it before the session starts. */
export function timelineList(
  scenario: TimelineScenario,
  settings: TimelineSettings,
  plan?: ClassPlan,
): HTMLElement {
  const total = matchSeconds(timeline(scenario, settings));
  const rows = timelineRows(scenario, settings, plan);
  const intro = (plan?.introMinutes ?? 0) > 0;
  const kind = (i: number) =>
    intro && i === 0
      ? "introduction"
      : settings.preparation && i === (intro ? 1 : 0)
        ? "preparation"
        : plan?.minutes !== undefined && i === rows.length - 1
          ? "debrief"
          : "round";
  return h(
    "div",
    { class: "timeline", "aria-label": t("lobby:timeline.label") },
    h(
      "h3",
      {},
      plan ? t("lobby:timeline.titlePlan", { plan: planTitle(plan) }) : t("lobby:timeline.title"),
    ),
    h(
      "ol",
      {},
      ...rows.map((row, i) => {
        const [title, detail] = rowText(row, kind(i));
        return h("li", {}, row.at && `${row.at} `, h("strong", {}, title), ` — ${detail}`);
      }),
    ),
    h(
      "p",
      { class: "muted" },
      settings.timed
        ? t("lobby:timeline.timed", { minutes: Math.round(total / 60) })
        : t("lobby:timeline.untimed"),
    ),
  );
}

/** What a teacher is told of a scenario whose text lacks Chinese: how many fields Chinese pages read in English. */
function missingChinese(scenario: Scenario): string[] {
  const count = untranslated(scenario, "zh").length;
  return count ? [t("common:untranslated", { count })] : [];
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
    [
      ["", t("lobby:teacher.ownSettings")],
      ...CLASS_PLANS.map((p): [string, string] => [p.id, planTitle(p)]),
    ],
    "",
  );
  const rounds = h("input", { type: "number", min: MIN_ROUNDS, max: MAX_ROUNDS, value: 4 });
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
  const botTeam = select([["", t("lobby:teacher.botsNobody")]], "");
  const botStrategy = select(
    BOT_STRATEGIES.map((s) => [s, strategyName(s)]),
    "linear",
  );
  const own = h("div");
  const implementation = h("p", { class: "muted" });
  const shownTimeline = h("div");
  let scenarios: ScenarioInfo[] = [];
  const error = errorArea();
  const chosen = () => CLASS_PLANS.find((p) => p.id === plan.value);
  /** The teacher's own scenario file, once read; the server checks it when the session is created. */
  let ownScenario: ScenarioInfo | undefined;
  const pickedScenario = () => ownScenario ?? scenarios.find((s) => s.id === scenario.value);
  /** The scenario whose rounds the Rounds field was last set to. */
  let roundsOf: ScenarioInfo | undefined;
  /** The settings the card would create the session with: the plan's, or the teacher's own. */
  const settings = (): TimelineSettings => {
    const classPlan = chosen();
    if (classPlan) {
      // A plan's settings only: its title is not the session's.
      const { rounds, implementationRounds, timed, preparation, phaseSeconds } = classPlan;
      return { rounds, implementationRounds, timed, preparation, phaseSeconds };
    }
    const tableSeconds = Number(minutes.value) * 60;
    return {
      rounds: Number(rounds.value),
      implementationRounds: Math.min(
        pickedScenario()?.implementation.length ?? 2,
        MAX_IMPLEMENTATION_ROUNDS,
      ),
      timed: timed.checked,
      preparation: preparation.checked,
      phaseSeconds: timed.checked
        ? { caucus: Math.round(tableSeconds / 2), table: tableSeconds }
        : {},
    };
  };
  const update = () => {
    own.hidden = chosen() !== undefined;
    const current = pickedScenario();
    // A newly picked scenario plays all its rounds unless the teacher says otherwise.
    if (current && current !== roundsOf)
      rounds.value = String(Math.min(current.rounds.length, MAX_ROUNDS));
    roundsOf = current;
    const info = current && translate(current, language());
    const bots = botTeam.value;
    fill(
      botTeam,
      h("option", { value: "" }, t("lobby:teacher.botsNobody")),
      ...(info?.teams ?? []).map((team) =>
        h("option", { value: team.id }, t("lobby:teacher.botsTeam", { team: team.name })),
      ),
    );
    botTeam.value = info?.teams.some((team) => team.id === bots) ? bots : "";
    fill(shownTimeline, info && timelineList(info, settings(), chosen()));
    implementation.textContent = t("lobby:teacher.implementation", {
      count: settings().implementationRounds,
    });
  };
  for (const control of [plan, rounds, timed, preparation, minutes, scenario])
    for (const event of ["change", "input"]) control.addEventListener(event, update);
  void api<ScenarioInfo[]>("/api/scenarios").then((list) => {
    scenarios = list.map((s) => translate(s, language()));
    fill(scenario, ...scenarios.map((s) => h("option", { value: s.id }, s.title)));
    update();
  });
  const bots = () =>
    (pickedScenario()?.teams.find((t) => t.id === botTeam.value)?.roles ?? [])
      .filter((role) => role.constituency === undefined)
      .map((role) => ({ team: botTeam.value, role: role.id, strategy: botStrategy.value }));
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
        ? [
            t("lobby:teacher.fileUsing", { title: translate(loaded.value, language()).title }),
            ...missingChinese(loaded.value),
          ].join(" ")
        : t("lobby:teacher.fileInvalid", {
            file: chosen?.name,
            errors: loaded.errors.slice(0, 20).join("\n"),
          });
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
    field(t("lobby:teacher.rounds"), rounds),
    implementation,
    h("label", {}, timed, " ", t("lobby:teacher.timed")),
    field(t("lobby:teacher.minutes"), minutes),
    h("label", {}, preparation, " ", t("lobby:teacher.preparation")),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "teacher-title" },
    h("h2", { id: "teacher-title" }, t("lobby:teacher.title")),
    existing &&
      h(
        "p",
        {},
        t("lobby:teacher.existing", { code: existing.code }),
        h("button", { onclick: () => lobby.start("FacilitatorScene") }, t("lobby:teacher.reopen")),
      ),
    h("p", {}, h("a", { href: "#/guide" }, t("lobby:teacher.guide"))),
    field(t("lobby:teacher.scenario"), scenario),
    field(t("lobby:teacher.file"), file),
    fileState,
    field(t("lobby:teacher.plan"), plan),
    own,
    shownTimeline,
    field(t("lobby:teacher.tables"), tables),
    h("label", {}, wildCards, " ", t("lobby:teacher.wildCards")),
    h("label", {}, listed, " ", t("lobby:teacher.listed")),
    field(t("lobby:teacher.seatsPerClient"), seatsPerClient),
    h(
      "div",
      { class: "row" },
      field(t("lobby:teacher.botsPlay"), botTeam),
      field(t("lobby:teacher.botStrategy"), botStrategy),
    ),
    h("button", { class: "primary", onclick: create }, t("lobby:teacher.create")),
    error,
  );
}

/** A new session's join code, large, for the class to copy, and the way to its console. */
export function sessionCard(lobby: Lobby, session: FacilitatorSession): HTMLElement {
  return h(
    "section",
    { class: "card", tabindex: -1, "aria-labelledby": "session-title" },
    h("p", { id: "session-title" }, t("lobby:session.joinCode")),
    h(
      "p",
      {
        class: "code",
        "aria-label": t("lobby:session.codeLabel", { code: session.code.split("").join(" ") }),
      },
      session.code,
    ),
    h("p", { class: "muted" }, t("lobby:session.key")),
    h(
      "button",
      { class: "primary", onclick: () => lobby.start("FacilitatorScene") },
      t("lobby:session.open"),
    ),
  );
}
