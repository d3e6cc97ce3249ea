import type { NewsEvent, RoundPlan, Scenario } from "../scenario/schema.ts";
import { scoreAll } from "../scoring.ts";
import { hasAgreement, lastRound, type MatchState, type Phase } from "../state.ts";
import { revealDeliveries, settleMissed } from "./commitments.ts";
import {
  clamp,
  done,
  findIssue,
  type GameEvent,
  type Outcome,
  PLAYING,
  player,
  privateOf,
  type Rule,
  refuse,
  teamName,
  tenth,
  updatePrivate,
  updateTeams,
} from "./kit.ts";
import { escalation, moveMarket } from "./market.ts";
import { drawEvent, publish } from "./news.ts";
import { fadeShocks, meanPressure, refreshMeters } from "./pressure.ts";
import { expireProposals } from "./proposals.ts";

/** Political capital a team regains each round. */
export const CAPITAL_RECOVERY = 5;
/** Mean pressure above which a team loses capital each round (DESIGN: high pressure costs capital). */
export const PRESSURE_COMFORT = 50;
/** Capital lost per point of mean pressure above the comfort level, each round. */
export const CAPITAL_PER_PRESSURE = 0.2;

/** Market move, as a share of an issue's first shock, for every round that escalation stands. */
export const ESCALATION_DRAG = 0.5;

/**
 * The label, date and scripted events of a round: the negotiation plan's last entry is always the
 * summit, and rounds after it follow the implementation plan.
 */
export function roundPlan(
  scenario: Pick<Scenario, "rounds" | "implementation">,
  rounds: number,
  round: number,
): RoundPlan {
  const plan = scenario.rounds;
  const entry =
    round > rounds
      ? scenario.implementation[round - rounds - 1]
      : round === rounds
        ? plan[plan.length - 1]
        : round < plan.length
          ? plan[round - 1]
          : undefined;
  const label = round > rounds ? `Implementation ${round - rounds}` : `Round ${round}`;
  return entry ?? { label, date: "", events: [] };
}

/** The phase after the current one; the summit comes only in the summit round, implementation after it. */
export function nextPhase(
  state: Pick<MatchState, "phase" | "round" | "rounds" | "implementation" | "preparation">,
): Phase {
  switch (state.phase) {
    case "setup":
      return state.preparation ? "preparation" : "news";
    case "preparation":
      return "news";
    case "news":
      return "caucus";
    case "caucus":
      return "table";
    case "table":
      return state.round === state.rounds ? "summit" : "resolution";
    case "summit":
      return "resolution";
    case "resolution":
      return state.round === lastRound(state) ? "ended" : "news";
    case "ended":
      return "ended";
  }
}

/**
 * Moves the match to its next phase (DESIGN: rounds): (preparation, once) → news → caucus → table →
 * (summit) → resolution.
 * Leaving the summit, the framework is endorsed or not; entering resolution, agreements and due
 * threats take effect; leaving it, missed deliveries are settled, the round is recorded for the
 * scores, capital, shocks and markets move, and the next round opens with its news, or the match ends.
 */
export function advance(scenario: Scenario, state: MatchState): Outcome {
  const phase = nextPhase(state);
  let next: MatchState = updateTeams({ ...state, phase, extensionSeconds: 0 }, (t) => ({
    ...t,
    ready: false,
  }));
  const events: GameEvent[] = [];
  if (state.phase === "table") next = expireProposals(next);
  if (state.phase === "summit") {
    next = closeSummit(next);
    events.push({
      type: "summit/closed",
      to: "all",
      text:
        next.framework === "endorsed"
          ? "Both leaders endorse the framework."
          : "The summit ends without an endorsed framework.",
      values: { endorsed: next.framework === "endorsed" ? "yes" : "no" },
    });
  }
  if (phase === "resolution") next = takeEffect(scenario, next);
  if (state.phase === "resolution") {
    next = closeRound(scenario, settleMissed(next));
    if (phase === "ended") return finish(scenario, next, events);
    next = { ...next, round: state.round + 1 };
  }
  if (phase === "news") {
    let revealed: GameEvent[];
    [next, revealed] = revealDeliveries(scenario, next);
    events.push(...revealed);
    next = openNews(scenario, next, events);
  }
  events.unshift({
    type: "phase/advanced",
    to: "all",
    text: `Round ${next.round}: ${phase}.`,
    values: { round: next.round, phase },
  });
  return done(next, ...events);
}

