import { describe, expect, it } from "vitest";
import { wrapLines } from "../../client/wrap.ts";

/** A monospace measure: a Chinese character is two columns wide, anything else one. */
const columns = (s: string) =>
  [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

describe("wrapping the board's text", () => {
  it("breaks English at spaces only", () => {
    expect(wrapLines("Reciprocal tariff lifted", 13, columns)).toEqual([
      "Reciprocal",
      "tariff lifted",
    ]);
  });

  it("breaks Chinese between characters, never inside a number or before closing punctuation", () => {
    const lines = wrapLines("10%；24个百分点暂停至2025年11月10日", 8, columns);
    expect(lines.join("")).toBe("10%；24个百分点暂停至2025年11月10日");
    expect(lines.every((line) => columns(line) <= 8)).toBe(true);
    for (const number of ["10%；", "24", "2025", "11", "10"])
      expect(
        lines.some((line) => line.includes(number)),
        number,
      ).toBe(true);
    expect(lines.some((line) => /^[，。；：、）]/.test(line))).toBe(false);
  });

  it("keeps a piece wider than a line on a line of its own, and the text's own line breaks", () => {
    expect(wrapLines("a 1234567890 b\n美国", 5, columns)).toEqual(["a", "1234567890", "b", "美国"]);
  });
});
