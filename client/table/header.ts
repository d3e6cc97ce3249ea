import type { LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { botName, sideClass, teamName } from "../describe.ts";
import { errorArea, fill, h, toast } from "../dom.ts";
import { languageSwitch, t } from "../i18n.ts";
import { guidance } from "./guidance.ts";
import { can, type Part, seatedRoles, type Table } from "./part.ts";

/**
 * The top of the panel: who the seat is, what to do now, the team's readiness, who of the team is
 * here, and at the summit who has endorsed (with the lead's buttons).
 */
export class TableHeader implements Part {
  readonly element = h("div", { class: "table-header" });
  private readonly me = h("span", { class: "badge" });
  private readonly guide = h("p", { class: "guide", id: "guidance", "aria-live": "polite" });
  private readonly team = h("p", { class: "muted" });
  private readonly summit = h("div", { class: "item", hidden: true });
  private readonly endorsements = h("p");
  private readonly ready = h("button", { "data-intent": "team/ready", id: "ready" });
  private readonly error = errorArea();
  private present = new Map<string, boolean>();

  constructor(
    private readonly table: Table,
    back: (() => void) | undefined,
  ) {
    this.ready.addEventListener("click", () => {
      const ready = this.ready.getAttribute("aria-pressed") === "true";
      void table.act({ type: "team/ready", ready: !ready }, this.error);
    });
    const endorse = (yes: boolean, label: string, style: string) =>
      h(
        "button",
        {
          "data-intent": "summit/endorse",
          "data-endorse": String(yes),
          class: style,
          onclick: () => table.act({ type: "summit/endorse", endorse: yes }, this.error),
        },
        label,
      );
    this.summit.append(
      this.endorsements,
      endorse(true, t("table:header.endorse"), "primary"),
      endorse(false, t("table:header.decline"), "danger"),
    );
    const language = languageSwitch();
    this.element.append(
      h(
        "div",
        { class: "topline" },
        h(
          "div",
          { style: "display:flex;gap:0.5rem;align-items:baseline;flex-wrap:wrap" },
          h("h1", { style: "font-size:1.2rem" }, this.me),
          language,
        ),
        back && h("button", { onclick: back }, t("table:header.backToConsole")),
        table.team && !table.source.replay && this.ready,
      ),
      this.guide,
      this.team,
      this.summit,
      this.error,
    );
  }

  render(known: Known, legal: readonly LegalAction[]): void {
    const { view, scenario } = known;
    const seat = this.table.source.seat;
    const team = this.table.team;
    this.me.className = `badge ${team ? sideClass(scenario, team) : ""}`;
    this.me.textContent =
      seat.kind === "team"
        ? t("table:header.seat", {
            team: teamName(scenario, seat.team),
            role:
              scenario.teams.find((x) => x.id === seat.team)?.roles.find((r) => r.id === seat.role)
                ?.title ?? seat.role,
            name: seat.name,
          })
        : seat.kind === "facilitator"
          ? t("table:header.facilitator")
          : t("table:header.observer");
    this.guide.textContent = this.table.source.replay
      ? t("table:header.replayGuide")
      : guidance(scenario, view, legal);
    const ready = team ? !!view.teams[team]?.ready : false;
    this.ready.setAttribute("aria-pressed", String(ready));
    this.ready.textContent = ready ? t("table:header.teamReady") : t("table:header.markReady");
    this.renderTeam(known);
    this.summit.hidden = view.phase !== "summit";
    this.endorsements.textContent = t("table:header.summit", {
      teams: scenario.teams
        .map((x) => {
          const said = view.teams[x.id]?.endorsed;
          return t("table:header.endorsement", {
            team: x.name,
            said: said === undefined ? "unanswered" : said ? "yes" : "no",
          });
        })
        .join(t("table:header.separator")),
    });
    const said = team ? view.teams[team]?.endorsed : undefined;
    for (const button of this.summit.querySelectorAll("button")) {
      button.hidden = !can(legal, "summit/endorse");
      button.setAttribute("aria-pressed", String(said === (button.dataset.endorse === "true")));
    }
  }

  /** Who of the seat's team is here or away; a teammate who drops is announced once. */
  private renderTeam(known: Known): void {
    const seats = known.decoded?.seats;
    const seat = this.table.source.seat;
    if (!seats || seat.kind !== "team") {
      fill(this.team);
      return;
    }
    const roles = seatedRoles(known, seat.team);
    const mates = roles.map((role) => ({ role, held: seats[`${seat.team}:${role.id}`] }));
    fill(
      this.team,
      t("table:header.yourTeam", {
        mates: mates
          .map(({ role, held }) =>
            !held
              ? t("table:header.emptySeat", { role: role.title })
              : held.bot
                ? t("table:header.bot", { role: role.title, name: botName(held.strategy) })
                : held.connected
                  ? t("table:header.present", { role: role.title, name: held.name })
                  : t("table:header.away", { role: role.title, name: held.name }),
          )
          .join(" · "),
      }),
    );
    for (const { role, held } of mates) {
      if (!held || role.id === seat.role) continue;
      const was = this.present.get(role.id);
      if (was && !held.connected)
        toast(t("table:header.droppedOut", { name: held.name, role: role.title }));
      this.present.set(role.id, held.connected);
    }
  }
}
