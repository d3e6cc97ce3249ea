import { randomInt } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import {
  BUILT_IN_SCENARIOS,
  KUALA_LUMPUR_2025,
  type LogHeader,
  type MatchLog,
  makeHeader,
  type Scenario,
} from "../shared/index.ts";
import type { CreateSession, OpenTable } from "../shared/protocol.ts";
import type { ServerContext } from "./context.ts";
import type { MatchRoom } from "./MatchRoom.ts";
import { newId, newJoinCode, newSecret } from "./secrets.ts";
import type { Session } from "./store.ts";

/**
 * The key the server opens its tables with: a client asking the matchmaker to create a table (with
 * a match id of its choosing) is refused before the store is read.
 */
export const ROOM_KEY = newSecret();

/** The scenarios a session can be created with, by id. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = Object.fromEntries(
  BUILT_IN_SCENARIOS.map((scenario) => [scenario.id, scenario]),
);

/** The scenario a session plays: the teacher's own, or a built-in one. */
export function scenarioOf(session: Pick<Session, "settings">): Scenario | undefined {
  return session.settings.scenario ?? SCENARIOS[session.settings.scenarioId];
}

/** A new session as its facilitator receives it: the secret is shown once and never stored in clear. */
export type CreatedSession = {
  readonly session: Session;
  readonly facilitatorSecret: string;
  readonly matchIds: readonly string[];
};

/** Opens a table's room in this process: it replays the match from the store. */
export function openRoom(matchId: string): Promise<unknown> {
  return matchMaker.handleCreateRoom("match", { matchId, roomKey: ROOM_KEY });
}

/** The store, and this process's leases on the tables it plays. */
export type Tables = Pick<ServerContext, "store" | "tables">;

/** A fork's one table: its header (made and checked by `startFork`) and its parent's log. */
export type ForkTable = { readonly header: LogHeader; readonly parent: MatchLog };

/**
 * Creates a session with its tables in the store, leased to this process, and opens their rooms
 * here. `own` is the teacher's own scenario, already checked, kept with the session; a fork's session
 * has the fork as its one table.
 */
export async function createSession(
  { store, tables }: Tables,
  { scenario: _raw, ...request }: CreateSession,
  own?: Scenario,
  fork?: ForkTable,
): Promise<CreatedSession> {
  const scenario = own ?? SCENARIOS[request.scenarioId];
  if (!scenario) throw new Error(`Unknown scenario ${request.scenarioId}`);
  let code = newJoinCode();
  while (await store.sessionByCode(code)) code = newJoinCode();
  const session: Session = {
    id: newId("s"),
    code,
    createdAt: Date.now(),
    settings: {
      ...request,
      scenarioId: scenario.id,
      title: request.title || scenario.title,
      ...(own && { scenario: own }),
    },
  };
  const facilitatorSecret = newSecret();
  await store.createSession(session, facilitatorSecret);
  const matchIds = fork
    ? [fork.header.matchId]
    : Array.from({ length: request.tables }, () => newId("m"));
  for (const [table, matchId] of matchIds.entries())
    await store.createMatch(
      matchId,
      session.id,
      table + 1,
      fork?.header ??
        makeHeader({
          matchId,
          createdAt: new Date().toISOString(),
          scenario,
          seed: randomInt(2 ** 32),
          settings: {
            rounds: request.rounds,
            implementation: request.implementationRounds,
            ...(request.preparation && { preparation: true }),
          },
        }),
      tables.lease(),
      fork?.parent,
    );
  for (const matchId of matchIds) await openRoom(matchId);
  return { session, facilitatorSecret, matchIds };
}

/**
 * Closes the tables of sessions idle for longer than `idleMs`: their matches end where they stand,
 * in the rules (a `match/end` in the facilitator's name, noted as the server's, so the log ends at a
 * checkpoint like any finished match's), and their live rooms are disposed. In a cluster each process
 * closes the tables it plays (and those no process holds). Returns the matches closed.
 */
export async function expireIdleSessions(
  { store, tables }: Tables,
  now: number,
  idleMs: number,
): Promise<string[]> {
  const idle = await store.idleLiveMatches(now - idleMs);
  const closed: string[] = [];
  for (const match of idle) {
    const room = matchMaker.getLocalRoomById(match.id) as MatchRoom | undefined;
    if (!room && !(await tables.claim(match.id))) continue; // another process plays it, and sweeps it
    closed.push(match.id);
    room?.execute({
      actor: { kind: "facilitator" },
      intent: { type: "match/end" },
      note: `Closed by the server after ${Math.round(idleMs / 86_400_000)} days without a command.`,
    });
    await store.endMatch(match.id);
    await room?.disconnect();
  }
  return closed;
}

