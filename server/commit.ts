import type { Store } from "./store.ts";

/**
 * A table's group commit (DESIGN: nothing is broadcast before it is durable): a patch, and the
 * answers and events that travel with it, go out only once the store holds every entry the table
 * accepted before it. While the store cannot write, patches wait, and the outage is said once; the
 * room's clock, which Colyseus ticks with each patch, waits with them (no deadline passes, no bot
 * acts, while nothing can be recorded).
 */
export class GroupCommit {
  private waiting = false;
  private failure: Error | undefined;

  constructor(
    private readonly store: () => Store,
    private readonly table: () => string,
    /** The table's last accepted sequence number. */
    private readonly seq: () => number,
  ) {}

  /** Resolves once every entry the table has accepted is durable, however many arrive meanwhile. */
  async durable(): Promise<void> {
    let seq: number;
    do {
      seq = this.seq();
      await this.store().writes.flush();
    } while (seq !== this.seq());
    if (this.failure) console.warn(`Table ${this.table()}: the store writes again.`);
    this.failure = undefined;
  }

  /**
   * Sends a patch once what it shows is durable (at once when the store has nothing left to write,
   * as most patch intervals of most tables find it); a patch already waiting takes this one's place.
   */
  patch(send: () => void): void {
    if (this.waiting || this.store().writes.lost(this.table())) return; // lost: another process plays it
    if (this.store().writes.settled) {
      send();
      return;
    }
    this.waiting = true;
    this.durable()
      .then(() => {
        if (!this.store().writes.lost(this.table())) send();
      })
      .catch((error: Error) => this.failed(error))
      .finally(() => {
        this.waiting = false;
      });
  }

  /** Says once per outage that the store cannot write. */
  failed(error: Error): void {
    if (!this.failure)
      console.warn(`Table ${this.table()}: the store cannot write: ${error.message}`);
    this.failure = error;
  }
}
