import type { BotStrategy, LogEntry, LogHeader, MatchLog, Scenario } from "../shared/index.ts";
import type { LogOrigin } from "./signing.ts";
import type { Sql, Statement } from "./sql.ts";

/** How a session was set up by its facilitator. */
export type SessionSettings = {
  readonly scenarioId: string;
  readonly rounds: number;
  readonly timed: boolean;
  readonly phaseSeconds: Readonly<Record<string, number>>;
  readonly tables: number;
  readonly listed: boolean;
  /** Whether a table starts by itself once a person sits at it (a quick match). */
  readonly autoStart?: boolean;
  readonly botTakeoverSeconds: number;
  readonly bots: readonly {
    readonly team: string;
    readonly role: string;
    readonly strategy: BotStrategy;
  }[];
  readonly title: string;
  /** Seats one client address may claim across the session's tables (0: no bound). */
  readonly seatsPerClient?: number;
  /** Whether round 1 opens with a preparation phase (worksheets). */
  readonly preparation?: boolean;
  /** Whether the domestic "wild card" roles have seats. */
  readonly wildCards?: boolean;
  /** The class plan the session was set up from. */
  readonly plan?: string;
  /** The teacher's own scenario, when the session was created with one. */
  readonly scenario?: Scenario;
};

/** A session: one facilitator, one join code, one or more tables (matches). */
export type Session = {
  readonly id: string;
  readonly code: string;
  readonly createdAt: number;
  readonly settings: SessionSettings;
};

/** A match as the store lists it. */
export type MatchRecord = {
  readonly id: string;
  readonly sessionId: string;
  readonly table: number;
  readonly status: "live" | "ended" | "imported";
  readonly createdAt: number;
  readonly endedAt?: number;
  readonly entries: number;
};

/** An imported log, as its owner lists it. */
export type ImportRecord = {
  readonly matchId: string;
  readonly createdAt: number;
  readonly entries: number;
  readonly bytes: number;
  readonly origin: LogOrigin;
};

/** A claimed seat, found by its token. */
export type SeatRecord = {
  readonly matchId: string;
  readonly team: string;
  readonly role: string;
  readonly name: string;
  /** When the seat was claimed (epoch ms; 0 for seats claimed before this was kept). */
  readonly claimedAt: number;
};

/** The store's tables, in SQL both databases read (`WITHOUT ROWID` is SQLite's alone). Times are ms since the epoch. */
const schema = (dialect: Sql["dialect"]) => {
  const noRowid = dialect === "sqlite" ? " WITHOUT ROWID" : "";
  return [
    `CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL,
      created_at BIGINT NOT NULL, settings TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS matches (
      id TEXT PRIMARY KEY, session_id TEXT NOT NULL, table_no INTEGER NOT NULL, header TEXT NOT NULL,
      status TEXT NOT NULL, created_at BIGINT NOT NULL, ended_at BIGINT, parent TEXT)`,
    `CREATE TABLE IF NOT EXISTS entries (
      match_id TEXT NOT NULL, seq INTEGER NOT NULL, at BIGINT NOT NULL, command TEXT NOT NULL,
      hash TEXT NOT NULL, checkpoint TEXT, PRIMARY KEY (match_id, seq))${noRowid}`,
    `CREATE TABLE IF NOT EXISTS seats (
      match_id TEXT NOT NULL, team TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE, claimed_at BIGINT NOT NULL DEFAULT 0,
      address_hash TEXT NOT NULL DEFAULT '', PRIMARY KEY (match_id, team, role))${noRowid}`,
    `CREATE TABLE IF NOT EXISTS imports (
      match_id TEXT PRIMARY KEY, owner_hash TEXT NOT NULL, bytes INTEGER NOT NULL, origin TEXT NOT NULL)`,
    "CREATE INDEX IF NOT EXISTS imports_owner ON imports (owner_hash)",
    "CREATE TABLE IF NOT EXISTS server_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    // Leases change every second: kept apart from the matches' large rows (their headers).
    `CREATE TABLE IF NOT EXISTS leases (
      match_id TEXT PRIMARY KEY, owner TEXT NOT NULL, lease_until BIGINT NOT NULL)`,
    "CREATE INDEX IF NOT EXISTS matches_status ON matches (status)",
  ];
};

export type SessionRow = {
  id: string;
  code: string;
  secret_hash: string;
  created_at: number;
  settings: string;
};
export type MatchRow = {
  id: string;
  session_id: string;
  table_no: number;
  status: MatchRecord["status"];
  created_at: number;
  ended_at: number | null;
  entries: number;
};

/** Columns added since the first version of each table, with their types and defaults. */
const ADDED_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  seats: {
    claimed_at: "BIGINT NOT NULL DEFAULT 0",
    address_hash: "TEXT NOT NULL DEFAULT ''",
  },
  entries: { checkpoint: "TEXT" },
  // A fork's parent log (JSON), as it stood when the fork was made.
  matches: { parent: "TEXT" },
};

