import { BOT_STRATEGIES, type BotStrategy } from "../../shared/index.ts";
import type { WireState } from "../../shared/protocol.ts";
import type { Connection } from "../app.ts";
import type { Known } from "../board.ts";
import { botName, strategyName } from "../describe.ts";
import { errorArea, fill, h, reconcile, select } from "../dom.ts";
import { formatTime, t } from "../i18n.ts";
import { seatedRoles } from "../table/part.ts";

type Holder = WireState["seats"][string];

const clock = (ms: number) => formatTime(ms, { hour: "2-digit", minute: "2-digit" });

/** A seat's holder and presence as the console shows it: "Ann (here since 10:02, claimed 09:58)". */
function presence(holder: Holder): string {
  if (holder.bot) return botName(holder.strategy);
  return t("console:seats.presence", {
    name: holder.name,
    connected: holder.connected ? "yes" : "no",
    hasSince: holder.since ? "yes" : "no",
    since: holder.since ? clock(holder.since) : "",
    hasClaimed: holder.claimedAt ? "yes" : "no",
    claimed: holder.claimedAt ? clock(holder.claimedAt) : "",
  });
}

/** Who sits where at a table, who is away, and the controls that give seats to bots and back. */
export class SeatsSection {
  readonly element = h("section", { class: "item" });
  private readonly list = h("ul", { class: "plain" });
  private readonly error = errorArea();
  private readonly done = h("p", { class: "confirm", role: "status" });
  private ended = false;

  constructor(private readonly connection: Connection) {
    fill(this.element, h("h2", {}, t("console:seats.title")), this.list, this.done, this.error);
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
    const who = holder ? presence(holder) : t("console:seats.empty");
    const seat = { team: team.name, role: role.title };
    const strategy = select(
      BOT_STRATEGIES.map((s) => [s, strategyName(s)]),
      "linear",
      { "aria-label": t("console:seats.strategyLabel", seat) },
    );
    const send = async (control: Parameters<Connection["seatControl"]>[0]) => {
      const result = await this.connection.seatControl(control);
      this.error.textContent = result.ok ? "" : result.message;
      this.done.textContent = result.ok
        ? control.type === "seat/bot"
          ? t("console:seats.botNow", { ...seat, strategy: strategyName(control.strategy) })
          : t("console:seats.freed", seat)
        : "";
    };
    const control = this.ended
      ? undefined
      : holder?.bot
        ? h(
            "button",
            { onclick: () => send({ type: "seat/human", team: team.id, role: role.id }) },
            t("console:seats.takeBack"),
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
              t("console:seats.give"),
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
            confirm(t("console:seats.freeConfirm", seat)) &&
            void send({ type: "seat/free", team: team.id, role: role.id }),
        },
        t("console:seats.free"),
      );
    return h("li", { class: "item" }, t("console:seats.row", { ...seat, who }), control, free);
  }
}
