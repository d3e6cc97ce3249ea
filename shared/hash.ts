import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** Items per hashed chunk of a long array. */
export const HASH_CHUNK = 32;

/** A SHA-256 of a string's UTF-8 bytes, as lowercase hex. */
export type Sha256Hex = (text: string) => string;

/** SHA-256 by @noble/hashes: the same in Node and the browser. */
export const nobleSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

let hashText: Sha256Hex = nobleSha256Hex;

/**
 * Lets a host plug in a faster SHA-256 of its own (the server uses Node's native one). Any correct
 * SHA-256 gives the same digests, so logs stay portable between hosts.
 */
export function useSha256(implementation: Sha256Hex): void {
  hashText = implementation;
}

/** The SHA-256 of a string, as hex. */
export function sha256Hex(text: string): string {
  return hashText(text);
}

/** JSON with object keys sorted and undefined fields left out: the same text for the same data. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  let text: string;
  if (Array.isArray(value)) {
    text = "[";
    for (let i = 0; i < value.length; i++)
      text += `${i ? "," : ""}${value[i] === undefined ? "null" : canonicalJson(value[i])}`;
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  text = "";
  for (const key of Object.keys(record).sort()) {
    const child = record[key];
    if (child !== undefined)
      text += `${text ? "," : ""}${JSON.stringify(key)}:${canonicalJson(child)}`;
  }
  return `{${text}}`;
}

const encodings = new WeakMap<object, string>();
const chunks = new WeakMap<
  object,
  { readonly items: readonly unknown[]; readonly digest: string }
>();

/**
 * A content digest of plain JSON data, independent of key order. An object of scalars is encoded as
 * its canonical JSON; any other object as its fields with children replaced by their digests; a long
 * array as the digests of its chunks of HASH_CHUNK items. States are immutable, so encodings are
 * remembered by identity: a new state re-hashes only the path that changed and, in a long list, only
 * the chunk that changed.
 */
export function digest(value: unknown): string {
  const encoded = encode(value);
  return encoded.startsWith("#") ? encoded.slice(1) : hashText(encoded);
}

/** A value's encoding inside its parent: scalars and objects of scalars inline, the rest as `#digest`. */
function encode(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const known = encodings.get(value);
  if (known !== undefined) return known;
  let result: string;
  if (Array.isArray(value)) result = `#${arrayDigest(value)}`;
  else {
    const record = value as Record<string, unknown>;
    let leaf = true;
    const fields: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const child = record[key];
      if (child === undefined) continue;
      if (child !== null && typeof child === "object") leaf = false;
      fields.push(`${JSON.stringify(key)}:${encode(child)}`);
    }
    const text = `{${fields.join(",")}}`;
    result = leaf ? text : `#${hashText(text)}`;
  }
  encodings.set(value, result);
  return result;
}

function arrayDigest(items: readonly unknown[]): string {
  if (items.length <= HASH_CHUNK) return chunkDigest(items, 0);
  const parts: string[] = [];
  for (let start = 0; start < items.length; start += HASH_CHUNK)
    parts.push(chunkDigest(items, start));
  return hashText(`[[${parts.join(",")}]]`);
}

/** The digest of items[start..start+HASH_CHUNK), remembered under its first item while the chunk's items stay the same. */
function chunkDigest(items: readonly unknown[], start: number): string {
  const end = Math.min(items.length, start + HASH_CHUNK);
  const first = items[start];
  const key = first !== null && typeof first === "object" ? first : undefined;
  const hit = key && chunks.get(key);
  if (
    hit &&
    hit.items.length === end - start &&
    hit.items.every((item, i) => item === items[start + i])
  )
    return hit.digest;
  const slice = items.slice(start, end);
  const result = hashText(
    `[${slice.map((item) => (item === undefined ? "null" : encode(item))).join(",")}]`,
  );
  if (key) chunks.set(key, { items: slice, digest: result });
  return result;
}
