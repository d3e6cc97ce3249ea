import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

const digests = new WeakMap<object, string>();

/** The SHA-256 of a string, as hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A content digest of plain JSON data, independent of key order: each object or array is hashed as
 * its scalars plus the digests of its children. States are immutable, so a subtree's digest is
 * remembered by identity and a new state re-hashes only the path that changed.
 */
export function digest(value: unknown): string {
  if (value === null || typeof value !== "object")
    return sha256Hex(JSON.stringify(value) ?? "null");
  const known = digests.get(value);
  if (known) return known;
  const part = (v: unknown) =>
    v !== null && typeof v === "object" ? `#${digest(v)}` : JSON.stringify(v);
  const text = Array.isArray(value)
    ? `[${value.map((v) => (v === undefined ? "null" : part(v))).join(",")}]`
    : `{${Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${part((value as Record<string, unknown>)[k])}`)
        .join(",")}}`;
  const result = sha256Hex(text);
  digests.set(value, result);
  return result;
}
