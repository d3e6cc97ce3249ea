import { api } from "../app.ts";
import { errorArea, field, fill, h, select } from "../dom.ts";
import { type Lobby, nameOf, sitDown, type Team } from "./lobby.ts";

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
    placeholder: "e.g. K7P2QX",
    "aria-describedby": "code-help",
  });
  const name = h("input", { autocomplete: "nickname", maxlength: 40 });
  const error = errorArea();
  const seats = h("div");
  const find = async () => {
    error.textContent = "";
    try {
      const info = await api<JoinInfo>(`/api/join/${encodeURIComponent(code.value.trim())}`);
      fill(seats, seatPicker(lobby, info, code.value.trim(), name, error));
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  };
  return h(
    "section",
    { class: "card", "aria-labelledby": "join-title" },
    h("h2", { id: "join-title" }, "Join a table"),
    h("p", { id: "code-help", class: "muted" }, "Your facilitator shows the join code."),
    field("Join code", code),
    field("Your name", name),
    h("button", { class: "primary", onclick: find }, "Find my table"),
    error,
    seats,
  );
}

/** The session's tables and seats (a taken seat disabled, observers always welcome), and Join. */
function seatPicker(
  lobby: Lobby,
  info: JoinInfo,
  code: string,
  name: HTMLInputElement,
  error: HTMLElement,
): HTMLElement {
  const table = select(
    info.tables.map((t) => [
      t.matchId,
      `Table ${t.table}${t.status === "ended" ? " (ended)" : ""}`,
    ]),
  );
  const seat = h("select");
  const refreshSeats = () => {
    const chosen = info.tables.find((t) => t.matchId === table.value);
    const taken = chosen?.seatsTaken ?? [];
    const bots = chosen?.botSeats ?? [];
    fill(
      seat,
      ...info.scenario.teams.flatMap((team) =>
        team.roles.map((role) => {
          const key = `${team.id}:${role.id}`;
          return h(
            "option",
            { value: key, disabled: taken.includes(key) },
            `${team.name} — ${role.title}${role.lead ? " (lead)" : ""}${taken.includes(key) ? " — taken" : bots.includes(key) ? " — a bot plays it: you take over" : ""}`,
          );
        }),
      ),
      h("option", { value: "observer" }, "Observer (press, other students)"),
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
  };
  const mine = info.tables.find((t) => lobby.app.seatToken(t.matchId));
  const back =
    mine &&
    h(
      "button",
      {
        class: "primary",
        onclick: () =>
          sitDown(lobby, mine.matchId, { seatToken: lobby.app.seatToken(mine.matchId) }, error),
      },
      `Back to my seat at table ${mine.table}`,
    );
  return h(
    "div",
    {},
    h("h3", {}, info.title),
    back,
    field("Table", table),
    field("Seat", seat),
    h("button", { class: "primary", onclick: join }, "Join"),
  );
}
