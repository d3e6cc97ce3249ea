/** Intents a client may send in a burst. */
export const BURST = 20;
/** Intents a client may send per second, sustained. */
export const PER_SECOND = 10;
/** Refused intents, net of those forgiven over time, after which a client is disconnected as a flood. */
export const STRIKES_TO_DROP = 100;

/** A token bucket per seat: bursts are fine, floods are refused and, if they go on, dropped. */
export class RateLimit {
  private tokens = BURST;
  private strikes = 0;
  private last: number;

  constructor(now: number) {
    this.last = now;
  }

  /** Takes a token: "ok", "limited" (refuse this intent) or "drop" (disconnect the client). */
  take(now: number): "ok" | "limited" | "drop" {
    const elapsed = (now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(BURST, this.tokens + elapsed * PER_SECOND);
    this.strikes = Math.max(0, this.strikes - elapsed * PER_SECOND);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return "ok";
    }
    this.strikes += 1;
    return this.strikes >= STRIKES_TO_DROP ? "drop" : "limited";
  }
}

/** Keys a window limiter tracks before it forgets those whose minute is over. */
export const MAX_TRACKED_KEYS = 10_000;

/**
 * A fixed-window counter per key: true while the key has used at most `perMinute` this minute, each
 * call counting its `weight` (a session of five tables counts five).
 */
export function windowLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (now: number, key = "", weight = 1) => {
    if (windows.size > MAX_TRACKED_KEYS)
      for (const [k, w] of windows) if (now - w.start > 60_000) windows.delete(k);
    const window = windows.get(key);
    if (!window || now - window.start > 60_000) {
      windows.set(key, { start: now, count: weight });
      return weight <= perMinute;
    }
    window.count += weight;
    return window.count <= perMinute;
  };
}
