import type { Delayed } from "@colyseus/core";
import {
  type Actor,
  type BotSettings,
  botReason,
  botSeat,
  type Command,
  decide,
  type GameEvent,
  type MatchState,
  publicScenario,
  type Scenario,
  scenarioFor,
  teamSecrets,
  viewFor,
} from "../shared/index.ts";
import type { IntentResult } from "../shared/protocol.ts";

/** What a room's bots need from their room. */
export type BotHost = {
  scenario(): Scenario;
  /** The rules state now. */
  state(): MatchState;
  /** Whether a person holds a seat of the team other than `except`. */
  people(team: string, except: string): boolean;
  /** How far the phase clock has run, from 0 to 1, in timed play. */
  clockShare(): number | undefined;
  execute(command: Command): IntentResult;
  sendEvent(event: GameEvent): void;
  /** The pause before a bot acts. */
  delay(): number;
  setTimeout(act: () => void, ms: number): Delayed;
};

/**
 * The bots seated at a table, by seat key: they act one decision at a time, after a pause like a
 * person's, through the same path as a player's intent. A bot beside a person on its team only
 * suggests the team's decisions, once each, in the team's log.
 */
export class RoomBots {
  private readonly bots = new Map<string, BotSettings>();
  private readonly suggested = new Map<string, string>();
  private timer: Delayed | undefined;

  constructor(private readonly host: BotHost) {}

  has(key: string): boolean {
    return this.bots.has(key);
  }

  /** Takes a bot off a seat; true if one was there. */
  delete(key: string): boolean {
    return this.bots.delete(key);
  }

  /** The seats bots hold. */
  seats(): string[] {
    return [...this.bots.keys()];
  }

  /** Seats a bot, and lets it act. */
  add(key: string, bot: BotSettings): void {
    this.bots.set(key, bot);
    this.schedule();
  }

  /** Arms the next bot turn (after every accepted command). */
  schedule(): void {
    this.timer?.clear();
    if (!this.bots.size || this.host.state().phase === "ended") return;
    this.timer = this.host.setTimeout(() => this.turn(), this.host.delay());
  }

  dispose(): void {
    this.timer?.clear();
  }

  private turn(): void {
    const scenario = this.host.scenario();
    for (const [key, bot] of this.bots) {
      const [team = "", role = ""] = key.split(":");
      const secrets = teamSecrets(scenario, team);
      const known = scenarioFor(publicScenario(scenario), secrets ? { [team]: secrets } : {});
      const decision = decide(
        known,
        viewFor(scenario, this.host.state(), { kind: "team", team, role }),
        bot,
        { clock: this.host.clockShare(), people: this.host.people(team, key) },
      );
      if (decision.suggestion && this.suggested.get(key) !== decision.reason) {
        this.suggested.set(key, decision.reason);
        this.host.sendEvent({
          type: "bot/reason",
          to: team,
          text: `Bot ${role}: ${decision.reason}`,
          values: { team, role, note: decision.reason },
        });
      }
      if (!decision.intent) continue;
      const actor: Actor = { kind: "player", team, role, seat: botSeat(bot.strategy) };
      const command: Command = { actor, intent: decision.intent, note: decision.reason };
      const reason = botReason(command);
      if (this.host.execute(command).ok) {
        if (reason) this.host.sendEvent(reason);
        return;
      }
    }
  }
}
