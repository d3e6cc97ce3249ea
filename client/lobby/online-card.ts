import { api } from "../app.ts";
import { errorArea, field, fill, h } from "../dom.ts";
import { t } from "../i18n.ts";
import { type Lobby, nameOf, sitDown } from "./lobby.ts";

/** A public table with open seats, as the server's lobby lists it. */
type OpenTable = {
  matchId: string;
  title: string;
  phase: string;
  round: number;
  openSeats: string[];
};

/** The card for playing strangers online: a quick match, or a seat at an open table. */
export function onlineCard(lobby: Lobby): HTMLElement {
  const name = h("input", { autocomplete: "nickname", maxlength: 40 });
  const list = h("ul", { class: "plain", "aria-live": "polite" });
  const error = errorArea();
  const play = async (matchId: string, team: string, role: string) => {
    const player = nameOf(name, error);
    if (player) await sitDown(lobby, matchId, { name: player, team, role }, error);
  };
  const refresh = async () => {
    const { tables } = await api<{ tables: OpenTable[] }>("/api/tables");
    fill(
      list,
      ...(tables.length
        ? tables.map((open) =>
            h(
              "li",
              { class: "item" },
              open.phase === "setup"
                ? t("lobby:online.waiting", { title: open.title })
                : t("lobby:online.playing", {
                    title: open.title,
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
                    t("lobby:online.sitAs", { seat: s.replace(":", " ") }),
                  ),
                ),
              ),
            ),
          )
        : [h("li", { class: "muted" }, t("lobby:online.none"))]),
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
