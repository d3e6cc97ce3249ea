import { nextRandom } from "../rng.ts";
import type { Effects, NewsEvent, Scenario } from "../scenario/schema.ts";
import { type MatchState, threatRound } from "../state.ts";
import { done, findIssue, type GameEvent, PLAYING, type Rule, refuse } from "./kit.ts";
import { moveMarket } from "./market.ts";
import { addShocks } from "./pressure.ts";
import { moveTrust } from "./trust.ts";

/** Applies an event's effects: market, trust, constituency shocks and threats with effective rounds. */
export function applyEffects(
  scenario: Scenario,
  state: MatchState,
  effects: Effects,
  source: string,
): MatchState {
  let next = moveTrust(moveMarket(state, effects.market ?? 0), effects.trust ?? 0);
  next = addShocks(scenario, next, effects.shocks ?? {});
  for (const threat of effects.threats) {
    const round = threatRound(next, next.round, threat);
    const others = next.threats.filter((t) => t.issue !== threat.issue);
    const { issue, level, date } = threat;
    next = { ...next, threats: [...others, { issue, level, round, source, date }] };
  }
  return next;
}

/** Puts an event in the news and applies its effects. */
export function publish(
  scenario: Scenario,
  state: MatchState,
  event: Pick<NewsEvent, "title" | "text" | "date" | "effects"> & { id?: string },
): [MatchState, GameEvent] {
  const item = {
    round: state.round,
    eventId: event.id,
    title: event.title,
    text: event.text,
    date: event.date,
  };
  const next = applyEffects(
    scenario,
    { ...state, news: [...state.news, item] },
    event.effects,
    event.id ?? "custom",
  );
  return [
    next,
    {
      type: "news/published",
      to: "all",
      text: event.title,
      ...(event.id && { values: { event: event.id } }),
    },
  ];
}

/**
 * Draws one event from the deck by weight with the match's seeded RNG (DESIGN: rounds, news phase);
 * an event is drawn at most once a match.
 */
export function drawEvent(
  scenario: Scenario,
  state: MatchState,
): [MatchState, NewsEvent | undefined] {
  const deck = scenario.events.filter((e) => e.weight > 0 && !state.drawn.includes(e.id));
  const total = deck.reduce((sum, e) => sum + e.weight, 0);
  if (total === 0) return [state, undefined];
  const [value, rng] = nextRandom(state.rng);
  let pick = value * total;
  let event = deck[deck.length - 1];
  for (const candidate of deck) {
    pick -= candidate.weight;
    if (pick < 0) {
      event = candidate;
      break;
    }
  }
  return [{ ...state, rng, drawn: event ? [...state.drawn, event.id] : state.drawn }, event];
}

/** Checks that custom effects only name the scenario's constituencies and issue levels. */
function checkEffects(scenario: Scenario, effects: Effects) {
  for (const id of Object.keys(effects.shocks ?? {})) {
    if (!scenario.constituencies.some((c) => c.id === id))
      return refuse("event/unknown-constituency", `There is no constituency "${id}".`);
  }
  for (const threat of effects.threats) {
    const issue = findIssue(scenario, threat.issue);
    if (!issue || threat.level >= issue.levels.length)
      return refuse("event/unknown-level", `Issue "${threat.issue}" has no level ${threat.level}.`);
  }
  return undefined;
}

/** The facilitator injects an event from the scenario's deck. */
export const injectEvent: Rule<"event/inject"> = {
  who: "facilitator",
  phases: PLAYING,
  whilePaused: true,
  run(scenario, state, _actor, intent) {
    const event = scenario.events.find((e) => e.id === intent.eventId);
    if (!event) return refuse("event/unknown", `The scenario has no event "${intent.eventId}".`);
    return done(...publish(scenario, state, event));
  },
};

/** The facilitator writes and injects an event of their own. */
export const injectCustomEvent: Rule<"event/inject-custom"> = {
  who: "facilitator",
  phases: PLAYING,
  whilePaused: true,
  run(scenario, state, _actor, intent) {
    const bad = checkEffects(scenario, intent.event.effects);
    if (bad) return bad;
    return done(...publish(scenario, state, { ...intent.event, date: "" }));
  },
};
