import { type AuthContext, type Client, type Delayed, Room, ServerError } from "@colyseus/core";
import {
  type Command,
  type GameEvent,
  type Head,
  type MatchState,
  type PublicScenario,
  publicScenario,
  roleBriefsFor,
  type Scenario,
  type SeatHolder,
  step,
  worksheetsFor,
} from "../shared/index.ts";
import {
  CLOSE_CODES,
  type IntentMessage,
  type IntentResult,
  type SeatMessage,
} from "../shared/protocol.ts";
import { nextClock, type PhaseClock, phaseSeconds, phaseShare } from "./clock.ts";
import { GroupCommit } from "./commit.ts";
import type { ServerContext } from "./context.ts";
import { EventHistory, sees } from "./events.ts";
import { admitIntent, admitSeatControl } from "./intents.ts";
import {
  addressOf,
  FACILITATOR_CONNECTIONS,
  MAX_OBSERVERS,
  reservationCheck,
  SEAT_TAKEN,
} from "./join.ts";
import { MatchSchema, project, SeatState, sharedView, withoutEmptyPatches } from "./projection.ts";
import { RateLimit } from "./rate-limit.ts";
import { loadMatch } from "./restore.ts";
import { RoomBots } from "./room-bots.ts";
import { SeatDesk } from "./seat-desk.ts";
import { limitKey, listing, openSeats, sameSeat, seatKey } from "./seats.ts";
import { newSecret } from "./secrets.ts";
import { ROOM_KEY } from "./sessions.ts";
import { isDuplicateKey } from "./sql.ts";
import type { Session } from "./store.ts";

