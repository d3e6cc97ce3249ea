import type { LogEntry } from "../shared/index.ts";
import { type Sql, UnexpectedRows } from "./sql.ts";
import { fencedInserts, inserts } from "./store-schema.ts";

/**
 * The store's write queue of log entries: appended as commands are accepted, written together by
 * `flush` (group commit), which the rooms await before every patch and every other statement of the
 * store awaits first, so that an accepted command is durable before its effects are broadcast. In a
 * cluster each table's writes are fenced by its lease (`fence`).
 */
export class LogWrites {
  private pending: { readonly matchId: string; readonly entry: LogEntry }[] = [];
  /** The last flush, settled or not: flushes run one after another, in order. */
  private writing: Promise<void> = Promise.resolve();
  /** Flushes not yet settled. */
  private flushing = 0;
  /** Matches whose entries this process no longer writes (`discard`). */
  private readonly discarded = new Set<string>();
  /** The process whose leases fence the writes of entries (`fence`). */
  private owner: string | undefined;

  constructor(private readonly db: Sql) {}

  /** Appends one accepted command to a match's log; it is written by the next `flush`. */
  append(matchId: string, entry: LogEntry): void {
    this.pending.push({ matchId, entry });
  }

  /**
   * Writes every entry appended so far, of every match, in one transaction (group commit), after any
   * flush still running; resolves once they are durable. If the write fails the entries stay queued,
   * first in line for the next flush, so a log never gets a hole.
   */
  flush(): Promise<void> {
    this.flushing++;
    const next = this.writing
      .then(async () => {
        for (;;) {
          const batch = this.pending.splice(0);
          if (batch.length === 0) return;
          const { statements, guards } = this.owner
            ? fencedInserts(batch, this.owner)
            : { statements: inserts(batch), guards: new Map<number, string>() };
          try {
            await this.db.batch(statements);
            return;
          } catch (error) {
            this.pending.unshift(...batch.filter((p) => !this.discarded.has(p.matchId)));
            const lost = error instanceof UnexpectedRows ? guards.get(error.index) : undefined;
            if (!lost) throw error;
            this.discard(lost); // another process took the table over: write the others' entries
          }
        }
      })
      .finally(() => {
        this.flushing--;
      });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /**
   * Writes a table's entries only while `owner` holds its lease: once another process has taken the
   * table over, this one's entries of it are dropped (never acknowledged) and `lost` says so.
   */
  fence(owner: string): void {
    this.owner = owner;
  }

  /** Whether this process has lost a table to another and writes nothing more of it. */
  lost(matchId: string): boolean {
    return this.discarded.has(matchId);
  }

  /** Whether every appended entry is written: nothing queued, no write under way. */
  get settled(): boolean {
    return this.pending.length === 0 && this.flushing === 0;
  }

  /** Drops a match's entries not yet written, and any of a write under way that fails: its process lost the match to another. */
  discard(matchId: string): void {
    this.discarded.add(matchId);
    this.pending = this.pending.filter((p) => p.matchId !== matchId);
  }
}
