import type * as Phaser from "phaser";

/**
 * A piece no line breaks inside: a word or number with the punctuation that closes it, one Chinese
 * character with its closing punctuation, an opening bracket or quote with what follows, or spaces.
 */
const PIECE =
  /[（“《‘「]*(?:[\u3400-\u9fff]|[^\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+)[，。；：、）》”’」！？%％]*|\s+|\S/g;

/**
 * The lines of a text no wider than `width` (as `measure` says): broken at spaces and between
 * Chinese characters, never inside a number or a Latin word (a piece wider than a line keeps a line
 * of its own). Chinese has no spaces, so breaking at spaces alone would leave it one long line.
 */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  return text.split("\n").flatMap((paragraph) => {
    const lines: string[] = [];
    let line = "";
    for (const piece of paragraph.match(PIECE) ?? []) {
      const next = line + piece;
      if (line.trim() && !/^\s+$/.test(piece) && measure(next.trimEnd()) > width) {
        lines.push(line.trimEnd());
        line = piece;
      } else line = next;
    }
    return [...lines, line.trimEnd()];
  });
}

/** Wraps a text of the canvas at `width` as `wrapLines` does, measured in its own font. */
export function wrap<T extends Phaser.GameObjects.Text>(text: T, width: number): T {
  text.setWordWrapCallback((content: string) =>
    wrapLines(content, width, (s) => text.context.measureText(s).width),
  );
  return text;
}
