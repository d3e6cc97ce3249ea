import { errorArea, field, h } from "../dom.ts";
import { t } from "../i18n.ts";
import { Replay } from "../replay.ts";
import type { Lobby } from "./lobby.ts";

/** Opens a match log from a file (picker or drop) or from the server, refusing a bad one with its reason. */
export function replayCard(lobby: Lobby): HTMLElement {
  const error = errorArea();
  const open = (text: string, matchId?: string) => {
    const opened = Replay.open(text, matchId);
    if (opened.ok) lobby.start("TableScene", { source: opened.replay });
    else error.textContent = t("lobby:replay.invalid", { reason: opened.error });
  };
  const file = h("input", {
    type: "file",
    accept: ".json,application/json",
    onchange: async (e: Event) => {
      const chosen = (e.target as HTMLInputElement).files?.[0];
      if (chosen) open(await chosen.text());
    },
  });
  const zone = h("div", { class: "dropzone" }, t("lobby:replay.drop"));
  zone.addEventListener("dragover", (e) => e.preventDefault());
  zone.addEventListener("drop", async (e) => {
    e.preventDefault();
    const dropped = (e as DragEvent).dataTransfer?.files[0];
    if (dropped) open(await dropped.text());
  });
  const session = lobby.app.facilitatorSession();
  const stored = session?.matches.map((m) =>
    h(
      "button",
      {
        onclick: async () => {
          try {
            open(await lobby.app.fetchLog(m.matchId), m.matchId);
          } catch (e) {
            error.textContent = (e as Error).message;
          }
        },
      },
      t("lobby:replay.table", { table: m.table }),
    ),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "replay-title" },
    h("h2", { id: "replay-title" }, t("lobby:replay.title")),
    field(t("lobby:replay.file"), file),
    zone,
    stored?.length
      ? h("p", {}, t("lobby:replay.fromSession", { code: session?.code }), ...stored)
      : undefined,
    error,
  );
}
