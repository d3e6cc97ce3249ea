import { translate } from "../../shared/index.ts";
import { type App, Connection } from "../app.ts";
import { plain } from "../dom.ts";
import { language, t } from "../i18n.ts";

/** What a lobby card needs from its scene: the page's app, and a way to open another screen. */
export type Lobby = {
  readonly app: App;
  start(scene: string, data?: object): void;
};

/** A team and its roles, as the server's lobby API lists them. */
export type Team = {
  id: string;
  name: string;
  /** A role with a constituency is a domestic wild card. */
  roles: { id: string; title: string; lead: boolean; constituency?: string }[];
};

/** A session's title in the page's language: one named after its scenario reads the scenario's. */
export function sessionTitle(title: string, scenario: { title: string; zh?: { title?: string } }) {
  return title === scenario.title ? translate(scenario, language()).title : title;
}

/** Joins a table and opens it, or shows in `error`, in plain words, why the server refused. */
export async function sitDown(
  lobby: Lobby,
  matchId: string,
  options: Record<string, unknown>,
  error: HTMLElement,
): Promise<void> {
  try {
    const connection = await Connection.join(lobby.app.client, matchId, options);
    lobby.start("TableScene", { source: connection });
  } catch (e) {
    error.textContent = plain((e as Error).message);
  }
}

/** A player's name from its field, or undefined after asking for it in `error`. */
export function nameOf(input: HTMLInputElement, error: HTMLElement): string | undefined {
  const name = input.value.trim();
  if (!name) error.textContent = t("lobby:name.required");
  return name || undefined;
}
