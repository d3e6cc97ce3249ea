import { translate } from "../../shared/index.ts";
import { api } from "../app.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { language, t } from "../i18n.ts";
import { type Lobby, nameOf, sessionTitle, sitDown, type Team } from "./lobby.ts";

/** What the server says about a join code: the session, its scenario and its tables. */
type JoinInfo = {
  title: string;
  scenario: { id: string; title: string; teams: Team[] };
  tables: {
    matchId: string;
    table: number;
    status: string;
    seatsTaken: string[];
    botSeats: string[];
  }[];
};

/** The card where a student types the join code and a name, then picks a table and a seat. */
export function joinCard(lobby: Lobby): HTMLElement {
  const code = h("input", {
    autocomplete: "off",
    maxlength: 12,
    placeholder: t("lobby:join.codePlaceholder"),
    "aria-describedby": "code-help",
  });
  const name = h("input", { autocomplete: "nickname", maxlength: 40 });
  const error = errorArea();
  const seats = h("div");
  /** Looks the code up and shows its seats; after a refused join, as they are now (`table` kept). */
  const find = async (refused?: { table: string }) => {
    if (!refused) error.textContent = code.value.trim() ? "" : t("lobby:join.noCode");
    if (!code.value.trim()) return;
    try {
      const raw = await api<JoinInfo>(`/api/join/${encodeURIComponent(code.value.trim())}`);
      const info = translate(raw, language());
      const title = sessionTitle(raw.title, raw.scenario);
      const picker = { code: code.value.trim(), name, error, table: refused?.table, find };
      fill(seats, seatPicker(lobby, { ...info, title }, picker));
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "join-title" },
    h("h2", { id: "join-title" }, t("lobby:join.title")),
    h("p", { id: "code-help", class: "muted" }, t("lobby:join.help")),
    field(t("lobby:join.code"), code),
    field(t("lobby:join.name"), name),
    h("button", { class: "primary", onclick: () => find() }, t("lobby:join.find")),
    error,
    seats,
  );
}

/** What the seat picker works with: the code, the name field, where errors show, and a re-lookup. */
type Picker = {
  readonly code: string;
  readonly name: HTMLInputElement;
  readonly error: HTMLElement;
  /** The table to show first (the one a refused join was for). */
  readonly table: string | undefined;
  readonly find: (refused: { table: string }) => Promise<void>;
};

/**
 * The session's tables and seats (a taken seat disabled, observers always welcome), and Join; a
 * refused join (the seat just taken) shows the seats again as they are now.
 */
function seatPicker(lobby: Lobby, info: JoinInfo, picker: Picker): HTMLElement {
  const { code, name, error } = picker;
  const table = select(
    info.tables.map((row) => [
      row.matchId,
      t("lobby:join.tableOption", {
        table: row.table,
        status: row.status === "ended" ? "ended" : "open",
      }),
    ]),
    picker.table,
  );
  const seat = h("select");
  const refreshSeats = () => {
    const chosen = info.tables.find((row) => row.matchId === table.value);
    const taken = chosen?.seatsTaken ?? [];
    const bots = chosen?.botSeats ?? [];
    fill(
      seat,
      ...info.scenario.teams.flatMap((team) =>
        team.roles.map((role) => {
          const key = `${team.id}:${role.id}`;
          const label = t("lobby:join.seatOption", {
            team: team.name,
            role: role.title,
            lead: role.lead ? "yes" : "no",
          });
          return h(
            "option",
            { value: key, disabled: taken.includes(key) },
            taken.includes(key)
              ? t("lobby:join.seatTaken", { seat: label })
              : bots.includes(key)
                ? t("lobby:join.seatBot", { seat: label })
                : label,
          );
        }),
      ),
      h("option", { value: "observer" }, t("lobby:join.observer")),
    );
    seat.value = [...seat.options].find((o) => !o.disabled)?.value ?? "observer";
  };
  table.addEventListener("change", refreshSeats);
  refreshSeats();
  const join = async () => {
    error.textContent = "";
    if (seat.value === "observer")
      return sitDown(lobby, table.value, { code, observer: true, name: name.value.trim() }, error);
    const player = nameOf(name, error);
    if (!player) return;
    const [team, role] = seat.value.split(":");
    await sitDown(lobby, table.value, { code, name: player, team, role }, error);
    if (error.textContent) await picker.find({ table: table.value });
  };
  const mine = info.tables.find((row) => lobby.app.seatToken(row.matchId));
  const back =
    mine &&
    h(
      "button",
      {
        class: "primary",
        onclick: () =>
          sitDown(lobby, mine.matchId, { seatToken: lobby.app.seatToken(mine.matchId) }, error),
      },
      t("lobby:join.back", { table: mine.table }),
    );
  return h(
    "div",
    {},
    h("h3", {}, info.title),
    back,
    field(t("lobby:join.table"), table),
    field(t("lobby:join.seat"), seat),
    h("button", { class: "primary", onclick: join }, t("lobby:join.join")),
  );
}