/** Serialises the schema changes of processes starting at once against one PostgreSQL database. */
const MIGRATION_LOCK = 7_426_001;

/**
 * Brings a database up to the store's tables: creates what is missing, and adds to tables made by an
 * earlier version the columns added since, with their defaults.
 */
export async function migrate(sql: Sql): Promise<void> {
  if (sql.dialect === "postgres") {
    await sql.batch([
      ["SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK]],
      ...schema("postgres").map((text) => [text, []] as const),
      ...Object.entries(ADDED_COLUMNS).flatMap(([table, columns]) =>
        Object.entries(columns).map(
          ([column, type]) =>
            [`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column} ${type}`, []] as const,
        ),
      ),
    ]);
    return;
  }
  for (const text of schema("sqlite")) await sql.run(text);
  for (const [table, columns] of Object.entries(ADDED_COLUMNS)) {
    const have = new Set(
      (await sql.all<{ name: string }>(`PRAGMA table_info(${table})`)).map((c) => c.name),
    );
    for (const [column, type] of Object.entries(columns))
      if (!have.has(column)) await sql.run(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    code: row.code,
    createdAt: row.created_at,
    settings: JSON.parse(row.settings) as SessionSettings,
  };
}

export function toMatch(row: MatchRow): MatchRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    table: row.table_no,
    status: row.status,
    createdAt: row.created_at,
    endedAt: row.ended_at ?? undefined,
    entries: row.entries,
  };
}

/** Entries written per INSERT statement when a batch is flushed. */
const ROWS_PER_INSERT = 100;

/** A match record's columns, of `matches m` (not its header: the scenario, large, read apart). */
export const MATCH_COLUMNS = "m.id, m.session_id, m.table_no, m.status, m.created_at, m.ended_at";

/** A match's entry count, as a subquery of `matches m` (PostgreSQL counts in 64 bits: cast). */
export const ENTRY_COUNT =
  "(SELECT CAST(COUNT(*) AS INTEGER) FROM entries e WHERE e.match_id = m.id)";

/** A seat record's columns, named as `SeatRecord` (quoted: PostgreSQL folds bare names to lower case). */
export const SEAT_COLUMNS = `match_id AS "matchId", team, role, name, claimed_at AS "claimedAt"`;

/** The insert of a match row. */
export function matchInsert(
  id: string,
  sessionId: string,
  table: number,
  header: LogHeader,
  status: MatchRecord["status"],
  parent?: MatchLog,
): Statement {
  return [
    "INSERT INTO matches (id, session_id, table_no, header, status, created_at, parent) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [
      id,
      sessionId,
      table,
      JSON.stringify(header),
      status,
      Date.now(),
      parent ? JSON.stringify(parent) : null,
    ],
  ];
}

const insertTexts: string[] = [];

/** The text of an insert of `rows` entries: the same string each time, so it is prepared once. */
function insertText(rows: number): string {
  insertTexts[rows] ??=
    `INSERT INTO entries (match_id, seq, at, command, hash, checkpoint) VALUES ${Array(rows).fill("(?, ?, ?, ?, ?, ?)").join(", ")}`;
  return insertTexts[rows];
}

/** Inserts of log entries, many rows to a statement. */
export function inserts(
  rows: readonly { readonly matchId: string; readonly entry: LogEntry }[],
): Statement[] {
  const statements: Statement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    statements.push([
      insertText(chunk.length),
      chunk.flatMap(({ matchId, entry }) => [
        matchId,
        entry.seq,
        entry.at,
        JSON.stringify(entry.command),
        entry.hash,
        entry.checkpoint ?? null,
      ]),
    ]);
  }
  return statements;
}

/**
 * Inserts of log entries fenced by their tables' leases: each table's rows follow a statement that
 * must find `owner` holding its lease (in PostgreSQL it also locks the lease until the batch commits,
 * so a takeover waits for the write). `guards` names the table of each such statement.
 */
export function fencedInserts(
  rows: readonly { readonly matchId: string; readonly entry: LogEntry }[],
  owner: string,
): { statements: Statement[]; guards: Map<number, string> } {
  const byMatch = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) byMatch.set(row.matchId, [...(byMatch.get(row.matchId) ?? []), row]);
  const statements: Statement[] = [];
  const guards = new Map<number, string>();
  for (const [matchId, own] of byMatch) {
    guards.set(statements.length, matchId);
    statements.push([
      "UPDATE leases SET lease_until = lease_until WHERE match_id = ? AND owner = ?",
      [matchId, owner],
      1,
    ]);
    statements.push(...inserts(own));
  }
  return { statements, guards };
}
