import { translate } from "../../shared/index.ts";
import type { OpenTable } from "../../shared/protocol.ts";
import { api } from "../app.ts";
import { errorArea, field, fill, h } from "../dom.ts";
import { language, t } from "../i18n.ts";
import { type Lobby, nameOf, sessionTitle, sitDown } from "./lobby.ts";

/** The card for playing strangers online: a quick match, or a seat at an open table. */
export function onlineCard(lobby: Lobby): HTMLElement {
  const name = h("input", { autocomplete: "nickname", maxlength: 40 });
  const list = h("ul", { class: "plain", "aria-live": "polite" });
  const error = errorArea();
  const play = async (matchId: string, team: string, role: string) => {
    const player = nameOf(name, error);
    if (player) await sitDown(lobby, matchId, { name: player, team, role }, error);
  };
  /** A listed table: its title and phase, and a button for each open seat, named. */
  const item = (open: OpenTable) => {
    const title = sessionTitle(open.title, open.scenario);
    return h(
      "li",
      { class: "item" },
      open.phase === "setup"
        ? t("lobby:online.waiting", { title })
        : t("lobby:online.playing", {
            title,
            round: open.round,
            phase: t(`common:phase.${open.phase}`),
          }),
      h(
        "div",
        {},
        ...open.openSeats.map((s) =>
          h(
            "button",
            { onclick: () => play(open.matchId, ...(s.split(":") as [string, string])) },
            t("lobby:online.sitAs", {
              seat: translate(open.seatNames[s], language())?.name ?? s,
            }),
          ),
        ),
      ),
    );
  };
  const refresh = async () => {
    const { tables } = await api<{ tables: OpenTable[] }>("/api/tables");
    fill(
      list,
      ...(tables.length ? tables.map(item) : [h("li", { class: "muted" }, t("lobby:online.none"))]),
    );
  };
  const quick = async () => {
    error.textContent = "";
    const player = nameOf(name, error);
    if (!player) return;
    try {
      const seat = await api<{ matchId: string; team: string; role: string }>("/api/quick", {
        method: "POST",
        body: JSON.stringify({ name: player }),
      });
      await play(seat.matchId, seat.team, seat.role);
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  };
  void refresh();
  return h(
    "section",
    { class: "card", "aria-labelledby": "online-title" },
    h("h2", { id: "online-title" }, t("lobby:online.title")),
    field(t("lobby:online.name"), name),
    h("button", { class: "primary", onclick: quick }, t("lobby:online.quick")),
    h("button", { onclick: refresh }, t("lobby:online.refresh")),
    error,
    list,
  );
}
