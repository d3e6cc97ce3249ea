import type { Presence } from "@colyseus/core";

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

/**
 * A per-minute counter per key, shared by every process of a deployment through Colyseus' presence
 * (Redis in a cluster, memory otherwise): true while the key has used at most `perMinute` in the last
 * minute, each call counting its `weight` (a session of five tables counts five). The minute slides:
 * this minute's count plus the last minute's, weighted by how much of it is still within the last
 * 60 seconds.
 */
export function windowLimiter(presence: Presence, name: string, perMinute: number) {
  return async (now: number, key = "", weight = 1): Promise<boolean> => {
    const minute = Math.floor(now / 60_000);
    const [current, previous] = await Promise.all([
      presence.hincrbyex(`limit:${name}:${minute}`, key, weight, 120),
      presence.hget(`limit:${name}:${minute - 1}`, key),
    ]);
    return current + Number(previous ?? 0) * (1 - (now % 60_000) / 60_000) <= perMinute;
  };
}
