import type { GameEvent, Seat } from "../shared/index.ts";

/** How many recent events a room keeps to send a (re)joining seat, so its page shows the history. */
export const EVENT_HISTORY = 200;

/** Whether a seat may see an event: everyone sees public ones; a team's only its seats and the facilitator. */
export function sees(seat: Seat, event: GameEvent): boolean {
  return (
    event.to === "all" ||
    seat.kind === "facilitator" ||
    (seat.kind === "team" && seat.team === event.to)
  );
}

/** A room's recent events, to replay to a seat that (re)joins what it may see. */
export class EventHistory {
  private events: GameEvent[] = [];

  remember(event: GameEvent): void {
    this.events.push(event);
    if (this.events.length > EVENT_HISTORY) this.events = this.events.slice(-EVENT_HISTORY);
  }

  /** The events a seat may see, oldest first. */
  seenBy(seat: Seat): GameEvent[] {
    return this.events.filter((e) => sees(seat, e));
  }
}
