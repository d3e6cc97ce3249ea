import { type LegalAction, lastRound } from "../../shared/index.ts";
import { api } from "../app.ts";
import type { Known } from "../board.ts";
import { h, select } from "../dom.ts";
import type { Lobby } from "../lobby/lobby.ts";
import { type Replay, SPEEDS } from "../replay.ts";
import { forkForm } from "./fork-form.ts";
import type { Part } from "./part.ts";

/** The replay's controls: step, play, jump to a round, scrub the timeline, speed and perspective. */
export class ReplayBar implements Part {
  readonly element: HTMLElement;
  private readonly position: HTMLInputElement;
  private readonly play: HTMLButtonElement;
  private readonly status = h("p", { id: "replay-status", "aria-live": "polite" });
  private readonly origin = h(
    "p",
    { id: "replay-origin", class: "muted" },
    "Checking who recorded it…",
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
      "aria-label": "Position in the match",
      oninput: (e: Event) => replay.seek(Number((e.target as HTMLInputElement).value)),
    });
    this.play = h(
      "button",
      { class: "primary", onclick: () => (replay.playing ? replay.pause() : replay.play()) },
      "Play",
    );
    const round = select(
      Array.from(
        { length: lastRound(replay.log.header.settings) },
        (_, r) => [String(r + 1), `Round ${r + 1}`] as const,
      ),
      undefined,
      {
        "aria-label": "Jump to round",
        onchange: (e: Event) =>
          replay.seek(replay.roundStart(Number((e.target as HTMLSelectElement).value))),
      },
    );
    const speed = select(
      SPEEDS.map((s) => [String(s), `${s} entries a second`]),
      String(replay.speed),
      {
        "aria-label": "Playback speed",
        onchange: (e: Event) => {
          replay.speed = Number((e.target as HTMLSelectElement).value) as Replay["speed"];
          if (replay.playing) replay.play();
        },
      },
    );
    const leads = replay.scenario.teams.map(
      (t) =>
        [
          `${t.id}:${t.roles.find((r) => r.lead)?.id ?? t.roles[0]?.id}`,
          `As ${t.name} saw it`,
        ] as const,
    );
    const perspective = select(
      [["facilitator", "As the facilitator saw it"], ...leads],
      "facilitator",
      {
        "aria-label": "Perspective",
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
      { class: "item", "aria-label": "Replay controls" },
      h("h2", {}, "Replay"),
      h(
        "div",
        {},
        step("To the start", "|◀", () => replay.seek(0)),
        step("Back one command", "◀", () => replay.step(-1)),
        this.play,
        step("Forward one command", "▶", () => replay.step(1)),
        step("To the end", "▶|", () => replay.seek(replay.length)),
      ),
      marks,
      this.position,
      h("div", { class: "row" }, round, speed, perspective),
      this.status,
      this.origin,
      replay.matchId &&
        h(
          "button",
          {
            onclick: () =>
              void navigator.clipboard?.writeText(`${location.origin}/${replay.address}`),
          },
          "Copy link to this moment",
        ),
      h("button", { onclick: () => lobby.start("LobbyScene") }, "Close the replay"),
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
      answer?.origin === "this-server"
        ? "Signed: recorded by this server."
        : "Unsigned or recorded elsewhere: its hash chain holds, its origin is unproven.";
  }

  render(known: Known, _legal: readonly LegalAction[]): void {
    const { replay } = this;
    this.position.value = String(replay.at);
    this.play.textContent = replay.playing ? "Pause" : "Play";
    const { view } = known;
    const { fork } = replay.log.header;
    const parent = fork
      ? ` · a fork of ${fork.matchId} from its entry ${fork.at}, parent verified`
      : "";
    this.status.textContent = `Entry ${replay.at} of ${replay.length} · round ${view.round}, ${view.phase} · verified, final hash ${replay.finalHash.slice(0, 12)}…${parent}`;
    this.status.dataset.finalHash = replay.finalHash;
    history.replaceState(null, "", replay.address);
  }
}
