import type { Sql } from "./sql.ts";

/** Which process holds a live match, and until when (ms since the epoch). */
export type Lease = { readonly owner: string; readonly until: number };

/**
 * The leases of live matches, kept in the store's `matches` table: each live match is played by the
 * one process that holds its lease (`TableKeeper`), and changes hands only by compare-and-set.
 */
export class Leases {
  constructor(private readonly db: Sql) {}

  /**
   * Takes the lease on a live match, if nobody else holds it: free, the claimer's own, or lapsed at
   * `now`. Exactly one of several processes asking at once gets it.
   */
  async claim(matchId: string, lease: Lease, now: number): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE matches SET owner = ?, lease_until = ?
        WHERE id = ? AND status = 'live' AND (owner IS NULL OR owner = ? OR lease_until < ?)`,
      lease.owner,
      lease.until,
      matchId,
      lease.owner,
      now,
    );
    return changed === 1;
  }

  /** Extends every lease its owner still holds; resolves to the matches it holds. */
  async renew(lease: Lease): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      "UPDATE matches SET lease_until = ? WHERE owner = ? AND status = 'live' RETURNING id",
      lease.until,
      lease.owner,
    );
    return rows.map((row) => row.id);
  }

  /** Gives up a lease, so another process may take the match over at once. */
  async release(matchId: string, owner: string): Promise<void> {
    await this.db.run(
      "UPDATE matches SET lease_until = 0 WHERE id = ? AND owner = ?",
      matchId,
      owner,
    );
  }

  /** Live matches whose lease has lapsed at `now` (their process is gone), oldest first. */
  async lapsed(now: number): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      "SELECT id FROM matches WHERE status = 'live' AND lease_until < ? ORDER BY created_at",
      now,
    );
    return rows.map((row) => row.id);
  }
}
