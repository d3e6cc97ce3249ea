import {
  botReason,
  type GameEvent,
  type Intent,
  type MatchLog,
  type MatchState,
  parseJson,
  publicScenario,
  replay,
  type Scenario,
  type Seat,
  type SeatHolder,
  scenarioFor,
  teamSecrets,
  translate,
  viewFor,
} from "../shared/index.ts";
import type { IntentResult } from "../shared/protocol.ts";
import type { Known } from "./board.ts";
import { language, t } from "./i18n.ts";
import { localizeEvent, localizeKnown } from "./localize.ts";

/** What the table screen shows and acts through: a live connection or a replay. */
export type TableSource = {
  readonly seat: SeatHolder;
  /** The stored match behind it, if there is one. */
  readonly matchId?: string;
  /** What happened so far that this seat may see, oldest first. */
  readonly events: readonly GameEvent[];
  /** The address (location hash) that reopens this screen. */
  readonly address: string;
  readonly replay?: Replay;
  /** Calls back on every state change (and once now, if there is a state). */
  subscribe(listener: (known: Known) => void): () => void;
  /** Calls back on every event as it happens (after the state that shows it). */
  onEvent(listener: (event: GameEvent) => void): () => void;
  send(intent: Intent): Promise<IntentResult>;
};

/** A mark on the replay timeline. */
export type Marker = {
  readonly seq: number;
  readonly kind: "round" | "offer" | "agreement" | "move" | "event";
  readonly label: string;
};

/** Playback speeds, in entries per second. */
export const SPEEDS = [1, 2, 5, 10, 25] as const;

const KIND: Partial<Record<Intent["type"], Marker["kind"]>> = {
  "proposal/table": "offer",
  "proposal/counter": "offer",
  "proposal/accept": "agreement",
  "issue/move": "move",
  "agreement/snapback": "move",
  "event/inject": "event",
  "event/inject-custom": "event",
};

/**
 * A verified match log, stepped through as any seat saw it: every position's view is computed with
 * the shared `viewFor`, so the table screen shows a replay exactly as it showed the live match.
 */
export class Replay implements TableSource {
  readonly replay = this;
  readonly scenario: Scenario;
  private position: number;
  private perspective: Seat = { kind: "facilitator" };
  private readonly listeners = new Set<(known: Known) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  speed: (typeof SPEEDS)[number] = 2;

  private constructor(
    readonly log: MatchLog,
    private readonly states: readonly MatchState[],
    private readonly happened: readonly (readonly GameEvent[])[],
    readonly finalHash: string,
    readonly matchId?: string,
    /** The signature the log carries, if the server that recorded it signed it. */
    readonly signature?: string,
    /** A fork's parent, replayed and verified with it. */
    readonly parent?: Replay,
  ) {
    this.scenario = log.header.scenario;
    this.position = states.length - 1;
  }

  /** Verifies a log file's text and opens it, or says what is wrong with it (and opens nothing). */
  static open(
    text: string,
    matchId?: string,
  ): { ok: true; replay: Replay } | { ok: false; error: string } {
    const json = parseJson(text);
    return json.ok
      ? Replay.verify(json.value, matchId)
      : { ok: false, error: json.errors.join("; ") };
  }

  /** Verifies a parsed log and opens it (a fork with its parent, opened too). */
  private static verify(
    data: unknown,
    matchId?: string,
  ): { ok: true; replay: Replay } | { ok: false; error: string } {
    const states: MatchState[] = [];
    const happened: GameEvent[][] = [];
    const result = replay(data, (head, entry, events) => {
      states.push(head.state);
      const reason = botReason(entry.command);
      happened.push(reason ? [...events, reason] : [...events]);
    });
    if (!result.ok) {
      const where = result.error.seq === undefined ? "" : t("common:replay.entry", result.error);
      return { ok: false, error: `${where}${result.error.message}` };
    }
    const local = translate(result.log.header.scenario, language());
    const parent = result.log.parent && Replay.verify(result.log.parent);
    return {
      ok: true,
      replay: new Replay(
        result.log,
        [result.opening, ...states],
        happened.map((events) => events.map((e) => localizeEvent(e, local))),
        result.head.hash,
        matchId,
        String((data as { signature?: unknown }).signature ?? "") || undefined,
        parent?.ok ? parent.replay : undefined,
      ),
    };
  }