/**
 * Reopens, in this process alone, a room for every match still being played: each replays its log
 * from the store. A match that no longer replays (recorded with other rules) stays in the store,
 * closed, and is reported. Run after `sweep`, so that sessions left idle are closed, not restored.
 * (In a cluster, tables are taken over one by one as their leases lapse: `TableKeeper`.)
 */
export async function restoreMatches({
  store,
  tables,
}: Tables): Promise<{ restored: number; failed: readonly string[] }> {
  const failed: string[] = [];
  const live = await store.liveMatches();
  for (const match of live) {
    try {
      await tables.claim(match.id, true); // a lone process: any lease left is its predecessor's
      await openRoom(match.id);
    } catch (error) {
      failed.push(`${match.id}: ${(error as Error).message}`);
    }
  }
  return { restored: live.length - failed.length, failed };
}

/** Listed tables that still have a free seat, from Colyseus' own room listing, fullest first. */
export async function openTables(): Promise<OpenTable[]> {
  const rooms = await matchMaker.query({ name: "match", private: false });
  return rooms
    .map((room) => ({
      matchId: room.roomId,
      title: String(room.metadata?.title ?? ""),
      phase: String(room.metadata?.phase ?? ""),
      round: Number(room.metadata?.round ?? 0),
      openSeats: (room.metadata?.openSeats ?? []) as string[],
      scenario: (room.metadata?.scenario ?? { title: "" }) as OpenTable["scenario"],
      seatNames: (room.metadata?.seatNames ?? {}) as OpenTable["seatNames"],
      players: room.clients,
    }))
    .filter((table) => table.openSeats.length > 0 && table.phase !== "ended")
    .sort((a, b) => a.openSeats.length - b.openSeats.length);
}

/**
 * Quick match: a free seat at a listed table where someone is waiting (the team with fewer players,
 * its lead first), or a new listed table when none has room.
 */
export async function quickSeat(
  context: Tables,
): Promise<{ matchId: string; team: string; role: string }> {
  const [table] = await openTables();
  const matchId = table?.matchId ?? (await createSession(context, QUICK_TABLE)).matchIds[0];
  const scenario = SCENARIOS[QUICK_TABLE.scenarioId];
  if (!matchId || !scenario) throw new Error("No table for a quick match");
  const seats = scenario.teams.flatMap((team) =>
    team.roles
      .filter((role) => role.constituency === undefined)
      .map((role) => ({ team: team.id, role: role.id, lead: role.lead })),
  );
  const botSeat = (s: { team: string; role: string }) =>
    QUICK_TABLE.bots.some((b) => b.team === s.team && b.role === s.role);
  const open =
    table?.openSeats ?? seats.filter((s) => !botSeat(s)).map((s) => `${s.team}:${s.role}`);
  const free = seats.filter((s) => open.includes(`${s.team}:${s.role}`));
  const people = (team: string) =>
    seats.filter((s) => s.team === team && !free.includes(s) && !botSeat(s)).length;
  const [best] = [...free].sort(
    (a, b) => people(a.team) - people(b.team) || Number(b.lead) - Number(a.lead),
  );
  if (!best) throw new Error("No free seat at an open table");
  return { matchId, team: best.team, role: best.role };
}

/**
 * How a quick-match table is set up: listed, untimed (players mark ready), four rounds, and a bot in
 * the lead seat of the default scenario's second team (China's) so that nobody waits: the match
 * starts as the first person sits down, and the next players fill the empty seats as it goes.
 */
export const QUICK_TABLE: CreateSession = {
  scenarioId: KUALA_LUMPUR_2025.id,
  rounds: 4,
  implementationRounds: 2,
  timed: false,
  phaseSeconds: {},
  preparation: false,
  wildCards: false,
  tables: 1,
  listed: true,
  autoStart: true,
  title: "",
  seatsPerClient: 0,
  botTakeoverSeconds: 60,
  bots: KUALA_LUMPUR_2025.teams.slice(1, 2).map((team) => ({
    team: team.id,
    role: team.roles.find((r) => r.lead)?.id ?? "",
    strategy: "linear" as const,
  })),
};