/** Publishes a round's scripted events, or draws one from the deck. */
function openNews(scenario: Scenario, state: MatchState, events: GameEvent[]): MatchState {
  let next = state;
  const scripted = roundPlan(scenario, state.rounds, state.round).events;
  let news: (NewsEvent | undefined)[];
  if (scripted.length) news = scripted.map((id) => scenario.events.find((e) => e.id === id));
  else {
    let drawn: NewsEvent | undefined;
    [next, drawn] = drawEvent(scenario, next);
    news = [drawn];
  }
  for (const event of news) {
    if (!event) continue;
    let published: GameEvent;
    [next, published] = publish(scenario, next, event);
    events.push(published);
  }
  return next;
}

/** The summit closes: the framework is endorsed when both leads endorsed and an agreement stands. */
function closeSummit(state: MatchState): MatchState {
  const endorsed = Object.values(state.teams).every((t) => t.endorsed === true);
  return { ...state, framework: endorsed && hasAgreement(state) ? "endorsed" : "not-endorsed" };
}

/**
 * Agreements signed this round take effect, calling off the threats on the issues they name; then
 * threats due this round bite where no deal covers them.
 */
function takeEffect(scenario: Scenario, state: MatchState): MatchState {
  let levels = { ...state.levels };
  let threats = state.threats;
  const agreements = state.agreements.map((a) => {
    if (a.status !== "pending") return a;
    const before = Object.fromEntries(Object.keys(a.levels).map((id) => [id, levels[id] ?? 0]));
    const cancelled = threats.filter((t) => t.issue in a.levels);
    levels = { ...levels, ...a.levels };
    threats = threats.filter((t) => !(t.issue in a.levels));
    return { ...a, status: "in-force" as const, before, cancelled };
  });
  for (const threat of threats.filter((t) => t.round <= state.round)) {
    if (findIssue(scenario, threat.issue)) levels[threat.issue] = threat.level;
  }
  return { ...state, levels, agreements, threats: threats.filter((t) => t.round > state.round) };
}

/**
 * Ends a round: markets sag for every escalation that stands, the levels in force and each team's
 * pressure are recorded for the scores, capital recovers or drains with pressure, shocks fade, and
 * the market closes the round.
 */
function closeRound(scenario: Scenario, state: MatchState): MatchState {
  let next = refreshMeters(
    scenario,
    moveMarket(state, -ESCALATION_DRAG * escalation(scenario, state.levels)),
  );
  next = { ...next, levelHistory: [...next.levelHistory, next.levels] };
  for (const team of scenario.teams) {
    const pressure = meanPressure(privateOf(next, team.id).meters);
    const drain = Math.max(0, pressure - PRESSURE_COMFORT) * CAPITAL_PER_PRESSURE;
    next = updatePrivate(next, team.id, (own) => ({
      ...own,
      capital: tenth(clamp(own.capital + CAPITAL_RECOVERY - drain, 0, 100)),
      pressureHistory: [...own.pressureHistory, pressure],
      meterHistory: [...own.meterHistory, own.meters],
    }));
  }
  next = fadeShocks(scenario, next);
  return {
    ...next,
    market: { ...next.market, history: [...next.market.history, next.market.index] },
  };
}

/**
 * Ends the match: a round cut short by the facilitator is recorded as it stands, every delivery is
 * revealed and both teams are scored.
 */
