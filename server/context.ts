import type { Presence } from "@colyseus/core";
import type { TableKeeper } from "./cluster.ts";
import type { joinGate } from "./join.ts";
import type { LogSigner } from "./signing.ts";
import type { Store } from "./store.ts";

/** What every room and route of a server shares: the store, the join gate, the signer, its settings. */
export type ServerContext = {
  readonly store: Store;
  /** Who may join which table (`server/join.ts`). */
  readonly gate: ReturnType<typeof joinGate>;
  /** Signs exported logs and recognises this server's signature. */
  readonly signer: LogSigner;
  /** How long a dropped seat is kept for its player. */
  readonly reconnectSeconds: number;
  /** Pause before a bot acts in an untimed session (timed sessions pace bots like people: 2–4 s). */
  readonly botDelayMs: number;
  /** Bytes of imported logs the store may hold (`IMPORT_STORE_MB`). */
  readonly importStoreBytes: number;
  /** What the processes of a deployment share besides the store: counters for the rate limits. */
  readonly presence: Presence;
  /** This process's leases on the tables it plays. */
  readonly tables: TableKeeper;
  /** How many times faster than the session's settings timed phases run: 1, or more in tests. */
  readonly clockScale: number;
};
