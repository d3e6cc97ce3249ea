import type { ChatMessage, LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { type Part, speaker, type Table } from "./part.ts";

type Kind = "chat/team" | "chat/table" | "statements";

/** A scrolling list of messages, each under its speaker's name; it follows new lines when at the bottom. */
function messageLog(kind: Kind, label: string): HTMLElement {
  return h("div", { class: "chat", "data-log": kind, tabindex: 0, "aria-label": label });
}

function renderLines(log: HTMLElement, known: Known, lines: readonly ChatMessage[]): void {
  if (log.childElementCount === lines.length) return;
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  fill(
    log,
    ...lines.map((l) =>
      h(
        "p",
        {},
        h("span", { class: `badge ${l.team}` }, speaker(known, l.team, l.role)),
        ` ${l.text}`,
      ),
    ),
  );
  if (atBottom) log.scrollTop = log.scrollHeight;
}

/** A chat: the team's private caucus, or the chat across the table. */
export class ChatPanel implements Part {
  readonly element = h("section");
  private readonly log: HTMLElement;

  constructor(
    table: Table,
    private readonly kind: "chat/team" | "chat/table",
    tab: string,
    label: string,
  ) {
    this.log = messageLog(kind, `${tab} messages`);
    const input = h("input", { maxlength: 500 });
    const error = errorArea();
    const send = async () => {
      if (!input.value.trim()) return;
      if (await table.act({ type: kind, text: input.value }, error)) input.value = "";
      input.focus();
    };
    input.addEventListener("keydown", (e) => e.key === "Enter" && void send());
    this.element.append(
      this.log,
      field(label, input),
      h("button", { "data-intent": kind, onclick: send }, "Send"),
      error,
    );
  }

  /** The messages this panel shows, for the scene's unread count. */
  lines(known: Known): readonly ChatMessage[] {
    const { view } = known;
    if (this.kind === "chat/table") return view.tableChat;
    return view.seat.kind === "team" ? (view.teams[view.seat.team]?.private?.caucus ?? []) : [];
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    renderLines(this.log, known, this.lines(known));
  }
}

/** Public statements to the press, with their tone. */
export class StatementsPanel implements Part {
  readonly element = h("section");
  private readonly log = messageLog("statements", "Public statements");

  constructor(table: Table) {
    const input = h("input", { maxlength: 280 });
    const tone = select([
      ["conciliatory", "Conciliatory (markets like it)"],
      ["firm", "Firm (plays well at home)"],
    ]);
    const error = errorArea();
    const send = async () => {
      const intent = {
        type: "statement/make",
        text: input.value,
        tone: tone.value as "firm" | "conciliatory",
      } as const;
      if (await table.act(intent, error)) input.value = "";
    };
    this.element.append(
      this.log,
      field("Statement to the press", input),
      field("Tone", tone),
      h("button", { "data-intent": "statement/make", onclick: send }, "Make statement"),
      error,
    );
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    renderLines(this.log, known, known.view.statements);
  }
}
