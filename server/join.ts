import { type AuthContext, type Presence, ServerError } from "@colyseus/core";
import { roleOf, type SeatHolder } from "../shared/index.ts";
import { JoinOptions } from "../shared/protocol.ts";
import { CLIENT_ADDRESS } from "./address.ts";
import { windowLimiter } from "./rate-limit.ts";
import { normaliseCode } from "./secrets.ts";
import { scenarioOf } from "./sessions.ts";
import type { Store } from "./store.ts";

/** Wrong join codes a table accepts per minute before it refuses code joins for the rest of the minute. */
export const WRONG_CODES_PER_MINUTE = 20;

/** Seat reservations one client address may ask for per minute, across every table (a class may share one). */
export const RESERVATIONS_PER_MINUTE = 120;
/** Observers a table admits at once. */
export const MAX_OBSERVERS = 20;
/** Connections the facilitator may hold to one table (the console, a table screen, a debrief...). */
export const FACILITATOR_CONNECTIONS = 4;

/** Why a join was refused a seat someone holds. */
export const SEAT_TAKEN = "Someone already holds that seat; pick another role or team.";

/** Who a join request comes in as; `claim` marks a free seat the join would take. */
export type Admission = SeatHolder & { readonly claim?: true };

/** The client address the server stamped on a request (HTTP or WebSocket upgrade). */
export const addressOf = (context: AuthContext | undefined) =>
  context?.headers?.get(CLIENT_ADDRESS) ?? "unknown";

/**
 * The gate of a table: who a join request may come in as — the facilitator by the session's key, a
 * player by the seat's token, an observer or a new player by the table's code (listed tables need
 * none) and a free seat. Refusals are `ServerError`s with a typed code; wrong codes are counted per
 * table, and a table refuses code joins for the rest of the minute after too many.
 */
export function joinGate(store: Store, presence: Presence) {
  const wrongCodes = windowLimiter(presence, "wrong-codes", WRONG_CODES_PER_MINUTE);
  return async (matchId: string, options: unknown, address: string): Promise<Admission> => {
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success)
      throw new ServerError(
        400,
        "join/invalid: Give a join code with a name, team and role, or join as an observer.",
      );
    const join = parsed.data;
    const match = await store.match(matchId);
    const session = match && (await store.session(match.sessionId));
    if (!match || !session)
      throw new ServerError(404, "join/unknown-table: There is no such table.");
    if ("facilitatorSecret" in join) {
      if ((await store.sessionBySecret(join.facilitatorSecret))?.id !== session.id)
        throw new ServerError(
          403,
          "join/not-facilitator: That facilitator key does not open this session.",
        );
      return { kind: "facilitator", name: "Facilitator" };
    }
    if ("seatToken" in join) {
      const seat = await store.seatByToken(join.seatToken);
      if (seat?.matchId !== matchId)
        throw new ServerError(
          403,
          "join/bad-token: That seat token does not belong to this table.",
        );
      return { kind: "team", team: seat.team, role: seat.role, name: seat.name };
    }
    if (!session.settings.listed && normaliseCode(join.code ?? "") !== session.code) {
      if (!(await wrongCodes(Date.now(), matchId)))
        throw new ServerError(429, "join/too-many: Too many wrong codes; wait a minute.");
      throw new ServerError(403, "join/bad-code: That join code does not open this table.");
    }
    if ("observer" in join) return { kind: "observer", name: join.name };
    const scenario = scenarioOf(session);
    const role = scenario && roleOf(scenario, join.team, join.role);
    if (!role)
      throw new ServerError(
        400,
        `join/unknown-seat: There is no role "${join.role}" in team "${join.team}".`,
      );
    if (role.constituency !== undefined && !session.settings.wildCards)
      throw new ServerError(
        403,
        `join/no-wild-cards: This session has no seats for domestic roles such as "${role.title}".`,
      );
    if (await store.seat(matchId, join.team, join.role))
      throw new ServerError(409, `join/seat-taken: ${SEAT_TAKEN}`);
    const bound = session.settings.seatsPerClient ?? 0;
    if (bound > 0 && (await store.seatsClaimedFrom(session.id, address)) >= bound)
      throw new ServerError(
        429,
        `join/seat-limit: This session lets one device or network take at most ${bound} seat${bound === 1 ? "" : "s"}.`,
      );
    return { kind: "team", team: join.team, role: join.role, name: join.name, claim: true };
  };
}

/**
 * The check before the matchmaker reserves a seat (Colyseus' static `onAuth`): only `joinById`, only
 * for a request the table's gate admits, and a bounded number of reservations per client address —
 * so empty, forged or wrong-code requests cannot fill a table's slots, and no client opens a table.
 */
export function reservationCheck(gate: ReturnType<typeof joinGate>, presence: Presence) {
  const reservations = windowLimiter(presence, "reservations", RESERVATIONS_PER_MINUTE);
  return async (options: unknown, context: AuthContext): Promise<true> => {
    const address = addressOf(context);
    if (!(await reservations(Date.now(), address)))
      throw new ServerError(429, "join/too-many: Too many join attempts; wait a minute.");
    const url = String((context.req as { url?: string } | undefined)?.url ?? "");
    const matchId = url.match(/\/matchmake\/joinById\/([\w-]+)/)?.[1];
    if (!matchId) throw new ServerError(403, "join/by-id: Join a table by its id.");
    await gate(matchId, options, address);
    return true;
  };
}
