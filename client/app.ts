import { Client, CloseCode, type Room } from "@colyseus/sdk";
import {
  type GameEvent,
  type Intent,
  type Seat,
  seatKey,
  translate,
  type Worksheet,
} from "../shared/index.ts";
import {
  CLOSE_CODES,
  type IntentResult,
  type SeatControl,
  type SeatMessage,
  type WireState,
} from "../shared/protocol.ts";
import { type Known, knownFrom } from "./board.ts";
import { status } from "./dom.ts";
import { language, type ServerError, serverMessage, t } from "./i18n.ts";
import { localizeEvent, localizeKnown } from "./localize.ts";

/** A facilitator's session, kept in this browser so that a reload reopens the console. */
export type FacilitatorSession = {
  readonly sessionId: string;
  readonly code: string;
  readonly facilitatorSecret: string;
  readonly matches: readonly { readonly matchId: string; readonly table: number }[];
};

const tokenKey = (matchId: string) => `trade-truce:seat:${matchId}`;

/** Why the room closed a connection, by its close code (docs/protocol.md). */
const LEFT: Readonly<Record<number, string>> = {
  [CLOSE_CODES.seatTakenElsewhere]: "common:connection.takenElsewhere",
  [CLOSE_CODES.seatFreed]: "common:connection.freed",
  [CLOSE_CODES.flood]: "common:connection.flood",
};
const SESSION_KEY = "trade-truce:facilitator";

/** Calls the server's JSON API; a refusal throws an error carrying its message. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: ServerError };
  if (!response.ok) throw new Error(serverMessage(body.error, response.status));
  return body;
}

/** Attempts, a second apart, to join a table again after its server process went away. */
const RETAKE_ATTEMPTS = 90;

/**
 * One connection to one table, as a seat, an observer or the facilitator. If the table's server
 * process goes away (a restart, or another process of a cluster taking the table over), it joins the
 * table again by itself, with the seat's token, wherever the table is played now.
 */
export class Connection {
  private current!: Room;
  private closing = false;
  readonly seat: SeatMessage;
  private readonly listeners = new Set<(known: Known) => void>();
  private readonly eventListeners = new Set<(event: GameEvent) => void>();
  private readonly pending = new Map<string, (result: IntentResult) => void>();
  private refs = 0;
  /** The events this seat has seen: those the room kept from before it joined, then each as it comes. */
  readonly events: GameEvent[];
  /** The scenario's public part in the page's language, which events are told from. */
  private readonly scenario: SeatMessage["scenario"];
  /** The worksheets this seat may read before the end: as the room sent them, then as it hands its own in. */
  private worksheets: Record<string, Worksheet>;

  private constructor(
    room: Room,
    seat: SeatMessage,
    private readonly client: Client,
    /** How to join again: the seat's token, or what opened the connection (facilitator, observer). */
    private readonly again: Record<string, unknown>,
  ) {
    this.seat = seat;
    this.scenario = translate(seat.scenario, language());
    this.events = (seat.events ?? []).map((e) => localizeEvent(e, this.scenario));
    this.worksheets = { ...seat.worksheets };
    this.bind(room);
  }

  /** The room this connection is in now. */
  get room(): Room {
    return this.current;
  }

  private bind(room: Room): void {
    this.current = room;
    room.onStateChange(() => this.emit());
    room.onMessage("result", (result: IntentResult) => {
      const resolve = result.ref ? this.pending.get(result.ref) : undefined;
      if (result.ref) this.pending.delete(result.ref);
      resolve?.(result.ok ? result : { ...result, message: serverMessage(result) });
    });
    room.onMessage("event", (raw: GameEvent) => {
      const event = localizeEvent(raw, this.scenario);
      this.events.push(event);
      for (const listener of this.eventListeners) listener(event);
    });
    room.onDrop(() => status(t("common:connection.lost")));
    room.onLeave((code: number) => {
      if (room !== this.current) return;
      for (const [ref, resolve] of this.pending)
        resolve({
          ref,
          ok: false,
          code: "connection/lost",
          message: t("common:connection.closed"),
        });
      this.pending.clear();
      const why = LEFT[code];
      if (why) status(t(why));
      else if (code !== CloseCode.CONSENTED && !this.closing) void this.retake();
    });
    room.onReconnect(() => {
      status(t("common:connection.reconnected"));
      setTimeout(() => status(""), 2500);
    });
  }

  /** Joins a table and waits for the server to say who this connection is. */
  static async join(
    client: Client,
    matchId: string,
    options: Record<string, unknown>,
  ): Promise<Connection> {
    const [room, seat] = await Connection.enter(client, matchId, options);
    if (seat.token) localStorage.setItem(tokenKey(matchId), seat.token);
    return new Connection(room, seat, client, seat.token ? { seatToken: seat.token } : options);
  }

  private static async enter(
    client: Client,
    matchId: string,
    options: Record<string, unknown>,
  ): Promise<[Room, SeatMessage]> {
    const room = await client.joinById(matchId, options);
    room.reconnection.minUptime = 1000;
    // A short drop reconnects the same connection (about 6 s of retries); past that, `retake`.
    room.reconnection.maxRetries = 5;
    const seat = await new Promise<SeatMessage>((resolve) => room.onMessage("seat", resolve));
    return [room, seat];
  }

