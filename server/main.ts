import { existsSync } from "node:fs";
import { join } from "node:path";
import { WebSocket } from "ws";
import { useSha256 } from "../shared/hash.ts";
import { createGameServer } from "./app.ts";
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
const retention = retentionFrom(process.env);
const server = createGameServer({
  store,
  importStoreMb: retention.importStoreMb,
  reconnectSeconds: Number(process.env.RECONNECT_SECONDS ?? 120),
  botDelayMs: process.env.BOT_DELAY_MS ? Number(process.env.BOT_DELAY_MS) : undefined,
  logKey: loadLogKey(join(dataDir, "log-key")),
  trustProxy: (process.env.TRUST_PROXY ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean),
  clientDir,
});

await server.listen(port);
await sweep(store, Date.now(), retention);
const { restored, failed } = await restoreMatches(store);
setInterval(() => void sweep(store, Date.now(), retention), 3_600_000).unref();
for (const reason of failed) console.warn(`Not restored: ${reason}`);
console.log(
  `Trade Truce is ready: open http://localhost:${port}/ (${restored} match${restored === 1 ? "" : "es"} restored)`,
);
