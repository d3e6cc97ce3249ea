import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderProtocol } from "../../server/protocol-doc.ts";

describe("docs/protocol.md", () => {
  it("matches the schemas, rules and error codes in the code (run `npm run docs` after changing them)", () => {
    const written = readFileSync(resolve(import.meta.dirname, "../../docs/protocol.md"), "utf8");
    expect(written).toBe(renderProtocol());
  });

  it("documents every intent and the codes the tests rely on", () => {
    const doc = renderProtocol();
    for (const text of [
      "`proposal/table`",
      "`match/start`",
      "`join/seat-taken`",
      "`rate/limited`",
      "`log/hash-mismatch`",
      "its team and the facilitator only",
    ])
      expect(doc).toContain(text);
  });
});
