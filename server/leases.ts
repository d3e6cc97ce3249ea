import type { Sql, Statement } from "./sql.ts";

/** Which process holds a live match, and until when (ms since the epoch). */
export type Lease = { readonly owner: string; readonly until: number };

/** The insert of a new match's lease. */
export function leaseInsert(matchId: string, lease: Lease): Statement {
  return [
    "INSERT INTO leases (match_id, owner, lease_until) VALUES (?, ?, ?)",
    [matchId, lease.owner, lease.until],
  ];
}

/**
 * The leases of live matches, in the store's `leases` table: each live match is played by the one
 * process that holds its lease (`TableKeeper`), and changes hands only by compare-and-set.
 */
export class Leases {
  constructor(private readonly db: Sql) {}

  /**
   * Takes the lease on a live match, if nobody else holds it: free, the claimer's own, or lapsed at
   * `now`. Exactly one of several processes asking at once gets it.
   */
  async claim(matchId: string, lease: Lease, now: number): Promise<boolean> {
    const changed = await this.db.run(
      `INSERT INTO leases (match_id, owner, lease_until)
         SELECT id, ?, ? FROM matches WHERE id = ? AND status = 'live'
       ON CONFLICT (match_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
         WHERE leases.owner = excluded.owner OR leases.lease_until < ?`,
      lease.owner,
      lease.until,
      matchId,
      now,
    );
    return changed === 1;
  }

  /** Extends every lease its owner still holds. */
  async renew(lease: Lease): Promise<void> {
    await this.db.run(
      "UPDATE leases SET lease_until = ? WHERE owner = ?",
      lease.until,
      lease.owner,
    );
  }

  /** Which of the matches `owner` plays another process has taken over (its lease lapsed). */
  async takenFrom(owner: string, matchIds: readonly string[]): Promise<string[]> {
    const taken: string[] = [];
    for (let start = 0; start < matchIds.length; start += 500) {
      const chunk = matchIds.slice(start, start + 500);
      const rows = await this.db.all<{ id: string }>(
        `SELECT match_id AS id FROM leases WHERE owner <> ? AND match_id IN (${chunk.map(() => "?").join(", ")})`,
        owner,
        ...chunk,
      );
      taken.push(...rows.map((row) => row.id));
    }
    return taken;
  }

  /** Gives up a lease, so another process may take the match over at once. */
  async release(matchId: string, owner: string): Promise<void> {
    await this.db.run(
      "UPDATE leases SET lease_until = 0 WHERE match_id = ? AND owner = ?",
      matchId,
      owner,
    );
  }

  /** Live matches whose lease has lapsed at `now` (or that have none), oldest first. */
  async lapsed(now: number): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      `SELECT m.id FROM matches m LEFT JOIN leases l ON l.match_id = m.id
        WHERE m.status = 'live' AND COALESCE(l.lease_until, 0) < ? ORDER BY m.created_at`,
      now,
    );
    return rows.map((row) => row.id);
  }
}
