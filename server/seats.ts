import type { MapSchema } from "@colyseus/schema";
import {
  type BotStrategy,
  type Scenario,
  type SeatHolder,
  seatKey,
  translate,
} from "../shared/index.ts";
import { SeatState } from "./projection.ts";

export { seatKey };

/** Whether two connections hold the same player seat. */
export function sameSeat(a: SeatHolder | undefined, b: SeatHolder): boolean {
  return a?.kind === "team" && b.kind === "team" && a.team === b.team && a.role === b.role;
}

/** A seat as people read it: "United States Trade Representative". */
export function seatName(
  scenario: Pick<Scenario, "teams">,
  team: string,
  role: string,
  space = " ",
): string {
  const found = scenario.teams.find((t) => t.id === team);
  return `${found?.name ?? team}${space}${found?.roles.find((r) => r.id === role)?.title ?? role}`;
}

/**
 * What the lobby lists about a table: its title, phase and round, its open seats, and its scenario's
 * title and open seats' names (by key) in English and in Chinese (`zh`, as `translate` reads it; a
 * seat without the space, as "美国财政部长").
 */
export function listing(
  scenario: Scenario,
  settings: { readonly title: string; readonly wildCards?: boolean },
  state: { readonly phase: string; readonly round: number },
  taken: ReadonlySet<string>,
) {
  const zh = translate({ title: scenario.title, zh: scenario.zh, teams: scenario.teams }, "zh");
  const open = openSeats(scenario, taken, settings.wildCards);
  return {
    title: settings.title,
    phase: state.phase,
    round: state.round,
    openSeats: open,
    scenario: { title: scenario.title, zh: { title: zh.title } },
    seatNames: Object.fromEntries(
      open.map((key) => {
        const [team = "", role = ""] = key.split(":");
        const name = seatName(scenario, team, role);
        return [key, { name, zh: { name: seatName(zh, team, role, "") } }];
      }),
    ),
  };
}

/** The keys of the scenario's seats that nobody (person or bot) holds; wild cards' only if they sit. */
export function openSeats(
  scenario: Scenario,
  taken: ReadonlySet<string>,
  wildCards = false,
): string[] {
  return scenario.teams.flatMap((team) =>
    team.roles
      .filter((role) => wildCards || role.constituency === undefined)
      .map((role) => seatKey(team.id, role.id))
      .filter((key) => !taken.has(key)),
  );
}

/**
 * Puts a person (with the time they claimed it) or a bot (with its strategy) in a seat of the room's
 * seat map.
 */
export function occupy(
  seats: MapSchema<InstanceType<typeof SeatState>>,
  seat: { team: string; role: string; name: string; claimedAt: number },
  strategy?: BotStrategy,
): void {
  const { team, role } = seat;
  const fields = {
    ...seat,
    bot: strategy !== undefined,
    strategy: strategy ?? "",
    connected: true,
    since: Date.now(),
  };
  const held = seats.get(seatKey(team, role));
  if (held) Object.assign(held, fields);
  else seats.set(seatKey(team, role), new SeatState(fields));
}

/**
 * Whose rate limit a connection draws on: its seat's (or the facilitator's), which outlives the
 * connection, so a flooder gains nothing by reconnecting; an observer's own.
 */
export function limitKey(seat: SeatHolder | undefined, sessionId: string): string {
  if (seat?.kind === "team") return seatKey(seat.team, seat.role);
  return seat?.kind === "facilitator" ? "facilitator" : sessionId;
}
