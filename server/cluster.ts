import type { IncomingMessage, Server } from "node:http";
import { CloseCode, matchMaker } from "@colyseus/core";
import type { Lease } from "./leases.ts";
import type { Store } from "./store.ts";

/**
 * How long a process's hold on its tables lasts unrenewed: a table whose process died is taken over
 * by another this long after the last renewal.
 */
export const LEASE_MS = 5000;
/** How often each process renews its leases and looks for tables whose lease lapsed. */
export const LEASE_CHECK_MS = 1000;

/** What a table's room does for the process keeping it. */
export type KeptTable = {
  /** Closes the room (with a code that tells its players to join again): another process holds the table. */
  disconnect(closeCode?: number): Promise<unknown>;
};

/**
 * This process's hold on the tables it plays: each live match is leased, in the store, to the one
 * process whose room plays it. The process renews its leases, opens the rooms of tables whose lease
 * lapsed (their process died or shut down), and closes any of its rooms whose lease it lost (after a
 * stall long enough for another process to take it over), so that no match is ever played twice.
 */
export class TableKeeper {
  /** This process's rooms, by match id. */
  readonly rooms = new Map<string, KeptTable>();
  /** Tables being taken over by this process, so that a table is opened once. */
  private readonly opening = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  /** The round under way, if one is. */
  private round: Promise<void> | undefined;
  private renewedAt = 0;

  constructor(
    private readonly store: Store,
    /** Whom the leases name: this process. */
    readonly owner: string,
    /** Opens a table's room in this process. */
    private readonly open: (matchId: string) => Promise<unknown>,
  ) {
    store.writes.fence(owner);
  }

  /** A lease on a table for this process, from `now`. */
  lease(now = Date.now()): Lease {
    return { owner: this.owner, until: now + LEASE_MS };
  }

  /** Takes a table's lease for this process, if no other process holds it (`force`: whatever holds it). */
  claim(matchId: string, force = false): Promise<boolean> {
    const now = Date.now();
    return this.store.leases.claim(matchId, this.lease(now), force ? Number.MAX_SAFE_INTEGER : now);
  }

  /** Renews and takes over every `LEASE_CHECK_MS`, until `stop`. */
  start(onError: (error: Error) => void): void {
    this.timer = setInterval(() => {
      this.round ??= this.keep()
        .catch(onError)
        .finally(() => {
          this.round = undefined;
        });
    }, LEASE_CHECK_MS);
  }

  /** Stops renewing and taking over (before the process closes its rooms), once the round under way ends. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** One round: renew, close what was lost, take over what lapsed (renewing meanwhile, if it takes long). */
  async keep(): Promise<void> {
    await this.renew();
    for (const matchId of await this.store.leases.takenFrom(this.owner, [...this.rooms.keys()])) {
      const room = this.rooms.get(matchId);
      this.rooms.delete(matchId);
      this.store.writes.discard(matchId);
      await room?.disconnect(CloseCode.SERVER_SHUTDOWN);
    }
    for (const matchId of await this.store.leases.lapsed(Date.now())) {
      if (Date.now() - this.renewedAt >= LEASE_CHECK_MS) await this.renew();
      await this.adopt(matchId);
    }
  }

  private async renew(): Promise<void> {
    this.renewedAt = Date.now();
    await this.store.leases.renew(this.lease(this.renewedAt));
  }

  /**
   * Opens a table here if its process is gone (its lease lapsed): the keeper calls it for each such
   * table, and a join for its own table at once (`adoptBeforeJoining`), rather than wait its turn.
   */
  adopt(matchId: string): Promise<void> {
    let opening = this.opening.get(matchId);
    if (!opening) {
      opening = this.takeOver(matchId).finally(() => this.opening.delete(matchId));
      this.opening.set(matchId, opening);
    }
    return opening;
  }

  private async takeOver(matchId: string): Promise<void> {
    if (this.rooms.has(matchId) || !(await this.claim(matchId))) return;
    await matchMaker.driver.remove(matchId); // the listing its dead process left behind
    await this.open(matchId).catch(async (error: Error) => {
      await this.release(matchId); // for another process, or a later round, to try
      throw error;
    });
  }

  /** Gives up a table, so that another process may take it over at once. */
  release(matchId: string): Promise<void> {
    this.rooms.delete(matchId);
    return this.store.leases.release(matchId, this.owner);
  }
}

/** The matchmaker's route for joining a table by id. */
const JOIN_BY_ID = /^\/matchmake\/joinById\/([\w-]+)/;

/**
 * Has a table whose process is gone taken over by this process before the matchmaker looks it up
 * for a join (Colyseus answers "room not found" once the dead process's listings are swept, before
 * any hook of a room runs). Wraps the server's `emit`, as `stampClientAddresses` does.
 */
export function adoptBeforeJoining(server: Server, tables: TableKeeper): void {
  const emit = server.emit.bind(server);
  server.emit = ((event: string, ...args: unknown[]) => {
    const url = event === "request" ? (args[0] as IncomingMessage).url : undefined;
    const matchId = url?.match(JOIN_BY_ID)?.[1];
    if (!matchId) return emit(event, ...args);
    void tables
      .adopt(matchId)
      .catch(() => undefined) // the join goes on, and says what it finds
      .finally(() => emit(event, ...args));
    return true;
  }) as Server["emit"];
}
