import {
  type LogEntry,
  LogEntry as LogEntrySchema,
  type LogHeader,
  type MatchLog,
  sealLog,
} from "../shared/index.ts";
import { type Lease, Leases, leaseInsert } from "./leases.ts";
import { LogWrites } from "./log-writes.ts";
import { hashSecret } from "./secrets.ts";
import type { LogOrigin } from "./signing.ts";
import type { Param, Sql } from "./sql.ts";
import {
  ENTRY_COUNT,
  type ImportRecord,
  inserts,
  MATCH_COLUMNS,
  type MatchRecord,
  type MatchRow,
  matchInsert,
  migrate,
  SEAT_COLUMNS,
  type SeatRecord,
  type Session,
  type SessionRow,
  toMatch,
  toSession,
} from "./store-schema.ts";

export type {
  ImportRecord,
  MatchRecord,
  SeatRecord,
  Session,
  SessionSettings,
} from "./store-schema.ts";

/**
 * The durable store: sessions, matches, their logs entry by entry, and claimed seats, in an embedded
 * SQLite file (`sqlite`) or in PostgreSQL (`postgres`), through the same SQL. Log entries go through
 * `writes` (group commit), which every other statement awaits first: a query sees every entry
 * appended before it.
 */
export class Store {
  /** The write queue of log entries (group commit, fenced by leases in a cluster). */
  readonly writes: LogWrites;
  /** Which process plays each live match. */
  readonly leases: Leases;

  private constructor(private readonly db: Sql) {
    this.writes = new LogWrites(db);
    this.leases = new Leases(db);
  }

  /** Opens a store on a database, bringing its tables up to this version. */
  static async open(db: Sql): Promise<Store> {
    await migrate(db);
    return new Store(db);
  }

  /** Queries see every entry appended before them. */
  private async get<T>(text: string, ...params: Param[]): Promise<T | undefined> {
    await this.writes.flush();
    return this.db.get<T>(text, ...params);
  }

  private async all<T>(text: string, ...params: Param[]): Promise<T[]> {
    await this.writes.flush();
    return this.db.all<T>(text, ...params);
  }

  private async run(text: string, ...params: Param[]): Promise<void> {
    await this.writes.flush();
    await this.db.run(text, ...params);
  }

  /** Writes what is queued, then closes the database (even if the write failed, which it reports). */
  async close(): Promise<void> {
    try {
      await this.writes.flush();
    } finally {
      await this.db.close();
    }
  }

  async createSession(session: Session, secret: string): Promise<void> {
    await this.run(
      "INSERT INTO sessions (id, code, secret_hash, created_at, settings) VALUES (?, ?, ?, ?, ?)",
      session.id,
      session.code,
      hashSecret(secret),
      session.createdAt,
      JSON.stringify(session.settings),
    );
  }

  async session(id: string): Promise<Session | undefined> {
    const row = await this.get<SessionRow>("SELECT * FROM sessions WHERE id = ?", id);
    return row && toSession(row);
  }

  async sessionByCode(code: string): Promise<Session | undefined> {
    const row = await this.get<SessionRow>("SELECT * FROM sessions WHERE code = ?", code);
    return row && toSession(row);
  }

  /** The session a facilitator secret opens, if any. */
  async sessionBySecret(secret: string): Promise<Session | undefined> {
    const row = await this.get<SessionRow>(
      "SELECT * FROM sessions WHERE secret_hash = ?",
      hashSecret(secret),
    );
    return row && toSession(row);
  }

  /** Creates a live match, leased to the process that will open its room; a fork, with its parent's log. */
  async createMatch(
    id: string,
    sessionId: string,
    table: number,
    header: LogHeader,
    lease: Lease,
    parent?: MatchLog,
  ): Promise<void> {
    await this.writes.flush();
    await this.db.batch([
      matchInsert(id, sessionId, table, header, "live", parent),
      leaseInsert(id, lease),
    ]);
  }

  /** Stores an imported log as its owner's (by the hash of the key that owns it), in one transaction. */
  async importLog(
    matchId: string,
    log: Pick<MatchLog, "header" | "entries" | "parent">,
    owner: { readonly keyHash: string; readonly bytes: number; readonly origin: LogOrigin },
  ): Promise<void> {
    await this.writes.flush();
    await this.db.batch([
      matchInsert(matchId, "imported", 0, log.header, "imported", log.parent),
      ...inserts(log.entries.map((entry) => ({ matchId, entry }))),
      [
        "INSERT INTO imports (match_id, owner_hash, bytes, origin) VALUES (?, ?, ?, ?)",
        [matchId, owner.keyHash, owner.bytes, owner.origin],
      ],
    ]);
  }

