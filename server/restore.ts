import { digest } from "../shared/hash.ts";
import { botReason, type Head, type MatchState, replay, type Scenario } from "../shared/index.ts";
import { nextClock, type PhaseClock, phaseSeconds } from "./clock.ts";
import { EventHistory } from "./events.ts";
import { SCENARIOS } from "./sessions.ts";
import type { MatchRecord, Session, Store } from "./store.ts";

/** A match as the store holds it, replayed: its head, its phase clock and its recent events. */
export type LoadedMatch = {
  readonly record: MatchRecord;
  readonly session: Session;
  readonly scenario: Scenario;
  readonly head: Head;
  readonly clock: PhaseClock;
  readonly history: EventHistory;
};

/**
 * The scenario a log carries, as the one object the server holds for it when the two are the same,
 * so that rooms share one scenario (and its remembered digests) instead of a parsed copy each.
 */
export function sharedScenario(scenario: Scenario): Scenario {
  const known = SCENARIOS[scenario.id];
  return known && digest(known) === digest(scenario) ? known : scenario;
}

/**
 * Replays a match from the store, folding the phase clock over its entries' times and keeping the
 * events they caused, so that a room opened after a restart carries on where the last one stopped.
 */
export async function loadMatch(
  store: Store,
  matchId: string,
  clockScale = 1,
): Promise<LoadedMatch> {
  const record = await store.match(matchId);
  const session = record && (await store.session(record.sessionId));
  const log = await store.log(matchId);
  if (!record || !session || !log) throw new Error(`No match ${matchId} in the store`);
  const seconds = phaseSeconds(session, log.header.scenario, clockScale);
  const history = new EventHistory();
  let clock: PhaseClock = {};
  let before: MatchState | undefined;
  const restored = replay(log, (head, entry, events) => {
    for (const event of events) history.remember(event);
    const reason = botReason(entry.command);
    if (reason) history.remember(reason);
    if (before) clock = nextClock(clock, before, head.state, entry.at, seconds);
    before = head.state;
  });
  if (!restored.ok)
    throw new Error(`Match ${record.id} does not replay: ${restored.error.message}`);
  // The replayed header's scenario was digested for the log's first hash: comparing it costs nothing.
  const scenario = sharedScenario(restored.log.header.scenario);
  return { record, session, scenario, head: restored.head, clock, history };
}