  get length(): number {
    return this.states.length - 1;
  }

  get at(): number {
    return this.position;
  }

  get seat(): SeatHolder {
    const p = this.perspective;
    return { ...p, name: "replay" };
  }

  get address(): string {
    return this.matchId ? `#/replay/${this.matchId}/${this.position}` : "#/replay";
  }

  /** What happened up to the current position that the perspective's seat saw, with bots' reasons. */
  get events(): GameEvent[] {
    const p = this.perspective;
    return this.happened
      .slice(0, this.position)
      .flat()
      .filter(
        (e) => e.to === "all" || p.kind === "facilitator" || (p.kind === "team" && e.to === p.team),
      );
  }

  /** The state the log opens in (a fork's: its parent's at the fork). */
  get opening(): MatchState {
    const state = this.states[0];
    if (!state) throw new Error("A replay has at least its opening state");
    return state;
  }

  /** The final state. */
  get final(): MatchState {
    const state = this.states.at(-1);
    if (!state) throw new Error("A replay has at least its opening state");
    return state;
  }

  /** Every state since the first match's opening: a fork's parent's up to the fork, then its own. */
  private get history(): readonly MatchState[] {
    const at = this.log.header.fork?.at ?? 0;
    return this.parent ? [...this.parent.history.slice(0, at), ...this.states] : this.states;
  }

  /** The state at the end of each round played (the last round's is the final state), a fork's parent's rounds before it included. */
  roundEnds(): MatchState[] {
    const ends: MatchState[] = [];
    for (const state of this.history) if (state.phase !== "setup") ends[state.round - 1] = state;
    return ends.filter(Boolean);
  }

  /** The timeline's marks: rounds, offers, agreements, unilateral moves and injected events. */
  markers(): Marker[] {
    const marks: Marker[] = [];
    this.log.entries.forEach((e, i) => {
      const before = this.states[i];
      const after = this.states[i + 1];
      if (before && after && after.round !== before.round)
        marks.push({
          seq: e.seq,
          kind: "round",
          label: t("common:replay.round", { round: after.round }),
        });
      const kind = KIND[e.command.intent.type];
      if (kind) marks.push({ seq: e.seq, kind, label: e.command.intent.type });
    });
    return marks;
  }

  subscribe(listener: (known: Known) => void): () => void {
    this.listeners.add(listener);
    listener(this.known());
    return () => this.listeners.delete(listener);
  }

  /** A replay's events come with its states. */
  onEvent(): () => void {
    return () => undefined;
  }

  send(): Promise<IntentResult> {
    return Promise.resolve({
      ok: false,
      code: "replay/read-only",
      message: t("common:replay.readOnly"),
    });
  }

  seek(position: number): void {
    this.position = Math.max(0, Math.min(this.length, Math.round(position)));
    if (this.position === this.length) this.pause();
    this.emit();
  }

  step(delta: number): void {
    this.seek(this.position + delta);
  }

  /** The first entry of a round. */
  roundStart(round: number): number {
    const index = this.states.findIndex((s) => s.round === round && s.phase !== "setup");
    return index < 0 ? this.position : index;
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  play(): void {
    this.pause();
    if (this.position >= this.length) this.position = 0;
    this.timer = setInterval(() => this.step(1), 1000 / this.speed);
    this.emit();
  }

  pause(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Shows the match as a team's seat or the facilitator saw it. */
  view(perspective: Seat): void {
    this.perspective = perspective;
    this.emit();
  }

  get viewing(): Seat {
    return this.perspective;
  }

  private known(): Known {
    const state = this.states[this.position] ?? this.states[0];
    if (!state) throw new Error("A replay has at least its opening state");
    const p = this.perspective;
    const teams =
      p.kind === "facilitator"
        ? this.scenario.teams.map((t) => t.id)
        : p.kind === "team"
          ? [p.team]
          : [];
    const secrets = Object.fromEntries(
      teams.flatMap((t) => {
        const s = teamSecrets(this.scenario, t);
        return s ? [[t, s]] : [];
      }),
    );
    return localizeKnown({
      view: viewFor(this.scenario, state, p),
      scenario: scenarioFor(publicScenario(this.scenario), secrets),
    });
  }

  private emit(): void {
    const known = this.known();
    for (const listener of this.listeners) listener(known);
  }
}