  /** The imports a key owns, newest first. */
  importsOf(key: string): Promise<ImportRecord[]> {
    return this.all<ImportRecord>(
      `SELECT i.match_id AS "matchId", m.created_at AS "createdAt", i.bytes, i.origin,
              (SELECT CAST(COUNT(*) AS INTEGER) FROM entries e WHERE e.match_id = i.match_id) AS entries
         FROM imports i JOIN matches m ON m.id = i.match_id
        WHERE i.owner_hash = ? ORDER BY m.created_at DESC`,
      hashSecret(key),
    );
  }

  /** Whether a key owns an import: the one it names, or any. */
  async ownsImport(key: string, matchId?: string): Promise<boolean> {
    return !!(await this.get(
      "SELECT 1 AS found FROM imports WHERE owner_hash = ? AND (CAST(? AS TEXT) IS NULL OR match_id = ?) LIMIT 1",
      hashSecret(key),
      matchId ?? null,
      matchId ?? null,
    ));
  }

  /** Bytes of every imported log held. */
  async importedBytes(): Promise<number> {
    const row = await this.get<{ n: number }>(
      "SELECT CAST(COALESCE(SUM(bytes), 0) AS BIGINT) AS n FROM imports",
    );
    return row?.n ?? 0;
  }

  /**
   * Matches past their keeping: imports made before `importCutoff`, and (when `endedCutoff` is set)
   * matches that ended before it, whose sessions have no live table left.
   */
  async expiredMatches(importCutoff: number, endedCutoff?: number): Promise<string[]> {
    const rows = await this.all<{ id: string }>(
      `SELECT m.id FROM matches m
        WHERE (m.status = 'imported' AND m.created_at < ?)
           OR (CAST(? AS BIGINT) IS NOT NULL AND m.status = 'ended' AND m.ended_at < ? AND NOT EXISTS (
                SELECT 1 FROM matches o WHERE o.session_id = m.session_id AND o.status = 'live'))`,
      importCutoff,
      endedCutoff ?? null,
      endedCutoff ?? null,
    );
    return rows.map((row) => row.id);
  }

  /** Deletes a match, its log and seats (and its session, once it has no match left). */
  async deleteMatch(matchId: string): Promise<void> {
    const sessionId = (await this.match(matchId))?.sessionId ?? null;
    await this.db.batch([
      ...["entries", "seats", "imports", "leases"].map(
        (table) => [`DELETE FROM ${table} WHERE match_id = ?`, [matchId]] as const,
      ),
      ["DELETE FROM matches WHERE id = ?", [matchId]],
      [
        "DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM matches WHERE session_id = ?)",
        [sessionId, sessionId],
      ],
    ]);
  }

  /** Ends a match: it is no longer live (its room, open for the debrief, keeps its lease). */
  async endMatch(matchId: string): Promise<void> {
    await this.run(
      "UPDATE matches SET status = 'ended', ended_at = ? WHERE id = ? AND status = 'live'",
      Date.now(),
      matchId,
    );
  }

  async match(id: string): Promise<MatchRecord | undefined> {
    const row = await this.get<MatchRow>(
      `SELECT ${MATCH_COLUMNS}, ${ENTRY_COUNT} AS entries FROM matches m WHERE m.id = ?`,
      id,
    );
    return row && toMatch(row);
  }

  async matchesOfSession(sessionId: string): Promise<MatchRecord[]> {
    const rows = await this.all<MatchRow>(
      `SELECT ${MATCH_COLUMNS}, ${ENTRY_COUNT} AS entries FROM matches m WHERE m.session_id = ? ORDER BY m.table_no`,
      sessionId,
    );
    return rows.map(toMatch);
  }

  /**
   * Live matches whose session has seen nothing happen since `cutoff` (ms): no command at any of
   * its tables, and not created since.
   */
  async idleLiveMatches(cutoff: number): Promise<MatchRecord[]> {
    const rows = await this.all<MatchRow>(
      `SELECT ${MATCH_COLUMNS}, 0 AS entries FROM matches m JOIN sessions s ON s.id = m.session_id
         WHERE m.status = 'live' AND s.created_at < ? AND NOT EXISTS (
           SELECT 1 FROM matches o JOIN entries e ON e.match_id = o.id
            WHERE o.session_id = s.id AND e.at >= ?)`,
      cutoff,
      cutoff,
    );
    return rows.map(toMatch);
  }

