import { expireIdleSessions, type Tables } from "./sessions.ts";

const DAY_MS = 86_400_000;

/** How long the store keeps what: the settings `SESSION_IDLE_DAYS`, `IMPORT_DAYS`, `LOG_RETENTION_DAYS`, `IMPORT_STORE_MB`. */
export type Retention = {
  /** Days without a command after which a session's tables close. */
  readonly sessionIdleDays: number;
  /** Days an imported log is kept. */
  readonly importDays: number;
  /** Days an ended match (its log, seats and, once empty, its session) is kept; 0 keeps them for ever. */
  readonly logDays: number;
  /** Megabytes of imported logs held at most; an import past it is refused. */
  readonly importStoreMb: number;
};

export const RETENTION: Retention = {
  sessionIdleDays: 7,
  importDays: 7,
  logDays: 365,
  importStoreMb: 500,
};

/** The retention settings from the environment, each defaulting to `RETENTION`. */
export function retentionFrom(env: NodeJS.ProcessEnv): Retention {
  const nonNegative = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
    return value;
  };
  return {
    sessionIdleDays: nonNegative("SESSION_IDLE_DAYS", RETENTION.sessionIdleDays),
    importDays: nonNegative("IMPORT_DAYS", RETENTION.importDays),
    logDays: nonNegative("LOG_RETENTION_DAYS", RETENTION.logDays),
    importStoreMb: nonNegative("IMPORT_STORE_MB", RETENTION.importStoreMb),
  };
}

/**
 * Keeps the store to its retention (run at start and hourly): closes idle sessions' tables, then
 * deletes imports past their days and ended matches past theirs. Returns what it closed and deleted.
 */
export async function sweep(
  context: Tables,
  now: number,
  retention: Retention,
): Promise<{ closed: string[]; deleted: string[] }> {
  const closed = await expireIdleSessions(context, now, retention.sessionIdleDays * DAY_MS);
  const { store } = context;
  const deleted = await store.expiredMatches(
    now - retention.importDays * DAY_MS,
    retention.logDays > 0 ? now - retention.logDays * DAY_MS : undefined,
  );
  for (const matchId of deleted) await store.deleteMatch(matchId);
  return { closed, deleted };
}
