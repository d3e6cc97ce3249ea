import type { Intent, LegalAction, Role } from "../../shared/index.ts";
import type { Known } from "../board.ts";
import { t } from "../i18n.ts";
import type { TableSource } from "../replay.ts";

/** The tabs of the table screen's panel. */
export const TABS = [
  "proposals",
  "build",
  "moves",
  "deliver",
  "team-chat",
  "table-chat",
  "statements",
  "log",
  "brief",
  "worksheet",
] as const;
/** A tab of the table screen. */
export type Tab = (typeof TABS)[number];

/** What every part of the table screen may use: the seat's source, its team, and the one way to act. */
export type Table = {
  readonly source: TableSource;
  /** The seat's team, if it sits at one. */
  readonly team: string | undefined;
  /** Sends an intent and shows a refusal in `error`; resolves with whether it was accepted. */
  act(intent: Intent, error: HTMLElement): Promise<boolean>;
  /** Shows a tab. */
  select(tab: Tab): void;
};

/** One part of the table screen: an element redrawn from what the seat knows and may do. */
export type Part = {
  readonly element: HTMLElement;
  render(known: Known, legal: readonly LegalAction[]): void;
};

/** Whether a seat may send an intent now, at a target (a proposal, issue, commitment...) if one is named. */
export function can(
  legal: readonly LegalAction[],
  type: string | undefined,
  target?: string,
): boolean {
  return legal.some(
    (a) =>
      a.type === type &&
      (target === undefined || Object.entries(a).some(([k, v]) => k !== "type" && v === target)),
  );
}

/** A team's roles that have seats at this table: its domestic wild cards only where the session seats them. */
export function seatedRoles(known: Known, team: string): readonly Role[] {
  const roles = known.scenario.teams.find((t) => t.id === team)?.roles ?? [];
  return roles.filter((role) => known.decoded?.wildCards || role.constituency === undefined);
}

/** Who said something: the seat holder's name and role title, or the role title alone. */
export function speaker(known: Known, team: string, role: string): string {
  const title =
    known.scenario.teams.find((t) => t.id === team)?.roles.find((r) => r.id === role)?.title ??
    role;
  const name = known.decoded?.seats[`${team}:${role}`]?.name;
  return name ? t("common:speaker", { name, title }) : title;
}

/** Enables exactly the intent buttons in an element that the rules offer the seat now. */
export function enableLegal(element: Element, legal: readonly LegalAction[]): void {
  for (const button of element.querySelectorAll<HTMLButtonElement>("button[data-intent]"))
    button.disabled = !can(legal, button.dataset.intent, button.dataset.target);
}
