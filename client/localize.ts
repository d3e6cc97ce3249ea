import {
  type EventValues,
  type GameEvent,
  type Question,
  type Scenario,
  translate,
  type View,
} from "../shared/index.ts";
import type { Known } from "./board.ts";
import { strategyName, teamName } from "./describe.ts";
import { hasText, language, t } from "./i18n.ts";

/**
 * What a seat knows, in the page's language: the scenario's text and the view's (briefs, role
 * briefs, the news of the scenario's events) from their translations; what people typed as typed.
 */
export function localizeKnown(known: Known): Known {
  const locale = language();
  if (locale === "en") return known;
  const scenario = translate(known.scenario, locale);
  const view: View = translate(known.view, locale);
  const news = view.news.map((item) => {
    const event = scenario.events.find((e) => e.id === item.eventId);
    return event ? { ...item, title: event.title, text: event.text, date: event.date } : item;
  });
  // A threat in force keeps the date its scenario gave it, in English: read it in the page's language.
  const dates = new Map(
    [...known.scenario.scheduled, ...known.scenario.events.flatMap((e) => e.effects.threats)].map(
      (threat) => [threat.date, threat[locale]?.date],
    ),
  );
  const threats = view.threats.map((threat) => {
    const date = threat.date && dates.get(threat.date);
    return date ? { ...threat, date } : threat;
  });
  return { ...known, scenario, view: { ...view, news, threats } };
}

/** What an event's message reads of the scenario: names, labels and the news. */
type EventScenario = Pick<Scenario, "teams" | "issues" | "events">;

/**
 * An event as the page's language tells it, from the values it was written from (`events:<type>`
 * in the locale files); the server's English where it has none. `scenario` is in the page's language.
 */
export function localizeEvent(event: GameEvent, scenario: EventScenario): GameEvent {
  const key = `events:${event.type}`;
  if (!event.values || !hasText(key)) return event;
  return { ...event, text: t(key, displayValues(event.values, scenario)) };
}

/**
 * A debrief question as the page's language asks it (`debrief:questions.<kind>`), from the values it
 * was written from and the scenario in that language.
 */
export function localizeQuestion(question: Question, scenario: Scenario): string {
  const { label: reference, date } = scenario.reference;
  return t(`debrief:questions.${question.kind}`, {
    ...displayValues(question.values, scenario),
    reference,
    date,
  });
}

/** An issue's level label, or the level itself. */
const levelOf = (scenario: EventScenario, issue: unknown, level: unknown) =>
  scenario.issues.find((i) => i.id === issue)?.levels[Number(level)]?.label ?? level;

/** An event's values as its message shows them: names and labels for ids. */
function displayValues(values: EventValues, scenario: EventScenario) {
  const {
    team,
    other,
    issue: issueId,
    level,
    issue2,
    level2,
    phase,
    role,
    event,
    strategy,
  } = values;
  const issue = scenario.issues.find((i) => i.id === issueId);
  const roleTitle = scenario.teams.find((t) => t.id === team)?.roles.find((r) => r.id === role);
  return {
    ...values,
    ...(team !== undefined && { team: teamName(scenario, String(team)) }),
    ...(other !== undefined && { other: teamName(scenario, String(other)) }),
    ...(issue && { issue: issue.label, unit: issue.delivery?.unit ?? "" }),
    ...(issue && level !== undefined && { level: levelOf(scenario, issueId, level) }),
    ...(issue2 !== undefined && {
      issue2: scenario.issues.find((i) => i.id === issue2)?.label ?? issue2,
      level2: levelOf(scenario, issue2, level2),
    }),
    ...(phase !== undefined && { phase: t(`common:phase.${phase}`) }),
    ...(role !== undefined && { role: roleTitle?.title ?? role }),
    ...(strategy !== undefined && { strategy: strategyName(String(strategy)) }),
    ...(event !== undefined && {
      title: scenario.events.find((e) => e.id === event)?.title ?? event,
    }),
  };
}
