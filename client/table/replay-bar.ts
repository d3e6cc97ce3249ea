import { type LegalAction, lastRound, translate } from "../../shared/index.ts";
import { api } from "../app.ts";
import type { Known } from "../board.ts";
import { h, select } from "../dom.ts";
import { language, t } from "../i18n.ts";
import type { Lobby } from "../lobby/lobby.ts";
import { type Replay, SPEEDS } from "../replay.ts";
import { forkForm } from "./fork-form.ts";
import type { Part } from "./part.ts";

/** The replay's controls: step, play, jump to a round, scrub the timeline, speed and perspective. */
export class ReplayBar implements Part {
  readonly element: HTMLElement;
  private readonly position: HTMLInputElement;
  private readonly play: HTMLButtonElement;
  /** Jumps to a round; shows the round the replay is in. */
  private readonly round: HTMLSelectElement;
  private readonly status = h("p", { id: "replay-status", "aria-live": "polite" });
  private readonly origin = h(
    "p",
    { id: "replay-origin", class: "muted" },
    t("table:replay.checking"),
  );

  constructor(
    private readonly replay: Replay,
    lobby: Lobby,
  ) {
    this.position = h("input", {
      type: "range",
      min: 0,
      max: replay.length,
      value: replay.at,
      "aria-label": t("table:replay.position"),
      oninput: (e: Event) => replay.seek(Number((e.target as HTMLInputElement).value)),
    });
    this.play = h(
      "button",
      { class: "primary", onclick: () => (replay.playing ? replay.pause() : replay.play()) },
      t("table:replay.play"),
    );
    this.round = select(
      Array.from(
        { length: lastRound(replay.log.header.settings) },
        (_, r) => [String(r + 1), t("table:replay.round", { round: r + 1 })] as const,
      ),
      undefined,
      {
        "aria-label": t("table:replay.jump"),
        onchange: (e: Event) =>
          replay.seek(replay.roundStart(Number((e.target as HTMLSelectElement).value))),
      },
    );
    const speed = select(
      SPEEDS.map((s) => [String(s), t("table:replay.speedOption", { count: s })]),
      String(replay.speed),
      {
        "aria-label": t("table:replay.speed"),
        onchange: (e: Event) => {
          replay.speed = Number((e.target as HTMLSelectElement).value) as Replay["speed"];
          if (replay.playing) replay.play();
        },
      },
    );
    const leads = translate(replay.scenario, language()).teams.map(
      (team) =>
        [
          `${team.id}:${team.roles.find((r) => r.lead)?.id ?? team.roles[0]?.id}`,
          t("table:replay.asTeam", { team: team.name }),
        ] as const,
    );
    const perspective = select(
      [["facilitator", t("table:replay.asFacilitator")], ...leads],
      "facilitator",
      {
        "aria-label": t("table:replay.perspective"),
        onchange: (e: Event) => {
          const [team, role] = (e.target as HTMLSelectElement).value.split(":");
          replay.view(team && role ? { kind: "team", team, role } : { kind: "facilitator" });
        },
      },
    );
    const marks = h(
      "div",
      { class: "marks", "aria-hidden": "true" },
      ...replay.markers().map((m) =>
        h("span", {
          class: `mark ${m.kind}`,
          style: `left:${(100 * m.seq) / Math.max(1, replay.length)}%`,
          title: m.label,
        }),
      ),
    );
    const step = (label: string, text: string, go: () => void) =>
      h("button", { onclick: go, "aria-label": label }, text);
    this.element = h(
      "section",
      { class: "item", "aria-label": t("table:replay.controls") },
      h("h2", {}, t("table:replay.title")),
      h(
        "div",
        {},
        step(t("table:replay.toStart"), "|◀", () => replay.seek(0)),
        step(t("table:replay.back"), "◀", () => replay.step(-1)),
        this.play,
        step(t("table:replay.forward"), "▶", () => replay.step(1)),
        step(t("table:replay.toEnd"), "▶|", () => replay.seek(replay.length)),
      ),
      marks,
      this.position,
      h("div", { class: "row" }, this.round, speed, perspective),
      this.status,
      this.origin,
      replay.matchId &&
        h(
          "button",
          {
            onclick: () =>
              void navigator.clipboard?.writeText(`${location.origin}/${replay.address}`),
          },
          t("table:replay.copyLink"),
        ),
      h("button", { onclick: () => lobby.start("LobbyScene") }, t("table:replay.close")),
      forkForm(replay, lobby),
    );
    void this.checkOrigin();
  }

  /** Asks the server whether it recorded this log: the hash chain proves integrity, not origin. */
  private async checkOrigin(): Promise<void> {
    const { replay } = this;
    const answer = await api<{ origin: string }>("/api/logs/origin", {
      method: "POST",
      body: JSON.stringify({
        matchId: replay.log.header.matchId,
        entries: replay.length,
        hash: replay.finalHash,
        signature: replay.signature,
      }),
    }).catch(() => undefined);
    this.origin.textContent =
      answer?.origin === "this-server" ? t("table:replay.signed") : t("table:replay.unsigned");
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    const { replay } = this;
    this.position.value = String(replay.at);
    this.round.value = String(Math.max(1, known.view.round));
    this.play.textContent = replay.playing ? t("table:replay.pause") : t("table:replay.play");
    const { view } = known;
    const { fork } = replay.log.header;
    const values = {
      at: replay.at,
      length: replay.length,
      round: view.round,
      phase: t(`common:phase.${view.phase}`),
      hash: replay.finalHash.slice(0, 12),
    };
    this.status.textContent = fork
      ? t("table:replay.statusFork", { ...values, parent: fork.matchId, parentAt: fork.at })
      : t("table:replay.status", values);
    this.status.dataset.finalHash = replay.finalHash;
    history.replaceState(null, "", replay.address);
  }
}
