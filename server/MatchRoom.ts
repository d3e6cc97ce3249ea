import { type AuthContext, type Client, type Delayed, Room, ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import {
  type Actor,
  type BotSettings,
  botReason,
  botSeat,
  type Command,
  decide,
  type GameEvent,
  type Head,
  type MatchState,
  publicScenario,
  replay,
  type Scenario,
  SeatControl,
  scenarioFor,
  step,
  teamSecrets,
  viewFor,
} from "../shared/index.ts";
import {
  type IntentMessage,
  IntentMessage as IntentMessageSchema,
  type IntentResult,
  type SeatAuth,
} from "../shared/protocol.ts";
import { nextClock, type PhaseClock, type PhaseSeconds } from "./clock.ts";
import { FACILITATOR_CONNECTIONS, type joinGate, MAX_OBSERVERS, reservationCheck } from "./join.ts";
import { MatchSchema, project, SeatState } from "./projection.ts";
import { RateLimit } from "./rate-limit.ts";
import { newSecret } from "./secrets.ts";
import { ROOM_KEY } from "./sessions.ts";
import type { LogSigner } from "./signing.ts";
import type { Session, Store } from "./store.ts";

/** How many recent events a room keeps to send a (re)joining seat, so its page shows the history. */
export const EVENT_HISTORY = 200;

/** What every room of a server shares: the store, and how long a dropped seat is kept. */
export type ServerContext = {
  readonly store: Store;
  /** Who may join which table (`server/join.ts`). */
  readonly gate: ReturnType<typeof joinGate>;
  /** Signs exported logs and recognises this server's signature. */
  readonly signer: LogSigner;
  readonly reconnectSeconds: number;
  /** Pause before a bot acts in an untimed session (timed sessions pace bots like people: 2–4 s). */
  readonly botDelayMs: number;
};

type SeatClient = Client<{ userData: SeatAuth }>;

const seatKey = (team: string, role: string) => `${team}:${role}`;

/**
 * One table of a session: a thin authority around the rules. It parses each intent, takes the actor
 * from the seat, applies it with `step`, appends the entry to the store before anything is
 * broadcast, and projects the new state into the schema each client sees through its view.
 */
export class MatchRoom extends Room<{ state: MatchSchema; client: SeatClient }> {
  /** Set by `matchRoomFor`. */
  declare readonly context: ServerContext;
  private session!: Session;
  private table = 0;
  private scenario!: Scenario;
  private head!: Head;
  private phaseClock: PhaseClock = {};
  private timer: Delayed | undefined;
  private readonly limits = new Map<string, RateLimit>();

  override autoDispose = false;
  override maxClients = FACILITATOR_CONNECTIONS + MAX_OBSERVERS;

  private readonly bots = new Map<string, BotSettings>();
  private botTimer: Delayed | undefined;
  private history: GameEvent[] = [];
  /** The last suggestion each bot made to its team, so that it is said once. */
  private readonly suggested = new Map<string, string>();

  override messages = {
    intent: (client: SeatClient, message: unknown) => this.onIntent(client, message),
    "seat-control": (client: SeatClient, message: unknown) => this.onSeatControl(client, message),
    _: (client: SeatClient, type: unknown) =>
      this.reply(client, {
        ok: false,
        code: "message/unknown",
        message: `There is no message type "${String(type).slice(0, 40)}": send "intent" or "seat-control".`,
      }),
  };

  override onCreate(options: { matchId: string; roomKey?: string }): void {
    if (options.roomKey !== ROOM_KEY)
      throw new ServerError(
        403,
        "room/not-yours: Tables are opened by the server, not by clients.",
      );
    const { store } = this.context;
    const record = store.match(options.matchId);
    const session = record && store.session(record.sessionId);
    const log = store.log(options.matchId);
    if (!record || !session || !log) throw new Error(`No match ${options.matchId} in the store`);
    this.roomId = record.id;
    this.session = session;
    this.scenario = log.header.scenario;
    this.maxClients += this.scenario.teams.reduce((n, t) => n + t.roles.length, 0);
    let before: MatchState | undefined;
    const restored = replay(log, (head, entry, events) => {
      for (const event of events) this.remember(event);
      const reason = botReason(entry.command);
      if (reason) this.remember(reason);
      if (before)
        this.phaseClock = nextClock(
          this.phaseClock,
          before,
          head.state,
          entry.at,
          this.phaseSeconds(),
        );
      before = head.state;
    });
    if (!restored.ok)
      throw new Error(`Match ${record.id} does not replay: ${restored.error.message}`);
    this.head = restored.head;
    this.state = new MatchSchema();
    this.state.matchId = record.id;
    this.state.scenarioId = this.scenario.id;
    this.state.timed = session.settings.timed;
    for (const seat of store.seats(record.id))
      this.state.seats.set(
        seatKey(seat.team, seat.role),
        new SeatState({ ...seat, connected: false, bot: false }),
      );
    this.publish(undefined);
    void this.setPrivate(!session.settings.listed);
    this.table = record.table;
    const claimed = new Set(store.seats(record.id).map((s) => seatKey(s.team, s.role)));
    for (const bot of session.settings.bots ?? [])
      if (!claimed.has(seatKey(bot.team, bot.role)))
        this.seatBot(bot.team, bot.role, {
          strategy: bot.strategy,
          compliance: 0.8,
          seed: this.head.seq,
        });
    this.updateListing();
    this.schedule();
  }

  override onAuth(_client: SeatClient, options: unknown): SeatAuth & { token?: string } {
    const { claim, ...seat } = this.context.gate(this.roomId, options);
    if (!claim || seat.kind !== "player") return seat;
    const token = newSecret();
    this.context.store.claimSeat(
      { matchId: this.roomId, team: seat.team, role: seat.role, name: seat.name },
      token,
    );
    return { ...seat, token };
  }

  override onJoin(
    client: SeatClient,
    _options: unknown,
    auth: SeatAuth & { token?: string },
  ): void {
    const { token, ...seat } = auth;
    client.userData = seat;
    client.view = new StateView();
    if (seat.kind === "facilitator")
      for (const team of this.state.teams.values()) client.view.add(team);
    if (seat.kind === "player") {
      const team = this.state.teams.get(seat.team);
      if (team) client.view.add(team);
      for (const other of this.clients)
        if (other !== client && sameSeat(other.userData, seat))
          other.leave(4001, "Your seat was taken up from another connection.");
      const key = seatKey(seat.team, seat.role);
      if (this.bots.delete(key))
        this.sendEvent({
          type: "seat/human",
          to: "all",
          text: `${seat.name} takes over the ${this.seatName(seat.team, seat.role)} seat from the bot.`,
        });
      const known = this.state.seats.get(key);
      if (known) Object.assign(known, { connected: true, bot: false, name: seat.name });
      else
        this.state.seats.set(
          key,
          new SeatState({
            team: seat.team,
            role: seat.role,
            name: seat.name,
            connected: true,
            bot: false,
          }),
        );
      this.updateListing();
    }
    if (!this.limits.has(limitKey(client)))
      this.limits.set(limitKey(client), new RateLimit(Date.now()));
    client.send("seat", { ...seat, token, events: this.history.filter((e) => sees(seat, e)) });
  }

  override async onDrop(client: SeatClient): Promise<void> {
    this.setConnected(client, false);
    await this.allowReconnection(client, this.context.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: SeatClient): void {
    this.setConnected(client, true);
  }

  override onLeave(client: SeatClient): void {
    this.setConnected(client, false);
    if (client.userData?.kind === "observer") this.limits.delete(limitKey(client));
    const seat = client.userData;
    const after = this.session.settings.botTakeoverSeconds;
    if (seat?.kind !== "player" || !after) return;
    this.clock.setTimeout(() => {
      const key = seatKey(seat.team, seat.role);
      if (
        this.head.state.phase === "ended" ||
        this.bots.has(key) ||
        this.state.seats.get(key)?.connected
      )
        return;
      this.seatBot(seat.team, seat.role, {
        strategy: "linear",
        compliance: 0.8,
        seed: this.head.seq,
      });
    }, after * 1000);
  }

  override onDispose(): void {
    this.timer?.clear();
    this.botTimer?.clear();
  }

  /** A seat as people read it: "United States Trade Representative". */
  private seatName(team: string, role: string): string {
    const found = this.scenario.teams.find((t) => t.id === team);
    return `${found?.name ?? team} ${found?.roles.find((r) => r.id === role)?.title ?? role}`;
  }

  /** The current rules state (for tests and the facilitator's tools). */
  get match(): MatchState {
    return this.head.state;
  }

  /** What the lobby lists about this table: its title, phase and open seats. */
  private updateListing(): void {
    const taken = new Set(this.state.seats.keys());
    const openSeats = this.scenario.teams.flatMap((team) =>
      team.roles
        .filter((role) => !taken.has(seatKey(team.id, role.id)))
        .map((role) => seatKey(team.id, role.id)),
    );
    void this.setMetadata({
      title: this.session.settings.title,
      table: this.table,
      phase: this.head.state.phase,
      round: this.head.state.round,
      openSeats,
      botSeats: [...this.bots.keys()],
    });
  }

  private setConnected(client: SeatClient, connected: boolean): void {
    const seat = client.userData;
    if (seat?.kind !== "player") return;
    const stillThere = this.clients.some((c) => c !== client && sameSeat(c.userData, seat));
    const state = this.state.seats.get(seatKey(seat.team, seat.role));
    if (state && !stillThere) state.connected = connected;
  }

  private onIntent(client: SeatClient, message: unknown): void {
    const limit = this.limits.get(limitKey(client))?.take(Date.now()) ?? "ok";
    if (limit === "drop") {
      client.leave(4008, "Too many messages.");
      return;
    }
    const refusal = this.admit(client, message, limit === "limited");
    if (refusal) this.reply(client, refusal);
  }

  /** Turns a client's message into a command and executes it, or says why it cannot be. */
  private admit(client: SeatClient, message: unknown, limited: boolean): IntentResult | undefined {
    const ref =
      typeof message === "object" && message && "ref" in message && typeof message.ref === "string"
        ? message.ref.slice(0, 40)
        : undefined;
    if (limited)
      return {
        ref,
        ok: false,
        code: "rate/limited",
        message: "Slow down: too many actions at once.",
      };
    const parsed = IntentMessageSchema.safeParse(message);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return {
        ref,
        ok: false,
        code: "intent/invalid",
        message: `${where}${issue?.message ?? "not an intent"}`,
      };
    }
    const actor = actorOf(client.userData);
    if (!actor)
      return {
        ref,
        ok: false,
        code: "actor/observer",
        message: "Observers watch; they cannot act.",
      };
    this.execute({ actor, intent: parsed.data.intent } as Command, client, parsed.data);
    return undefined;
  }

  /**
   * Applies a command through the rules; if accepted, stores it, then projects and broadcasts.
   * Players, the clock and (later) bots all come through here.
   */
  execute(command: Command, client?: SeatClient, message?: IntentMessage): IntentResult {
    const at = Date.now();
    const result = step(this.scenario, this.head, command, at);
    const ref = message?.ref;
    if (!result.ok) {
      const refusal: IntentResult = { ref, ok: false, ...result.error };
      if (client) this.reply(client, refusal);
      return refusal;
    }
    this.context.store.append(this.roomId, result.entry);
    const before = this.head.state;
    this.head = result.head;
    this.phaseClock = nextClock(this.phaseClock, before, this.head.state, at, this.phaseSeconds());
    this.publish(before);
    for (const event of result.events) this.sendEvent(event);
    if (this.head.state.phase === "ended") this.context.store.endMatch(this.roomId);
    if (this.head.state.phase !== before.phase) this.updateListing();
    this.schedule();
    this.scheduleBots();
    const accepted: IntentResult = { ref, ok: true, seq: this.head.seq };
    if (client) this.reply(client, accepted);
    return accepted;
  }

  /** The facilitator hands a seat to a bot, or takes it back for people. */
  private onSeatControl(client: SeatClient, message: unknown): void {
    this.reply(client, this.seatControl(client, message));
  }

  private seatControl(client: SeatClient, message: unknown): IntentResult {
    const parsed = SeatControl.safeParse(message);
    const ref = parsed.success ? parsed.data.ref : undefined;
    const refuse = (code: string, text: string): IntentResult => ({
      ref,
      ok: false,
      code,
      message: text,
    });
    if (client.userData?.kind !== "facilitator")
      return refuse("actor/not-facilitator", "Only the facilitator hands seats to bots.");
    if (!parsed.success)
      return refuse("seat/invalid", parsed.error.issues[0]?.message ?? "Not a seat control.");
    const { control } = parsed.data;
    const team = this.scenario.teams.find((t) => t.id === control.team);
    if (!team?.roles.some((r) => r.id === control.role))
      return refuse("seat/unknown", `No role "${control.role}" in team "${control.team}".`);
    const key = seatKey(control.team, control.role);
    if (control.type === "seat/free") {
      this.context.store.releaseSeat(this.roomId, control.team, control.role);
      this.bots.delete(key);
      this.state.seats.delete(key);
      for (const other of this.clients)
        if (sameSeat(other.userData, { kind: "player", ...control, name: "" }))
          other.leave(4003, "The facilitator has freed your seat.");
      this.sendEvent({
        type: "seat/freed",
        to: "all",
        text: `The facilitator frees the ${this.seatName(control.team, control.role)} seat.`,
      });
      this.updateListing();
      return { ref, ok: true, seq: this.head.seq };
    }
    if (control.type === "seat/human") {
      if (!this.bots.delete(key)) return refuse("seat/not-bot", "No bot holds that seat.");
      const claimed = this.context.store
        .seats(this.roomId)
        .find((s) => seatKey(s.team, s.role) === key);
      const seat = this.state.seats.get(key);
      if (seat && claimed)
        Object.assign(seat, { bot: false, connected: false, name: claimed.name });
      else this.state.seats.delete(key);
      this.updateListing();
      return { ref, ok: true, seq: this.head.seq };
    }
    if (this.state.seats.get(key)?.connected && !this.bots.has(key))
      return refuse(
        "seat/occupied",
        "Someone is in that seat: a bot can take only an empty or vacated seat.",
      );
    this.seatBot(control.team, control.role, {
      strategy: control.strategy,
      compliance: control.compliance,
      seed: this.head.seq,
    });
    return { ref, ok: true, seq: this.head.seq };
  }

  private seatBot(team: string, role: string, bot: BotSettings): void {
    const key = seatKey(team, role);
    this.bots.set(key, bot);
    const name = `Bot (${bot.strategy})`;
    const seat = this.state.seats.get(key);
    if (seat) Object.assign(seat, { bot: true, connected: true, name });
    else this.state.seats.set(key, new SeatState({ team, role, name, connected: true, bot: true }));
    this.sendEvent({
      type: "seat/bot",
      to: "all",
      text: `A ${bot.strategy} bot takes the ${this.seatName(team, role)} seat.`,
    });
    this.updateListing();
    this.scheduleBots();
  }

  /** Lets the bots act, one decision at a time, after a pause like a person's. */
  private scheduleBots(): void {
    this.botTimer?.clear();
    if (!this.bots.size || this.head.state.phase === "ended") return;
    const delay = this.session.settings.timed
      ? 2000 + Math.random() * 2000
      : this.context.botDelayMs;
    this.botTimer = this.clock.setTimeout(() => this.botTurn(), delay);
  }

  /**
   * The first bot with something to do does it, through the same path as a player's intent. A bot
   * beside a person on its team only suggests the team's decisions, once each, in the team's log.
   */
  private botTurn(): void {
    for (const [key, bot] of this.bots) {
      const [team = "", role = ""] = key.split(":");
      const secrets = teamSecrets(this.scenario, team);
      const known = scenarioFor(publicScenario(this.scenario), secrets ? { [team]: secrets } : {});
      const people = [...this.state.seats.entries()].some(
        ([other, seat]) => other !== key && seat.team === team && !seat.bot,
      );
      const decision = decide(
        known,
        viewFor(this.scenario, this.head.state, { kind: "team", team, role }),
        bot,
        { clock: this.clockShare(), people },
      );
      if (decision.suggestion && this.suggested.get(key) !== decision.reason) {
        this.suggested.set(key, decision.reason);
        this.sendEvent({ type: "bot/reason", to: team, text: `Bot ${role}: ${decision.reason}` });
      }
      if (!decision.intent) continue;
      const actor: Actor = { kind: "player", team, role, seat: botSeat(bot.strategy) };
      const command: Command = { actor, intent: decision.intent, note: decision.reason };
      const reason = botReason(command);
      if (this.execute(command).ok) {
        if (reason) this.sendEvent(reason);
        return;
      }
    }
  }

  /** How far the current phase's clock has run, from 0 to 1, in timed play. */
  private clockShare(): number | undefined {
    const phases: PhaseSeconds = this.phaseSeconds();
    const seconds = phases?.[this.head.state.phase];
    const { deadlineAt } = this.phaseClock;
    if (!seconds || deadlineAt === undefined) return undefined;
    return Math.min(1, Math.max(0, 1 - (deadlineAt - Date.now()) / (seconds * 1000)));
  }

  private publish(before: MatchState | undefined): void {
    project(this.state, this.scenario, before, this.head.state, this.phaseClock);
    this.state.seq = this.head.seq;
    this.state.hash = this.head.hash;
  }

  /** Answers an intent; an acceptance travels after the patch, so the client's state already shows it. */
  private reply(client: SeatClient, result: IntentResult): void {
    client.send("result", result, { afterNextPatch: result.ok });
  }

  /** Sends an event to everyone, or only to its team's seats and the facilitator, and keeps it. */
  private sendEvent(event: GameEvent): void {
    this.remember(event);
    if (event.to === "all") {
      this.broadcast("event", event, { afterNextPatch: true });
      return;
    }
    for (const client of this.clients)
      if (client.userData && sees(client.userData, event))
        client.send("event", event, { afterNextPatch: true });
  }

  private remember(event: GameEvent): void {
    this.history.push(event);
    if (this.history.length > EVENT_HISTORY) this.history = this.history.slice(-EVENT_HISTORY);
  }

  private phaseSeconds() {
    const { settings } = this.session;
    return settings.timed ? { ...this.scenario.phases, ...settings.phaseSeconds } : undefined;
  }

  /** Arms the phase timer: when it fires, the clock reports the deadline of the phase it was set for. */
  private schedule(): void {
    this.timer?.clear();
    this.timer = undefined;
    const { deadlineAt } = this.phaseClock;
    if (deadlineAt === undefined) return;
    const { round, phase } = this.head.state;
    this.timer = this.clock.setTimeout(
      () =>
        this.execute({
          actor: { kind: "clock" },
          intent: { type: "clock/deadline", round, phase },
        }),
      Math.max(0, deadlineAt - Date.now()),
    );
  }
}

/** Whether a seat may see an event: everyone sees public ones; a team's only its seats and the facilitator. */
function sees(seat: SeatAuth, event: GameEvent): boolean {
  return (
    event.to === "all" ||
    seat.kind === "facilitator" ||
    (seat.kind === "player" && seat.team === event.to)
  );
}

/**
 * Whose rate limit a connection draws on: its seat's (or the facilitator's), which outlives the
 * connection, so a flooder gains nothing by reconnecting; an observer's own.
 */
function limitKey(client: SeatClient): string {
  const seat = client.userData;
  if (seat?.kind === "player") return seatKey(seat.team, seat.role);
  return seat?.kind === "facilitator" ? "facilitator" : client.sessionId;
}

function sameSeat(a: SeatAuth | undefined, b: SeatAuth): boolean {
  return a?.kind === "player" && b.kind === "player" && a.team === b.team && a.role === b.role;
}

/** The actor a connection acts as: never taken from the message. */
function actorOf(seat: SeatAuth | undefined): Actor | undefined {
  if (seat?.kind === "facilitator") return { kind: "facilitator" };
  if (seat?.kind === "player")
    return { kind: "player", team: seat.team, role: seat.role, seat: seat.name };
  return undefined;
}

/** A room class bound to a server's context. */
export function matchRoomFor(context: ServerContext): typeof MatchRoom {
  const check = reservationCheck(context.gate);
  return class extends MatchRoom {
    override readonly context = context;

    static override async onAuth(_token: string, options: unknown, auth: AuthContext) {
      return check(options, auth);
    }
  };
}
