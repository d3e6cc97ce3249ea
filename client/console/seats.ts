import { BOT_STRATEGIES, type BotStrategy } from "../../shared/index.ts";
import type { WireState } from "../../shared/protocol.ts";
import type { Connection } from "../app.ts";
import type { Known } from "../board.ts";
import { errorArea, fill, h, reconcile, select } from "../dom.ts";
import { seatedRoles } from "../table/part.ts";

type Holder = WireState["seats"][string];

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** A person's presence as the console shows it: "(here since 10:02, claimed 09:58)". */
function presence(holder: Holder): string {
  if (holder.bot) return "";
  const since = holder.since ? ` since ${clock(holder.since)}` : "";
  const claimed = holder.claimedAt ? `, claimed ${clock(holder.claimedAt)}` : "";
  return ` (${holder.connected ? "here" : "away"}${since}${claimed})`;
}

/** Who sits where at a table, who is away, and the controls that give seats to bots and back. */
export class SeatsSection {
  readonly element = h("section", { class: "item" });
  private readonly list = h("ul", { class: "plain" });
  private readonly error = errorArea();
  private readonly done = h("p", { class: "confirm", role: "status" });
  private ended = false;

  constructor(private readonly connection: Connection) {
    fill(this.element, h("h2", {}, "Seats"), this.list, this.done, this.error);
  }

  render(known: Known): void {
    this.ended = known.view.phase === "ended";
    const rows = known.scenario.teams.flatMap((team) =>
      seatedRoles(known, team.id).map((role) => ({
        team,
        role,
        holder: known.decoded?.seats[`${team.id}:${role.id}`],
      })),
    );
    reconcile(
      this.list,
      rows,
      (r) => `${r.team.id}:${r.role.id}`,
      (r) => JSON.stringify([r.holder ?? null, this.ended]),
      ({ team, role, holder }) => this.row(team, role, holder),
    );
  }

  private row(
    team: { id: string; name: string },
    role: { id: string; title: string },
    holder: Holder | undefined,
  ): HTMLElement {
    const who = holder ? `${holder.name}${presence(holder)}` : "empty";
    const strategy = select(
      BOT_STRATEGIES.map((s) => [s, s]),
      "linear",
      { "aria-label": `Bot strategy for ${team.name} ${role.title}` },
    );
    const send = async (control: Parameters<Connection["seatControl"]>[0]) => {
      const result = await this.connection.seatControl(control);
      this.error.textContent = result.ok ? "" : result.message;
      this.done.textContent = result.ok
        ? control.type === "seat/bot"
          ? `A ${control.strategy} bot now plays ${team.name} — ${role.title}.`
          : `${team.name} — ${role.title} is free for a person again.`
        : "";
    };
    const control = this.ended
      ? undefined
      : holder?.bot
        ? h(
            "button",
            { onclick: () => send({ type: "seat/human", team: team.id, role: role.id }) },
            "Take back from the bot",
          )
        : !holder?.connected &&
          h(
            "span",
            {},
            strategy,
            h(
              "button",
              {
                onclick: () =>
                  send({
                    type: "seat/bot",
                    team: team.id,
                    role: role.id,
                    strategy: strategy.value as BotStrategy,
                    compliance: 0.8,
                  }),
              },
              "Give to a bot",
            ),
          );
    const free =
      !this.ended &&
      holder &&
      h(
        "button",
        {
          class: "danger",
          onclick: () =>
            confirm(
              `Free the ${team.name} ${role.title} seat? Whoever holds it is sent back to the lobby.`,
            ) && void send({ type: "seat/free", team: team.id, role: role.id }),
        },
        "Free this seat",
      );
    return h("li", { class: "item" }, `${team.name} — ${role.title}: ${who} `, control, free);
  }
}
