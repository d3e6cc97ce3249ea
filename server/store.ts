import type Database from "better-sqlite3";
import {
  type LogEntry,
  LogEntry as LogEntrySchema,
  type LogHeader,
  type MatchLog,
  sealLog,
} from "../shared/index.ts";
import { hashSecret } from "./secrets.ts";
import type { LogOrigin } from "./signing.ts";
import {
  type ImportRecord,
  type MatchRecord,
  type MatchRow,
  openDatabase,
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
 * The durable store: sessions, matches, their logs entry by entry, and claimed seats, in one SQLite
 * file in WAL mode. Appended entries are written in one transaction by `flush` (group commit), which
 * the rooms call before every patch and which every other statement runs first: an accepted command
 * is on disk before its effects are broadcast, and survives the server process being killed.
 */
export class Store {
  private readonly db: Database.Database;
  private pending: { readonly matchId: string; readonly entry: LogEntry }[] = [];

  constructor(path: string) {
    this.db = openDatabase(path);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once, run after the pending entries are written. */
  private sql(text: string): Database.Statement {
    this.flush();
    return this.prepared(text);
  }

  private prepared(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  close(): void {
    this.flush();
    this.db.close();
  }

  createSession(session: Session, secret: string): void {
    this.sql(
      "INSERT INTO sessions (id, code, secret_hash, created_at, settings) VALUES (?, ?, ?, ?, ?)",
    ).run(
      session.id,
      session.code,
      hashSecret(secret),
      session.createdAt,
      JSON.stringify(session.settings),
    );
  }

  session(id: string): Session | undefined {
    const row = this.sql("SELECT * FROM sessions WHERE id = ?").get(id) as SessionRow | undefined;
    return row && toSession(row);
  }

  sessionByCode(code: string): Session | undefined {
    const row = this.sql("SELECT * FROM sessions WHERE code = ?").get(code) as
      | SessionRow
      | undefined;
    return row && toSession(row);
  }

  /** The session a facilitator secret opens, if any. */
  sessionBySecret(secret: string): Session | undefined {
    const row = this.sql("SELECT * FROM sessions WHERE secret_hash = ?").get(hashSecret(secret)) as
      | SessionRow
      | undefined;
    return row && toSession(row);
  }

  createMatch(
    id: string,
    sessionId: string,
    table: number,
    header: LogHeader,
    status: MatchRecord["status"] = "live",
  ): void {
    this.sql(
      "INSERT INTO matches (id, session_id, table_no, header, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(id, sessionId, table, JSON.stringify(header), status, Date.now());
  }

  /** Appends one accepted command to a match's log; it is written by the next `flush`. */
  append(matchId: string, entry: LogEntry): void {
    this.pending.push({ matchId, entry });
  }

  /** Writes every appended entry, of every match, in one transaction (group commit). */
  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const { matchId, entry } of batch) this.insert(matchId, entry);
    })();
  }

  private insert(matchId: string, entry: LogEntry): void {
    this.prepared(
      "INSERT INTO entries (match_id, seq, at, command, hash, checkpoint) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(
      matchId,
      entry.seq,
      entry.at,
      JSON.stringify(entry.command),
      entry.hash,
      entry.checkpoint ?? null,
    );
  }

  /** Stores an imported log as its owner's (by the hash of the key that owns it), in one transaction. */
  importLog(
    matchId: string,
    log: Pick<MatchLog, "header" | "entries">,
    owner: { readonly keyHash: string; readonly bytes: number; readonly origin: LogOrigin },
  ): void {
    this.db.transaction(() => {
      this.createMatch(matchId, "imported", 0, log.header, "imported");
      for (const entry of log.entries) this.insert(matchId, entry);
      this.sql("INSERT INTO imports (match_id, owner_hash, bytes, origin) VALUES (?, ?, ?, ?)").run(
        matchId,
        owner.keyHash,
        owner.bytes,
        owner.origin,
      );
    })();
  }

  /** The imports a key owns, newest first. */
  importsOf(key: string): ImportRecord[] {
    return this.sql(
      `SELECT i.match_id AS matchId, m.created_at AS createdAt, i.bytes, i.origin,
              (SELECT COUNT(*) FROM entries e WHERE e.match_id = i.match_id) AS entries
         FROM imports i JOIN matches m ON m.id = i.match_id
        WHERE i.owner_hash = ? ORDER BY m.created_at DESC`,
    ).all(hashSecret(key)) as ImportRecord[];
  }

  /** Whether a key owns an import: the one it names, or any. */
  ownsImport(key: string, matchId?: string): boolean {
    return !!this.sql(
      "SELECT 1 FROM imports WHERE owner_hash = ? AND (? IS NULL OR match_id = ?) LIMIT 1",
    ).get(hashSecret(key), matchId ?? null, matchId ?? null);
  }

  /** Bytes of every imported log held. */
  importedBytes(): number {
    return (this.sql("SELECT COALESCE(SUM(bytes), 0) AS n FROM imports").get() as { n: number }).n;
  }

  /**
   * Matches past their keeping: imports made before `importCutoff`, and (when `endedCutoff` is set)
   * matches that ended before it, whose sessions have no live table left.
   */
  expiredMatches(importCutoff: number, endedCutoff?: number): string[] {
    const rows = this.sql(
      `SELECT m.id FROM matches m
        WHERE (m.status = 'imported' AND m.created_at < ?)
           OR (? IS NOT NULL AND m.status = 'ended' AND m.ended_at < ? AND NOT EXISTS (
                SELECT 1 FROM matches o WHERE o.session_id = m.session_id AND o.status = 'live'))`,
    ).all(importCutoff, endedCutoff ?? null, endedCutoff ?? null) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Deletes a match, its log and seats (and its session, once it has no match left). */
  deleteMatch(matchId: string): void {
    this.db.transaction(() => {
      const sessionId = this.match(matchId)?.sessionId;
      for (const table of ["entries", "seats", "imports"])
        this.sql(`DELETE FROM ${table} WHERE match_id = ?`).run(matchId);
      this.sql("DELETE FROM matches WHERE id = ?").run(matchId);
      this.sql(
        "DELETE FROM sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM matches WHERE session_id = ?)",
      ).run(sessionId ?? null, sessionId ?? null);
    })();
  }

  endMatch(matchId: string): void {
    this.sql(
      "UPDATE matches SET status = 'ended', ended_at = ? WHERE id = ? AND status = 'live'",
    ).run(Date.now(), matchId);
  }

  match(id: string): MatchRecord | undefined {
    const row = this.sql(
      `SELECT m.*, (SELECT COUNT(*) FROM entries e WHERE e.match_id = m.id) AS entries FROM matches m WHERE m.id = ?`,
    ).get(id) as MatchRow | undefined;
    return row && toMatch(row);
  }

  matchesOfSession(sessionId: string): MatchRecord[] {
    const rows = this.sql(
      `SELECT m.*, (SELECT COUNT(*) FROM entries e WHERE e.match_id = m.id) AS entries
         FROM matches m WHERE m.session_id = ? ORDER BY m.table_no`,
    ).all(sessionId) as MatchRow[];
    return rows.map(toMatch);
  }

  /**
   * Live matches whose session has seen nothing happen since `cutoff` (ms): no command at any of
   * its tables, and not created since.
   */
  idleLiveMatches(cutoff: number): MatchRecord[] {
    const rows = this.sql(
      `SELECT m.*, 0 AS entries FROM matches m JOIN sessions s ON s.id = m.session_id
         WHERE m.status = 'live' AND s.created_at < ? AND NOT EXISTS (
           SELECT 1 FROM matches o JOIN entries e ON e.match_id = o.id
            WHERE o.session_id = s.id AND e.at >= ?)`,
    ).all(cutoff, cutoff) as MatchRow[];
    return rows.map(toMatch);
  }

  /** Matches still being played, to restore after a restart. */
  liveMatches(): MatchRecord[] {
    const rows = this.sql(
      `SELECT m.*, 0 AS entries FROM matches m WHERE m.status = 'live' ORDER BY m.created_at`,
    ).all() as MatchRow[];
    return rows.map(toMatch);
  }

  header(matchId: string): LogHeader | undefined {
    const row = this.sql("SELECT header FROM matches WHERE id = ?").get(matchId) as
      | { header: string }
      | undefined;
    return row && (JSON.parse(row.header) as LogHeader);
  }

  entries(matchId: string): LogEntry[] {
    const rows = this.sql(
      "SELECT seq, at, command, checkpoint, hash FROM entries WHERE match_id = ? ORDER BY seq",
    ).all(matchId) as {
      seq: number;
      at: number;
      command: string;
      checkpoint: string | null;
      hash: string;
    }[];
    return rows.map(({ checkpoint, ...row }) =>
      LogEntrySchema.parse({
        ...row,
        command: JSON.parse(row.command),
        ...(checkpoint ? { checkpoint } : {}),
      }),
    );
  }

  /** A match's complete log: sealed once the match has ended. */
  log(matchId: string): MatchLog | undefined {
    const header = this.header(matchId);
    const match = this.match(matchId);
    if (!header || !match) return undefined;
    const log = sealLog(header, this.entries(matchId));
    return match.status === "live" ? { ...log, end: undefined } : log;
  }

  /** Claims a seat for the holder of `token`, from a client address (kept hashed, to bound seats per client). */
  claimSeat(seat: Omit<SeatRecord, "claimedAt">, token: string, address: string): void {
    this.sql(
      `INSERT INTO seats (match_id, team, role, name, token_hash, claimed_at, address_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
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
  seatsClaimedFrom(sessionId: string, address: string): number {
    return (
      this.sql(
        `SELECT COUNT(*) AS n FROM seats s JOIN matches m ON m.id = s.match_id
          WHERE m.session_id = ? AND s.address_hash = ?`,
      ).get(sessionId, hashSecret(address)) as { n: number }
    ).n;
  }

  /** Frees a claimed seat: its token opens nothing any more, and the seat can be taken again. */
  releaseSeat(matchId: string, team: string, role: string): void {
    this.sql("DELETE FROM seats WHERE match_id = ? AND team = ? AND role = ?").run(
      matchId,
      team,
      role,
    );
  }

  seatTaken(matchId: string, team: string, role: string): boolean {
    return !!this.seat(matchId, team, role);
  }

  /** A claimed seat of a match, if it is claimed. */
  seat(matchId: string, team: string, role: string): SeatRecord | undefined {
    return this.sql(
      `SELECT match_id AS matchId, team, role, name, claimed_at AS claimedAt FROM seats
        WHERE match_id = ? AND team = ? AND role = ?`,
    ).get(matchId, team, role) as SeatRecord | undefined;
  }

  seats(matchId: string): SeatRecord[] {
    return this.sql(
      "SELECT match_id AS matchId, team, role, name, claimed_at AS claimedAt FROM seats WHERE match_id = ?",
    ).all(matchId) as SeatRecord[];
  }

  /** The seat a token opens, if any. */
  seatByToken(token: string): SeatRecord | undefined {
    return this.sql(
      "SELECT match_id AS matchId, team, role, name, claimed_at AS claimedAt FROM seats WHERE token_hash = ?",
    ).get(hashSecret(token)) as SeatRecord | undefined;
  }
}
