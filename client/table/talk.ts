import type { ChatMessage, LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { t } from "../i18n.ts";
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

/** Each chat's labels: its log's and its input's. */
const CHATS = {
  "chat/team": { log: "table:talk.teamLog", input: "table:talk.teamInput" },
  "chat/table": { log: "table:talk.tableLog", input: "table:talk.tableInput" },
} as const;

/** A chat: the team's private caucus, or the chat across the table. */
export class ChatPanel implements Part {
  readonly element = h("section");
  private readonly log: HTMLElement;

  constructor(
    table: Table,
    private readonly kind: "chat/team" | "chat/table",
  ) {
    const labels = CHATS[kind];
    this.log = messageLog(kind, t(labels.log));
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
      field(t(labels.input), input),
      h("button", { "data-intent": kind, onclick: send }, t("table:talk.send")),
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
  private readonly log = messageLog("statements", t("table:talk.statementsLog"));

  constructor(table: Table) {
    const input = h("input", { maxlength: 280 });
    const tone = select([
      ["conciliatory", t("table:talk.conciliatory")],
      ["firm", t("table:talk.firm")],
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
      field(t("table:talk.statement"), input),
      field(t("table:talk.tone"), tone),
      h("button", { "data-intent": "statement/make", onclick: send }, t("table:talk.make")),
      error,
    );
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    renderLines(this.log, known, known.view.statements);
  }
}
