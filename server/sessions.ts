import { randomInt } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import { KUALA_LUMPUR_2025, type Scenario } from "../shared/index.ts";
import { matchHeader } from "./MatchRoom.ts";
import type { CreateSession } from "./protocol.ts";
import { newId, newJoinCode, newSecret } from "./secrets.ts";
import type { Session, Store } from "./store.ts";

/** The scenarios a session can be created with, by id. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  [KUALA_LUMPUR_2025.id]: KUALA_LUMPUR_2025,
};

/** A new session as its facilitator receives it: the secret is shown once and never stored in clear. */
export type CreatedSession = {
  readonly session: Session;
  readonly facilitatorSecret: string;
  readonly matchIds: readonly string[];
};

/** Creates a session with its tables in the store, then opens a room for each table. */
export async function createSession(store: Store, request: CreateSession): Promise<CreatedSession> {
  const scenario = SCENARIOS[request.scenarioId];
  if (!scenario) throw new Error(`Unknown scenario ${request.scenarioId}`);
  let code = newJoinCode();
  while (store.sessionByCode(code)) code = newJoinCode();
  const session: Session = {
    id: newId("s"),
    code,
    createdAt: Date.now(),
    settings: { ...request, title: request.title || scenario.title },
  };
  const facilitatorSecret = newSecret();
  store.createSession(session, facilitatorSecret);
  const matchIds = Array.from({ length: request.tables }, (_, table) => {
    const matchId = newId("m");
    store.createMatch(
      matchId,
      session.id,
      table + 1,
      matchHeader(matchId, scenario, request.rounds, randomInt(2 ** 32)),
    );
    return matchId;
  });
  for (const matchId of matchIds) await matchMaker.createRoom("match", { matchId });
  return { session, facilitatorSecret, matchIds };
}

/** Reopens a room for every match still being played: each replays its log from the store. */
export async function restoreMatches(store: Store): Promise<number> {
  const live = store.liveMatches();
  for (const match of live) await matchMaker.createRoom("match", { matchId: match.id });
  return live.length;
}