  /**
   * A key every process of a deployment shares (the log-signing key): the one stored under `name`,
   * or `candidate`, stored, if none is yet.
   */
  async sharedKey(name: string, candidate: Buffer): Promise<Buffer> {
    await this.run(
      "INSERT INTO server_keys (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
      name,
      candidate.toString("base64"),
    );
    const row = await this.get<{ value: string }>(
      "SELECT value FROM server_keys WHERE name = ?",
      name,
    );
    return row ? Buffer.from(row.value, "base64") : candidate;
  }

  /** Matches still being played, to restore after a restart. */
  async liveMatches(): Promise<MatchRecord[]> {
    const rows = await this.all<MatchRow>(
      `SELECT ${MATCH_COLUMNS}, 0 AS entries FROM matches m WHERE m.status = 'live' ORDER BY m.created_at`,
    );
    return rows.map(toMatch);
  }

  async header(matchId: string): Promise<LogHeader | undefined> {
    const row = await this.get<{ header: string }>(
      "SELECT header FROM matches WHERE id = ?",
      matchId,
    );
    return row && (JSON.parse(row.header) as LogHeader);
  }

  /** A fork's parent log, as it stood when the fork was made. */
  async parent(matchId: string): Promise<MatchLog | undefined> {
    const row = await this.get<{ parent: string | null }>(
      "SELECT parent FROM matches WHERE id = ?",
      matchId,
    );
    return row?.parent ? (JSON.parse(row.parent) as MatchLog) : undefined;
  }

  async entries(matchId: string): Promise<LogEntry[]> {
    const rows = await this.all<{
      seq: number;
      at: number;
      command: string;
      checkpoint: string | null;
      hash: string;
    }>(
      "SELECT seq, at, command, checkpoint, hash FROM entries WHERE match_id = ? ORDER BY seq",
      matchId,
    );
    return rows.map(({ checkpoint, ...row }) =>
      LogEntrySchema.parse({
        ...row,
        command: JSON.parse(row.command),
        ...(checkpoint ? { checkpoint } : {}),
      }),
    );
  }

  /** A match's complete log: sealed once the match has ended; a fork's, with its parent's. */
  async log(matchId: string): Promise<MatchLog | undefined> {
    const [header, match, entries, parent] = await Promise.all([
      this.header(matchId),
      this.match(matchId),
      this.entries(matchId),
      this.parent(matchId),
    ]);
    if (!header || !match) return undefined;
    const log = { ...sealLog(header, entries), ...(parent && { parent }) };
    return match.status === "live" ? { ...log, end: undefined } : log;
  }

  /** Claims a seat for the holder of `token`, from a client address (kept hashed, to bound seats per client). */
  async claimSeat(
    seat: Omit<SeatRecord, "claimedAt">,
    token: string,
    address: string,
  ): Promise<void> {
    await this.run(
      `INSERT INTO seats (match_id, team, role, name, token_hash, claimed_at, address_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      seat.matchId,
      seat.team,
      seat.role,
      seat.name,
      hashSecret(token),
      Date.now(),
      hashSecret(address),
    );
  }

  /** Seats claimed from a client address across a session's tables. */
  async seatsClaimedFrom(sessionId: string, address: string): Promise<number> {
    const row = await this.get<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM seats s JOIN matches m ON m.id = s.match_id
        WHERE m.session_id = ? AND s.address_hash = ?`,
      sessionId,
      hashSecret(address),
    );
    return row?.n ?? 0;
  }

  /** Frees a claimed seat: its token opens nothing any more, and the seat can be taken again. */
  async releaseSeat(matchId: string, team: string, role: string): Promise<void> {
    await this.run(
      "DELETE FROM seats WHERE match_id = ? AND team = ? AND role = ?",
      matchId,
      team,
      role,
    );
  }

  /** A claimed seat of a match, if it is claimed. */
  seat(matchId: string, team: string, role: string): Promise<SeatRecord | undefined> {
    return this.get<SeatRecord>(
      `SELECT ${SEAT_COLUMNS} FROM seats WHERE match_id = ? AND team = ? AND role = ?`,
      matchId,
      team,
      role,
    );
  }

  seats(matchId: string): Promise<SeatRecord[]> {
    return this.all<SeatRecord>(`SELECT ${SEAT_COLUMNS} FROM seats WHERE match_id = ?`, matchId);
  }

  /** The seat a token opens, if any. */
  seatByToken(token: string): Promise<SeatRecord | undefined> {
    return this.get<SeatRecord>(
      `SELECT ${SEAT_COLUMNS} FROM seats WHERE token_hash = ?`,
      hashSecret(token),
    );
  }
}
