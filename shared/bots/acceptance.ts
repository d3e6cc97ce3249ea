/** Acceptance strategies (Baarslag et al. 2014): when a bot takes the offer in front of it. */
export const ACCEPTANCE = ["combi", "next", "const"] as const;
/** An acceptance strategy. */
export type Acceptance = (typeof ACCEPTANCE)[number];

/** The utility AC_const accepts at, whatever the time (never below the bot's floor). */
export const AC_CONST = 70;
/** From this point of the negotiation's time, AC_combi also takes the best offer seen so far. */
export const AC_COMBI_TIME = 0.9;

/** What an acceptance strategy weighs: the offer, the bot's own next offer, time and history. */
export type AcceptanceInput = {
  /** The offer's worth to the bot. */
  readonly offer: number;
  /** The worth to the bot of what it would offer next. */
  readonly next: number;
  /** The least the bot takes now (its target's floor, at least its no-deal point). */
  readonly floor: number;
  /** The negotiation's time, from 0 to 1. */
  readonly t: number;
  /** The best worth to the bot of any offer the other side has made. */
  readonly best: number;
};

/**
 * Whether a bot accepts: AC_next takes an offer worth at least its own next one; AC_const one worth
 * at least a constant; AC_combi is AC_next, and near the deadline also the best offer seen so far.
 */
export function accepts(kind: Acceptance, input: AcceptanceInput): boolean {
  const { offer, next, floor, t, best } = input;
  if (offer < floor) return false;
  if (kind === "const") return offer >= Math.max(floor, AC_CONST);
  if (offer >= next) return true;
  return kind === "combi" && t >= AC_COMBI_TIME && offer >= best;
}
