import type { MatchState, Scenario } from "../shared/index.ts";
import type { Session } from "./store.ts";

/** When the current phase ends: a time while running, the time left while paused, nothing if untimed. */
export type PhaseClock = { readonly deadlineAt?: number; readonly remainingMs?: number };

/** Seconds each phase lasts, or undefined for an untimed session. */
export type PhaseSeconds = Readonly<Record<string, number>> | undefined;

/**
 * The phase clock after an accepted command at time `at`: a new phase starts its full duration,
 * an extension adds to it, a pause freezes what is left and a resume restarts it. Folding this over a
 * log's entries restores the clock after a restart.
 */
export function nextClock(
  clock: PhaseClock,
  before: MatchState,
  after: MatchState,
  at: number,
  seconds: PhaseSeconds,
): PhaseClock {
  if (!seconds) return {};
  const duration = (seconds[after.phase] ?? 0) * 1000;
  if (after.phase !== before.phase || after.round !== before.round) {
    if (!duration) return {};
    return after.paused ? { remainingMs: duration } : { deadlineAt: at + duration };
  }
  const extraMs = (after.extensionSeconds - before.extensionSeconds) * 1000;
  let next: PhaseClock = clock;
  if (extraMs > 0)
    next =
      next.deadlineAt !== undefined
        ? { deadlineAt: next.deadlineAt + extraMs }
        : { remainingMs: (next.remainingMs ?? 0) + extraMs };
  if (!before.paused && after.paused && next.deadlineAt !== undefined)
    return { remainingMs: Math.max(0, next.deadlineAt - at) };
  if (before.paused && !after.paused && next.remainingMs !== undefined)
    return { deadlineAt: at + next.remainingMs };
  return next;
}

/**
 * The seconds each phase lasts for a session, or undefined when it is untimed; a `scale` above 1
 * runs the clock that many times faster.
 */
export function phaseSeconds(session: Session, scenario: Scenario, scale = 1): PhaseSeconds {
  const { settings } = session;
  if (!settings.timed) return undefined;
  const seconds = { ...scenario.phases, ...settings.phaseSeconds };
  return Object.fromEntries(Object.entries(seconds).map(([phase, s]) => [phase, s / scale]));
}

/** How far the current phase's clock has run at `now`, from 0 to 1, or undefined when untimed. */
export function phaseShare(
  clock: PhaseClock,
  seconds: PhaseSeconds,
  phase: string,
  now: number,
): number | undefined {
  const duration = seconds?.[phase];
  if (!duration || clock.deadlineAt === undefined) return undefined;
  return Math.min(1, Math.max(0, 1 - (clock.deadlineAt - now) / (duration * 1000)));
}
