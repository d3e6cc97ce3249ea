import type { LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { fill, h } from "../dom.ts";
import { t } from "../i18n.ts";
import type { TableSource } from "../replay.ts";
import type { Part } from "./part.ts";

/** How many of the latest events the Log tab lists. */
const SHOWN = 100;

/** What happened at the table, newest first: news, offers, moves, and the bots' reasons. */
export class NewsLog implements Part {
  readonly element = h("section");
  private shown = "";

  constructor(private readonly source: TableSource) {}

  render(_known?: Known, _legal?: readonly LegalAction[]): void {
    const events = this.source.events;
    const shown = `${events.length}:${events.at(-1)?.text}`;
    if (shown === this.shown) return;
    this.shown = shown;
    fill(
      this.element,
      events.length
        ? h(
            "ul",
            { class: "plain" },
            ...events
              .slice(-SHOWN)
              .reverse()
              .map((e) => h("li", { class: "item" }, e.text)),
          )
        : h("p", { class: "muted" }, t("table:log.empty")),
    );
  }
}