function finish(scenario: Scenario, state: MatchState, events: GameEvent[]): Outcome {
  const recorded = state.levelHistory.length < state.round ? closeRound(scenario, state) : state;
  const [revealed, reports] = revealDeliveries(scenario, {
    ...recorded,
    round: lastRound(state) + 1,
  });
  const final = refreshMeters(scenario, { ...revealed, round: state.round, phase: "ended" });
  const ended = { ...final, scores: scoreAll(scenario, final) };
  return done(ended, ...reports, ...events, {
    type: "match/ended",
    to: "all",
    text: "The match is over.",
    values: {},
  });
}

/** The facilitator starts the match: round 1 opens with its preparation, or its news. */
export const startMatch: Rule<"match/start"> = {
  who: "facilitator",
  phases: ["setup"],
  run: (scenario, state) => advance(scenario, state),
};

/** The facilitator moves the match to the next phase. */
export const advancePhase: Rule<"phase/advance"> = {
  who: "facilitator",
  phases: PLAYING,
  whilePaused: true,
  run: (scenario, state) => advance(scenario, state),
};

/** The clock reports a phase deadline; a deadline for another phase (a late timer) is refused. */
export const deadline: Rule<"clock/deadline"> = {
  who: "clock",
  phases: PLAYING,
  run(scenario, state, _actor, intent) {
    if (intent.round !== state.round || intent.phase !== state.phase)
      return refuse(
        "clock/stale",
        `The deadline for round ${intent.round} ${intent.phase} has passed already.`,
      );
    return advance(scenario, state);
  },
};

/** The facilitator pauses the match: only chat, drafts and the facilitator act until it resumes. */
export const pause: Rule<"match/pause"> = {
  who: "facilitator",
  phases: PLAYING,
  whilePaused: true,
  permit: (_s, board) =>
    board.paused
      ? { code: "match/already-paused", message: "The match is already paused." }
      : undefined,
  run: (_s, state) =>
    done(
      { ...state, paused: true },
      {
        type: "match/paused",
        to: "all",
        text: "The facilitator pauses the match.",
        values: {},
      },
    ),
};

/** The facilitator resumes a paused match. */
export const resume: Rule<"match/resume"> = {
  who: "facilitator",
  phases: PLAYING,
  whilePaused: true,
  permit: (_s, board) =>
    board.paused ? undefined : { code: "match/not-paused", message: "The match is not paused." },
  run: (_s, state) =>
    done(
      { ...state, paused: false },
      { type: "match/resumed", to: "all", text: "The match resumes.", values: {} },
    ),
};

/** The facilitator gives the current phase more time; the host's clock reads `extensionSeconds`. */
export const extend: Rule<"phase/extend"> = {
  who: "facilitator",
  phases: PLAYING,
  whilePaused: true,
  run: (_s, state, _actor, intent) =>
    done(
      { ...state, extensionSeconds: state.extensionSeconds + intent.seconds },
      {
        type: "phase/extended",
        to: "all",
        text: `The ${state.phase} phase is extended by ${intent.seconds} s.`,
        values: { phase: state.phase, seconds: intent.seconds },
      },
    ),
};

/** The facilitator ends the match now; it is scored as it stands. */
export const endMatch: Rule<"match/end"> = {
  who: "facilitator",
  phases: ["setup", ...PLAYING],
  whilePaused: true,
  run: (scenario, state) => finish(scenario, state, []),
};

/** A seat marks its team ready (or not); when every team is ready the phase advances. */
export const markReady: Rule<"team/ready"> = {
  who: "player",
  phases: PLAYING,
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const next = updateTeams(state, (t, id) => (id === team ? { ...t, ready: intent.ready } : t));
    const event: GameEvent = {
      type: "team/ready",
      to: "all",
      text: `${teamName(scenario, team)} ${intent.ready ? "is" : "is not"} ready.`,
      values: { team, ready: intent.ready ? "yes" : "no" },
    };
    if (!Object.values(next.teams).every((t) => t.ready)) return done(next, event);
    const advanced = advance(scenario, next);
    return advanced.ok ? done(advanced.state, event, ...advanced.events) : advanced;
  },
};
