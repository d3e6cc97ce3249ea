import { marked } from "marked";
import guide from "../../docs/teaching.md?raw";
import { h } from "../dom.ts";
import { language, t } from "../i18n.ts";
import { printSheets } from "../print.ts";
import { Screen } from "./Screen.ts";

/** The teacher's guide (`docs/teaching.md`), as a page of the game linked from the lobby and the console. */
export class GuideScene extends Screen {
  constructor() {
    super("GuideScene");
  }

  create(): void {
    this.show("guide", t("lobby:guide.title"), "#/guide");
    const article = h("article", { class: "guide" });
    article.innerHTML = marked.parse(guide, { async: false });
    this.ui.append(
      h(
        "nav",
        {},
        h("button", { onclick: () => history.back() }, t("lobby:guide.back")),
        " ",
        h(
          "button",
          {
            onclick: () =>
              void printSheets(t("lobby:guide.title"), [article.cloneNode(true) as HTMLElement]),
          },
          t("lobby:guide.print"),
        ),
      ),
      ...(language() === "en" ? [] : [h("p", { class: "muted" }, t("lobby:guide.englishOnly"))]),
      article,
    );
  }
}
