import { BOT_STRATEGIES, translate } from "../../shared/index.ts";
import { api } from "../app.ts";
import { botName } from "../describe.ts";
import { errorArea, field, h, select } from "../dom.ts";
import { language, t } from "../i18n.ts";
import { type Lobby, sitDown } from "../lobby/lobby.ts";
import type { Replay } from "../replay.ts";

/** What `POST /api/forks` answers: a session, as `POST /api/sessions` does. */
type Forked = {
  sessionId: string;
  code: string;
  facilitatorSecret: string;
  matches: { matchId: string; table: number }[];
};

const ME = "me";
const PEOPLE = "people";

/**
 * "Play from here": a new match from the replay's current entry, its log keeping this one as its
 * parent. Each team is played by this browser's player, by people who join with the new session's
 * code, or by a bot; with no seat taken here, this browser runs the new session from its console.
 */
export function forkForm(replay: Replay, lobby: Lobby): HTMLElement {
  const error = errorArea();
  const name = h("input", { autocomplete: "nickname", maxlength: 40, value: "" });
  const players = translate(replay.scenario, language()).teams.map((team, index) => ({
    team,
    lead: team.roles.find((r) => r.lead)?.id ?? team.roles[0]?.id ?? "",
    choice: select(
      [
        [ME, t("table:fork.me")],
        [PEOPLE, t("table:fork.people")],
        ...BOT_STRATEGIES.map((s) => [s, botName(s)] as const),
      ],
      index === 0 ? ME : "linear",
    ),
  }));
  const play = h("button", { class: "primary", onclick: () => void start() }, t("table:fork.play"));
  const start = async () => {
    const mine = players.filter((p) => p.choice.value === ME);
    const player = name.value.trim();
    const problem =
      mine.length > 1
        ? t("table:fork.oneTeam")
        : mine.length && !player
          ? t("table:fork.nameFirst")
          : "";
    error.textContent = problem;
    if (problem) return;
    const bots = players
      .filter((p) => ![ME, PEOPLE].includes(p.choice.value))
      .map((p) => `${p.team.id}:${p.choice.value}`);
    // The server replays the whole log first: say so, and take no second click meanwhile.
    play.disabled = true;
    play.textContent = t("table:fork.starting");
    try {
      const forked = await api<Forked>(
        `/api/forks?at=${replay.at}&bots=${encodeURIComponent(bots.join(","))}`,
        { method: "POST", body: JSON.stringify(replay.log) },
      );
      const [table] = forked.matches;
      const [seat] = mine;
      if (seat && table)
        await sitDown(
          lobby,
          table.matchId,
          { code: forked.code, name: player, team: seat.team.id, role: seat.lead },
          error,
        );
      else {
        lobby.app.saveFacilitatorSession(forked);
        lobby.start("FacilitatorScene");
      }
    } catch (e) {
      error.textContent = (e as Error).message;
    }
    play.disabled = false;
    play.textContent = t("table:fork.play");
  };
  return h(
    "section",
    { class: "item", "aria-labelledby": "fork-title" },
    h("h3", { id: "fork-title" }, t("table:fork.title")),
    h("p", { class: "muted" }, t("table:fork.intro")),
    ...players.map((p) => field(t("table:fork.whoPlays", { team: p.team.name }), p.choice)),
    field(t("table:fork.yourName"), name),
    play,
    error,
  );
}
