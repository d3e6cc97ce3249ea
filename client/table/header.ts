import type { LegalAction } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { sideClass, teamName } from "../describe.ts";
import { errorArea, fill, h, toast } from "../dom.ts";
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
          class: style,
          onclick: () => table.act({ type: "summit/endorse", endorse: yes }, this.error),
        },
        label,
      );
    this.summit.append(
      this.endorsements,
      endorse(true, "Endorse", "primary"),
      endorse(false, "Decline", "danger"),
    );
    this.element.append(
      h(
        "div",
        { class: "topline" },
        h("h1", { style: "font-size:1.2rem" }, this.me),
        back && h("button", { onclick: back }, "Back to the console"),
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
        ? `${teamName(scenario, seat.team)} — ${scenario.teams.find((t) => t.id === seat.team)?.roles.find((r) => r.id === seat.role)?.title} (${seat.name})`
        : seat.kind === "facilitator"
          ? "Facilitator"
          : "Observer";
    this.guide.textContent = this.table.source.replay
      ? "A replay: nothing can be changed. Step, play or jump with the controls above."
      : guidance(scenario, view, legal);
    const ready = team ? !!view.teams[team]?.ready : false;
    this.ready.setAttribute("aria-pressed", String(ready));
    this.ready.textContent = ready ? "Team ready ✓ (undo)" : "Mark team ready";
    this.renderTeam(known);
    this.summit.hidden = view.phase !== "summit";
    this.endorsements.textContent = `Leaders' summit — ${scenario.teams
      .map((t) => {
        const said = view.teams[t.id]?.endorsed;
        return `${t.name}: ${said === undefined ? "not yet answered" : said ? "endorses" : "declines"}`;
      })
      .join("; ")}.`;
    const said = team ? view.teams[team]?.endorsed : undefined;
    for (const button of this.summit.querySelectorAll("button")) {
      button.hidden = !can(legal, "summit/endorse");
      button.setAttribute("aria-pressed", String(said === (button.textContent === "Endorse")));
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
      `Your team: ${mates
        .map(({ role, held }) =>
          !held
            ? `${role.title}: empty seat`
            : held.bot
              ? `${role.title}: ${held.name}`
              : `${held.name} (${role.title}${held.connected ? "" : ", away"})`,
        )
        .join(" · ")}`,
    );
    for (const { role, held } of mates) {
      if (!held || role.id === seat.role) continue;
      const was = this.present.get(role.id);
      if (was && !held.connected)
        toast(`${held.name} (${role.title}) has dropped out; their seat waits for them.`);
      this.present.set(role.id, held.connected);
    }
  }
}
