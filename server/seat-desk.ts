import type { MapSchema } from "@colyseus/schema";
import {
  type BotSettings,
  type GameEvent,
  type RuleError,
  roleOf,
  type Scenario,
  type SeatHolder,
} from "../shared/index.ts";
import type { SeatControl } from "../shared/protocol.ts";
import type { SeatState } from "./projection.ts";
import type { RoomBots } from "./room-bots.ts";
import { occupy, seatKey, seatName } from "./seats.ts";
import type { Store } from "./store.ts";

/** What the facilitator's seat controls need from their room. */
export type SeatDeskHost = {
  store(): Store;
  readonly bots: RoomBots;
  matchId(): string;
  scenario(): Scenario;
  seats(): MapSchema<InstanceType<typeof SeatState>>;
  /** Disconnects whoever holds a seat, telling them it was freed. */
  sendAway(team: string, role: string): void;
  sendEvent(event: GameEvent): void;
  /** Tells the lobby what the table's seats are now. */
  updateListing(): void;
};

/**
 * The facilitator's hand on a table's seats: a seat goes to a bot and back to the person who claimed
 * it, or is freed (its claim and token go). Each change is announced to the table.
 */
export class SeatDesk {
  constructor(private readonly host: SeatDeskHost) {}

  /** Carries out a seat control, or says why it cannot be; `seed` seeds a new bot. */
  async control(control: SeatControl["control"], seed: number): Promise<RuleError | undefined> {
    const { team, role } = control;
    const key = seatKey(team, role);
    const { bots } = this.host;
    if (control.type === "seat/free") await this.free(team, role);
    else if (control.type === "seat/human") {
      if (!bots.has(key)) return { code: "seat/not-bot", message: "No bot holds that seat." };
      await this.takeBack(team, role);
    } else {
      if (this.host.seats().get(key)?.connected && !bots.has(key))
        return {
          code: "seat/occupied",
          message: "Someone is in that seat: a bot can take only an empty or vacated seat.",
        };
      const { strategy, compliance } = control;
      this.seatBot(team, role, { strategy, compliance, seed });
    }
    return undefined;
  }

  /** A person sits down (a bot holding the seat hands it back), and the seat shows its holder. */
  sitDown(seat: SeatHolder & { kind: "team" }, claimedAt: number): void {
    if (this.host.bots.delete(seatKey(seat.team, seat.role)))
      this.host.sendEvent({
        type: "seat/human",
        to: "all",
        text: `${seat.name} takes over the ${seatName(this.host.scenario(), seat.team, seat.role)} seat from the bot.`,
        values: { name: seat.name, team: seat.team, role: seat.role },
      });
    occupy(this.host.seats(), { ...seat, claimedAt });
    this.host.updateListing();
  }

  /**
   * Puts a bot in a negotiating seat its person left, unless they (or a bot) are back; `seed` seeds
   * the bot. A domestic role's seat stays empty: bots do not lobby.
   */
  botIfAway(team: string, role: string, seed: number): void {
    const key = seatKey(team, role);
    if (!this.host.bots.has(key) && !this.host.seats().get(key)?.connected)
      this.seatBot(team, role, { strategy: "linear", compliance: 0.8, seed });
  }

  /**
   * Puts a bot in a seat and announces it; never in a domestic wild card's seat (bots do not lobby),
   * whether the facilitator, a session's settings or an absent player asked.
   */
  seatBot(team: string, role: string, bot: BotSettings): void {
    if (roleOf(this.host.scenario(), team, role)?.constituency !== undefined) return;
    // The page names a bot by its strategy in its own language; the name is for agents and the CLI.
    occupy(
      this.host.seats(),
      { team, role, name: `Bot (${bot.strategy})`, claimedAt: 0 },
      bot.strategy,
    );
    this.host.sendEvent({
      type: "seat/bot",
      to: "all",
      text: `A ${bot.strategy} bot takes the ${seatName(this.host.scenario(), team, role)} seat.`,
      values: { strategy: bot.strategy, team, role },
    });
    this.host.updateListing();
    this.host.bots.add(seatKey(team, role), bot);
  }

  /** Frees a seat: its claim and token go, whoever holds it is disconnected. */
  private async free(team: string, role: string): Promise<void> {
    const key = seatKey(team, role);
    await this.host.store().releaseSeat(this.host.matchId(), team, role);
    this.host.bots.delete(key);
    this.host.seats().delete(key);
    this.host.sendAway(team, role);
    this.host.sendEvent({
      type: "seat/freed",
      to: "all",
      text: `The facilitator frees the ${seatName(this.host.scenario(), team, role)} seat.`,
      values: { team, role },
    });
    this.host.updateListing();
  }

  /** Takes a seat back from its bot for the person who claimed it (or leaves it empty). */
  private async takeBack(team: string, role: string): Promise<void> {
    const key = seatKey(team, role);
    const claimed = await this.host.store().seat(this.host.matchId(), team, role);
    this.host.bots.delete(key);
    const seat = this.host.seats().get(key);
    if (seat && claimed)
      Object.assign(seat, {
        bot: false,
        connected: false,
        name: claimed.name,
        claimedAt: claimed.claimedAt,
        since: Date.now(),
      });
    else this.host.seats().delete(key);
    this.host.updateListing();
  }
}
