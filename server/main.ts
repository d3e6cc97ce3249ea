import { existsSync } from "node:fs";
import { join } from "node:path";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { WebSocket } from "ws";
import { useSha256 } from "../shared/hash.ts";
import { createGameServer } from "./app.ts";
import { LEASE_MS } from "./cluster.ts";
import { retentionFrom, sweep } from "./retention.ts";
import { nativeSha256Hex } from "./secrets.ts";
import { restoreMatches } from "./sessions.ts";
import { loadLogKey } from "./signing.ts";
import { postgres, sqlite } from "./sql.ts";
import { Store } from "./store.ts";

// @colyseus/core reads a global WebSocket during reconnection; Node 20 has none.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
useSha256(nativeSha256Hex);

const port = Number(process.env.PORT ?? 2567);
const clientDir = process.env.CLIENT_DIR ?? join("dist", "client");
if (!process.env.CLIENT_DIR && !existsSync(join(clientDir, "index.html"))) {
  console.log("Building the client (once)…");
  const { build } = await import("vite");
  await build({ configFile: "vite.config.ts", logLevel: "warn" });
}
const dataDir = process.env.DATA_DIR ?? "data";
const store = await Store.open(
  process.env.DATABASE_URL
    ? postgres(process.env.DATABASE_URL)
    : sqlite(process.env.DB_PATH ?? join(dataDir, "trade-truce.sqlite")),
);
const redisUrl = process.env.REDIS_URL;
const retention = retentionFrom(process.env);
const { server, http, tables } = createGameServer({
  store,
  importStoreMb: retention.importStoreMb,
  reconnectSeconds: Number(process.env.RECONNECT_SECONDS ?? 120),
  botDelayMs: process.env.BOT_DELAY_MS ? Number(process.env.BOT_DELAY_MS) : undefined,
  // Every process of a deployment signs with the key the store holds (this one's, if it is first).
  logKey: await store.sharedKey("log-signing", loadLogKey(join(dataDir, "log-key"))),
  trustProxy: (process.env.TRUST_PROXY ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean),
  clientDir,
  ...(redisUrl && {
    presence: new RedisPresence(redisUrl),
    driver: new RedisDriver(redisUrl),
    publicAddress: process.env.PUBLIC_ADDRESS,
  }),
});

// On SIGTERM (or SIGINT) this process stops taking tables over, Colyseus closes its rooms (each
// writes its last entries and gives up its lease, for another process to take over), then the
// store closes.
server.onBeforeShutdown(() => tables.stop());
server.onShutdown(() => store.close());
// A port that cannot be listened on is reported as an error event, which Colyseus only logs.
const cannotListen = (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${port} is in use: is Trade Truce already running? Stop it, or start with another PORT.`
      : `Cannot listen on port ${port}: ${error.message}`,
  );
  process.exit(1);
};
http.once("error", cannotListen);
await server.listen(port);
http.off("error", cannotListen);
await sweep({ store, tables }, Date.now(), retention);
const restored = redisUrl ? undefined : await restoreMatches({ store, tables });
tables.start((error) => console.warn(`Tables: ${error.message}`));
setInterval(() => void sweep({ store, tables }, Date.now(), retention), 3_600_000).unref();
for (const reason of restored?.failed ?? []) console.warn(`Not restored: ${reason}`);
console.log(
  `Trade Truce is ready: open http://localhost:${port}/ (${
    restored
      ? `${restored.restored} match${restored.restored === 1 ? "" : "es"} restored`
      : `one of a cluster: tables left by stopped processes are taken over within ${LEASE_MS / 1000} s`
  })`,
);
