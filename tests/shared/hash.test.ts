import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson, digest, HASH_CHUNK, nobleSha256Hex, useSha256 } from "../../shared/hash.ts";

const nodeSha256 = (text: string) => createHash("sha256").update(text).digest("hex");

afterEach(() => useSha256(nobleSha256Hex));

describe("content digests", () => {
  it("ignores key order and undefined fields, and tells different content apart", () => {
    expect(digest({ a: 1, b: { c: [1, 2] } })).toBe(
      digest({ b: { c: [1, 2] }, a: 1, z: undefined }),
    );
    expect(digest({ a: 1, b: { c: [1, 2] } })).not.toBe(digest({ a: 1, b: { c: [2, 1] } }));
    expect(digest({ a: "1" })).not.toBe(digest({ a: 1 }));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it("gives a long list the same digest whether its chunks were seen before or not", () => {
    const line = (i: number) => ({ text: `line ${i}`, round: 1 });
    const items = Array.from({ length: HASH_CHUNK * 3 + 5 }, (_, i) => line(i));
    const before = digest(items);
    const appended = [...items, line(999)];
    const fresh = JSON.parse(JSON.stringify(appended));
    expect(digest(appended)).toBe(digest(fresh));
    expect(digest(appended)).not.toBe(before);
    const edited = [...items];
    edited[40] = { text: "changed", round: 1 };
    expect(digest(edited)).toBe(digest(JSON.parse(JSON.stringify(edited))));
    expect(digest(edited)).not.toBe(before);
  });

  it("computes the same SHA-256 with Node's native hash as with @noble/hashes", () => {
    const value = { text: "Kuala Lumpur — 吉隆坡", list: [1, { x: 2 }] };
    const noble = digest(JSON.parse(JSON.stringify(value)));
    useSha256(nodeSha256);
    expect(digest(JSON.parse(JSON.stringify(value)))).toBe(noble);
    expect(nodeSha256("abc")).toBe(nobleSha256Hex("abc"));
  });
});