  /** Joins the table again after its server process went away, once another plays it. */
  private async retake(): Promise<void> {
    const matchId = this.current.roomId;
    status(t("common:connection.moving"));
    for (let attempt = 0; attempt < RETAKE_ATTEMPTS && !this.closing; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const entered = await Connection.enter(this.client, matchId, this.again).catch(
        () => undefined,
      );
      if (!entered) continue;
      const [room, seat] = entered;
      if (this.closing) {
        void room.leave();
        return;
      }
      this.events.splice(
        0,
        this.events.length,
        ...(seat.events ?? []).map((e) => localizeEvent(e, this.scenario)),
      );
      this.worksheets = { ...seat.worksheets };
      this.bind(room);
      this.emit();
      status(t("common:connection.back"));
      setTimeout(() => status(""), 2500);
      return;
    }
    if (!this.closing) status(t("common:connection.unreachable"));
  }

  /** The match this connection plays. */
  get matchId(): string {
    return this.room.roomId;
  }

  /** The address (location hash) that reopens this table. */
  get address(): string {
    return `#/table/${this.room.roomId}`;
  }

  /** The seat as the shared rules know it: without its holder's name, token and history. */
  get viewSeat(): Seat {
    const { name, token, events, scenario, roleBriefs, worksheets, ...seat } = this.seat;
    return seat;
  }

  /** The board as this seat knows it, or undefined before the first state. */
  known(): Known | undefined {
    const decoded = this.room.state?.toJSON?.() as WireState | undefined;
    return decoded?.phase
      ? localizeKnown(
          knownFrom(decoded, this.viewSeat, this.seat.scenario, {
            roleBriefs: this.seat.roleBriefs,
            worksheets: this.worksheets,
          }),
        )
      : undefined;
  }

  /** Calls back on every state change (and once now, if there is a state). */
  subscribe(listener: (known: Known) => void): () => void {
    this.listeners.add(listener);
    const known = this.known();
    if (known) listener(known);
    return () => this.listeners.delete(listener);
  }

  /** Calls back on every event as it arrives (after the patch that shows its effect). */
  onEvent(listener: (event: GameEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Sends an intent; resolves with the server's answer. */
  async send(intent: Intent): Promise<IntentResult> {
    const result = await this.request("intent", { intent });
    const seat = this.viewSeat;
    if (result.ok && intent.type === "worksheet/submit" && seat.kind === "team") {
      this.worksheets[seatKey(seat.team, seat.role)] = intent.worksheet;
      this.emit();
    }
    return result;
  }

  /** The facilitator hands a seat to a bot or takes it back; resolves with the server's answer. */
  seatControl(control: SeatControl["control"]): Promise<IntentResult> {
    return this.request("seat-control", { control });
  }

  private request(type: string, body: Record<string, unknown>): Promise<IntentResult> {
    const ref = `c${++this.refs}`;
    return new Promise((resolve) => {
      this.pending.set(ref, resolve);
      this.room.send(type, { ...body, ref });
    });
  }

  leave(): void {
    this.closing = true;
    this.listeners.clear();
    this.eventListeners.clear();
    void this.room.leave();
  }

  private emit(): void {
    const known = this.known();
    if (known) for (const listener of this.listeners) listener(known);
  }
}

/** What the whole page shares: the SDK client and the credentials kept in this browser. */
export class App {
  readonly client = new Client(location.origin);
  private readonly consoleTables = new Map<string, Promise<Connection>>();

  seatToken(matchId: string): string | undefined {
    return localStorage.getItem(tokenKey(matchId)) ?? undefined;
  }

  facilitatorSession(): FacilitatorSession | undefined {
    const saved = localStorage.getItem(SESSION_KEY);
    return saved ? (JSON.parse(saved) as FacilitatorSession) : undefined;
  }

  saveFacilitatorSession(session: FacilitatorSession): void {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  }

  /** Downloads a match log with the key this browser holds for it: the facilitator's, or a player's seat token. */
  async fetchLog(matchId: string): Promise<string> {
    const session = this.facilitatorSession();
    const key = session?.matches.some((m) => m.matchId === matchId)
      ? session.facilitatorSecret
      : this.seatToken(matchId);
    const response = await fetch(`/api/matches/${matchId}/log`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        serverMessage((JSON.parse(text) as { error?: ServerError }).error, response.status),
      );
    return text;
  }

  /** Whether this browser runs the session a table belongs to. */
  runs(matchId: string): boolean {
    return !!this.facilitatorSession()?.matches.some((m) => m.matchId === matchId);
  }

  /**
   * The facilitator's connection to one of the session's tables: joined once and kept while the
   * page lives, so the console and the tables it opens share it.
   */
  consoleTable(matchId: string): Promise<Connection> {
    const session = this.facilitatorSession();
    if (!session || !this.runs(matchId))
      return Promise.reject(new Error(t("common:connection.notYours")));
    let connection = this.consoleTables.get(matchId);
    if (!connection) {
      connection = Connection.join(this.client, matchId, {
        facilitatorSecret: session.facilitatorSecret,
      });
      connection.catch(() => this.consoleTables.delete(matchId));
      this.consoleTables.set(matchId, connection);
    }
    return connection;
  }

  /** Takes this browser's seat at a table back, or joins it as the facilitator when it holds the key. */
  async rejoin(matchId: string): Promise<Connection> {
    const token = this.seatToken(matchId);
    if (token) return Connection.join(this.client, matchId, { seatToken: token });
    if (this.runs(matchId)) return this.consoleTable(matchId);
    throw new Error(t("common:connection.noSeat"));
  }
}