type SeatClient = Client<{ userData: SeatHolder }>;

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
  /** The scenario as every seat may read it, sent to each connection as it joins. */
  private publicScenario!: PublicScenario;
  private head!: Head;
  private phaseClock: PhaseClock = {};
  private timer: Delayed | undefined;
  private readonly limits = new Map<string, RateLimit>();
  private readonly commit = new GroupCommit(
    () => this.context.store,
    () => this.roomId,
    () => this.head.seq,
  );

  override autoDispose = false;
  override maxClients = FACILITATOR_CONNECTIONS + MAX_OBSERVERS;

  private history = new EventHistory();
  private readonly bots = new RoomBots({
    scenario: () => this.scenario,
    state: () => this.head.state,
    people: (team, except) =>
      [...this.state.seats.entries()].some(
        ([key, seat]) => key !== except && seat.team === team && !seat.bot,
      ),
    clockShare: () =>
      phaseShare(this.phaseClock, this.phaseSeconds(), this.head.state.phase, Date.now()),
    execute: (command) => this.execute(command),
    sendEvent: (event) => this.sendEvent(event),
    delay: () =>
      this.session.settings.timed ? 2000 + Math.random() * 2000 : this.context.botDelayMs,
    setTimeout: (act, ms) => this.clock.setTimeout(act, ms),
  });

  private readonly desk = new SeatDesk({
    store: () => this.context.store,
    bots: this.bots,
    matchId: () => this.roomId,
    scenario: () => this.scenario,
    seats: () => this.state.seats,
    sendAway: (team, role) => {
      for (const other of this.clients)
        if (sameSeat(other.userData, { kind: "team", team, role, name: "" }))
          other.leave(CLOSE_CODES.seatFreed, "The facilitator has freed your seat.");
    },
    sendEvent: (event) => this.sendEvent(event),
    updateListing: () => this.updateListing(),
  });
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

  override async onCreate(options: { matchId: string; roomKey?: string }): Promise<void> {
    if (options.roomKey !== ROOM_KEY)
      throw new ServerError(
        403,
        "room/not-yours: Tables are opened by the server, not by clients.",
      );
    const { store, tables } = this.context;
    if (!(await tables.claim(options.matchId)))
      throw new ServerError(409, "room/leased: Another server process plays this table.");
    const { record, session, scenario, head, clock, history } = await loadMatch(
      store,
      options.matchId,
      this.context.clockScale,
    );
    this.roomId = record.id;
    this.session = session;
    this.scenario = scenario;
    this.publicScenario = publicScenario(scenario);
    this.head = head;
    this.phaseClock = clock;
    this.history = history;
    this.maxClients += openSeats(scenario, new Set(), session.settings.wildCards).length;
    this.state = new MatchSchema();
    this.state.matchId = record.id;
    this.state.scenarioId = this.scenario.id;
    this.state.timed = session.settings.timed;
    this.state.wildCards = session.settings.wildCards ?? false;
    for (const { matchId: _, ...seat } of await store.seats(record.id))
      this.state.seats.set(
        seatKey(seat.team, seat.role),
        new SeatState({ ...seat, connected: false, bot: false, strategy: "", since: Date.now() }),
      );
    this.publish(undefined);
    void this.setPrivate(!session.settings.listed);
    this.table = record.table;
    for (const bot of session.settings.bots ?? [])
      if (!this.state.seats.has(seatKey(bot.team, bot.role)))
        this.desk.seatBot(bot.team, bot.role, {
          strategy: bot.strategy,
          compliance: 0.8,
          seed: this.head.seq,
        });
    this.updateListing();
    this.schedule();
    tables.rooms.set(record.id, this);
  }

  override async onAuth(
    _client: SeatClient,
    options: unknown,
    context: AuthContext,
  ): Promise<SeatHolder & { token?: string }> {
    const address = addressOf(context);
    const { claim, ...seat } = await this.context.gate(this.roomId, options, address);
    if (!claim || seat.kind !== "team") return seat;
    const token = newSecret();
    await this.context.store
      .claimSeat(
        { matchId: this.roomId, team: seat.team, role: seat.role, name: seat.name },
        token,
        address,
      )
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
        throw new ServerError(409, `join/seat-taken: ${SEAT_TAKEN}`); // taken by a join just before
      });
    return { ...seat, token };
  }

  override async onJoin(
    client: SeatClient,
    _options: unknown,
    auth: SeatHolder & { token?: string },
  ): Promise<void> {
    const { token, ...seat } = auth;
    const claimed =
      seat.kind === "team"
        ? await this.context.store.seat(this.roomId, seat.team, seat.role)
        : undefined;
    client.userData = seat;
    withoutEmptyPatches(client);
    client.view = sharedView(this.state, seat);
    if (seat.kind === "team") {
      for (const other of this.clients)
        if (other !== client && sameSeat(other.userData, seat))
          other.leave(
            CLOSE_CODES.seatTakenElsewhere,
            "Your seat was taken up from another connection.",
          );
      this.desk.sitDown(seat, claimed?.claimedAt ?? Date.now());
      if (this.session.settings.autoStart && this.head.state.phase === "setup")
        this.execute({ actor: { kind: "facilitator" }, intent: { type: "match/start" } });
    }
    const limit = limitKey(seat, client.sessionId);
    if (!this.limits.has(limit)) this.limits.set(limit, new RateLimit(Date.now()));
    await this.commit.durable(); // the state and seat message show entries since the last patch
    client.send("seat", {
      ...seat,
      token,
      events: this.history.seenBy(seat),
      scenario: this.publicScenario,
      roleBriefs: roleBriefsFor(this.scenario, seat),
      worksheets: worksheetsFor(this.head.state, seat),
    } satisfies SeatMessage);
  }

  override async onDrop(client: SeatClient): Promise<void> {
    this.setConnected(client, false);
    await this.allowReconnection(client, this.context.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: SeatClient): void {
    withoutEmptyPatches(client);
    this.setConnected(client, true);
  }

  override onLeave(client: SeatClient): void {
    this.setConnected(client, false);
    if (client.userData?.kind === "observer")
      this.limits.delete(limitKey(client.userData, client.sessionId));
    const seat = client.userData;
    const after = this.session.settings.botTakeoverSeconds;
    if (seat?.kind === "team" && after)
      this.clock.setTimeout(() => {
        if (this.head.state.phase !== "ended")
          this.desk.botIfAway(seat.team, seat.role, this.head.seq);
      }, after * 1000);
  }

  /** Colyseus calls this on its patch interval: the patch goes out once it is durable. */
  override broadcastPatch(): boolean {
    this.commit.patch(() => super.broadcastPatch());
    return false;
  }

  /** The table's last entries are written before its lease is given up (to another process, in a cluster). */
  override async onDispose(): Promise<void> {
    this.timer?.clear();
    this.bots.dispose();
    await this.commit.durable().catch((error: Error) => this.commit.failed(error));
    await this.context.tables.release(this.roomId);
  }

  /** How long each phase of this table lasts, in seconds, or undefined when it is untimed. */
  private phaseSeconds() {
    return phaseSeconds(this.session, this.scenario, this.context.clockScale);
  }

  /** The current rules state (for tests and the facilitator's tools). */
  get match(): MatchState {
    return this.head.state;
  }

  /** The log's head: its last sequence number and hash (kept off the wire: see `docs/protocol.md`). */
  get logHead(): Pick<Head, "seq" | "hash"> {
    return this.head;
  }

  /** What the lobby lists about this table: its title, phase and open seats. */
  private updateListing(): void {
    const taken = new Set(this.state.seats.keys());
    void this.setMetadata({
      ...listing(this.scenario, this.session.settings, this.head.state, taken),
      table: this.table,
      botSeats: this.bots.seats(),
    });
  }

  private setConnected(client: SeatClient, connected: boolean): void {
    const seat = client.userData;
    if (seat?.kind !== "team") return;
    const stillThere = this.clients.some((c) => c !== client && sameSeat(c.userData, seat));
    const state = this.state.seats.get(seatKey(seat.team, seat.role));
    if (state && !stillThere) Object.assign(state, { connected, since: Date.now() });
  }

  private onIntent(client: SeatClient, message: unknown): void {
    const limit =
      this.limits.get(limitKey(client.userData, client.sessionId))?.take(Date.now()) ?? "ok";
    if (limit === "drop") {
      client.leave(CLOSE_CODES.flood, "Too many messages.");
      return;
    }
    const admitted = admitIntent(message, client.userData, limit === "limited");
    if ("refusal" in admitted) this.reply(client, admitted.refusal);
    else this.execute(admitted.command, client, admitted.message);
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
    this.context.store.writes.append(this.roomId, result.entry);
    const before = this.head.state;
    this.head = result.head;
    const seconds = this.phaseSeconds();
    this.phaseClock = nextClock(this.phaseClock, before, this.head.state, at, seconds);
    this.publish(before);
    for (const event of result.events) this.sendEvent(event);
    if (this.head.state.phase === "ended")
      this.context.store.endMatch(this.roomId).catch((error: Error) => this.commit.failed(error));
    if (this.head.state.phase !== before.phase) this.updateListing();
    this.schedule();
    this.bots.schedule();
    const accepted: IntentResult = { ref, ok: true };
    if (client) this.reply(client, accepted);
    return accepted;
  }

  /** The facilitator hands a seat to a bot, takes it back for people, or frees it. */
  private async onSeatControl(client: SeatClient, message: unknown): Promise<void> {
    const admitted = admitSeatControl(message, client.userData, this.scenario);
    if ("refusal" in admitted) {
      this.reply(client, admitted.refusal);
      return;
    }
    const { ref } = admitted;
    const refused = await this.desk.control(admitted.control, this.head.seq);
    this.reply(client, refused ? { ref, ok: false, ...refused } : { ref, ok: true });
  }

  private publish(before: MatchState | undefined): void {
    project(this.state, this.scenario, before, this.head.state, this.phaseClock);
  }

  /** Answers an intent; an acceptance travels after the patch, so the client's state already shows it. */
  private reply(client: SeatClient, result: IntentResult): void {
    client.send("result", result, { afterNextPatch: result.ok });
  }

  /** Sends an event to everyone, or only to its team's seats and the facilitator, and keeps it. */
  private sendEvent(event: GameEvent): void {
    this.history.remember(event);
    if (event.to === "all") {
      this.broadcast("event", event, { afterNextPatch: true });
      return;
    }
    for (const client of this.clients)
      if (client.userData && sees(client.userData, event))
        client.send("event", event, { afterNextPatch: true });
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

/** A room class bound to a server's context. */
export function matchRoomFor(context: ServerContext): typeof MatchRoom {
  const check = reservationCheck(context.gate, context.presence);
  return class extends MatchRoom {
    override readonly context = context;

    static override onAuth(_token: string, options: unknown, auth: AuthContext) {
      return check(options, auth);
    }
  };
}
