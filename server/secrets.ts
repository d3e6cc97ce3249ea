import { createHash, randomBytes, randomInt } from "node:crypto";

/** Letters and digits that cannot be mistaken for one another when read aloud or off a projector. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** Characters in a join code: 31^6 ≈ 890 million codes. */
export const CODE_LENGTH = 6;

/** A short join code a class can type, such as `K7P2QX`. */
export function newJoinCode(): string {
  return Array.from(
    { length: CODE_LENGTH },
    () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
  ).join("");
}

/** Normalises a typed code: upper case, spaces and dashes removed. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** A bearer secret: 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A random id for matches and sessions. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}`;
}

/** What the store keeps of a secret: its SHA-256. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Node's native SHA-256, for the rules' hash chain: the same digests as the browser's, faster. */
export function nativeSha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
