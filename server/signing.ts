import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { MatchLog } from "../shared/index.ts";

/** Where a log was recorded, as its signature tells: by this server, or elsewhere (or unsigned). */
export type LogOrigin = "this-server" | "elsewhere";

/** What a log's signature covers: its match, how many entries it holds, and the last entry's hash. */
export type LogSeal = { readonly matchId: string; readonly entries: number; readonly hash: string };

/** A log's seal, as its signature covers it. */
export function sealOf(log: Pick<MatchLog, "header" | "entries">): LogSeal {
  return {
    matchId: log.header.matchId,
    entries: log.entries.length,
    hash: log.entries.at(-1)?.hash ?? "",
  };
}

/**
 * Signs the logs this server exports and recognises its own signature: the hash chain proves a log
 * is intact, the signature that this server recorded it (HMAC-SHA256 with a key of its own).
 */
export function logSigner(key: Buffer) {
  const sign = (seal: LogSeal) =>
    createHmac("sha256", key)
      .update(`${seal.matchId}\n${seal.entries}\n${seal.hash}`)
      .digest("hex");
  return {
    sign,
    /** Where a log with this seal and signature was recorded: by this server, or elsewhere. */
    origin(seal: LogSeal, signature: unknown): LogOrigin {
      const ours =
        typeof signature === "string" &&
        /^[0-9a-f]{64}$/.test(signature) &&
        timingSafeEqual(Buffer.from(sign(seal), "hex"), Buffer.from(signature, "hex"));
      return ours ? "this-server" : "elsewhere";
    },
  };
}

/** A log signer's functions. */
export type LogSigner = ReturnType<typeof logSigner>;

/** The server's signing key, kept in a file (created on first start, readable by its owner only). */
export function loadLogKey(path: string): Buffer {
  if (existsSync(path)) return Buffer.from(readFileSync(path, "utf8").trim(), "hex");
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString("hex"), { mode: 0o600 });
  return key;
}
