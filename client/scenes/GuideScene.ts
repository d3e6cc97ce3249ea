import { marked } from "marked";
import guide from "../../docs/teaching.md?raw";
import { h } from "../dom.ts";
import { printSheets } from "../print.ts";
import { Screen } from "./Screen.ts";

/** The teacher's guide (`docs/teaching.md`), as a page of the game linked from the lobby and the console. */
export class GuideScene extends Screen {
  constructor() {
    super("GuideScene");
  }

  create(): void {
    this.show("guide", "Teacher's guide", "#/guide");
    const article = h("article", { class: "guide" });
    article.innerHTML = marked.parse(guide, { async: false });
    this.ui.append(
      h(
        "nav",
        {},
        h("button", { onclick: () => history.back() }, "Back"),
        " ",
        h(
          "button",
          {
            onclick: () =>
              void printSheets("Teacher's guide", [article.cloneNode(true) as HTMLElement]),
          },
          "Print the guide",
        ),
      ),
      article,
    );
  }
}
