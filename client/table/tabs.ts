import { h } from "../dom.ts";
import { t } from "../i18n.ts";
import { TABS, type Tab } from "./part.ts";

/** Each tab's label, in the page's language: a tab is known by its id (`Tab`, element ids). */
const LABELS: Record<Tab, string> = {
  proposals: "table:tabs.proposals",
  build: "table:tabs.build",
  moves: "table:tabs.moves",
  deliver: "table:tabs.deliver",
  "team-chat": "table:tabs.teamChat",
  "table-chat": "table:tabs.tableChat",
  statements: "table:tabs.statements",
  log: "table:tabs.log",
  brief: "table:tabs.brief",
  worksheet: "table:tabs.worksheet",
};

/** A tab's label in the page's language. */
export const tabLabel = (tab: Tab): string => t(LABELS[tab]);

const tabId = (tab: Tab) => `tab-${tab}`;

/**
 * The panel's tabs: arrow keys move between them (the WAI-ARIA tabs pattern), and a tab not in view
 * shows how many new items arrived in it since it was last looked at.
 */
export class Tabs {
  readonly element = h("div", {
    class: "tabs",
    role: "tablist",
    "aria-label": t("table:tabs.label"),
  });
  readonly panels = new Map<Tab, HTMLElement>();
  private readonly buttons = new Map<Tab, HTMLButtonElement>();
  private readonly badges = new Map<Tab, HTMLElement>();
  private readonly seen = new Map<Tab, number>();
  private readonly counts = new Map<Tab, number>();
  current: Tab;

  constructor(
    first: Tab,
    private readonly onSelect: (tab: Tab) => void,
  ) {
    this.current = first;
    for (const tab of TABS) {
      const badge = h("span", { class: "unread", hidden: true });
      const button = h(
        "button",
        {
          role: "tab",
          id: tabId(tab),
          "aria-controls": `${tabId(tab)}-panel`,
          onclick: () => this.select(tab),
        },
        tabLabel(tab),
        badge,
      );
      button.addEventListener("keydown", (e) => this.onKey(e, tab));
      this.buttons.set(tab, button);
      this.badges.set(tab, badge);
      this.panels.set(
        tab,
        h("section", {
          role: "tabpanel",
          id: `${tabId(tab)}-panel`,
          "aria-labelledby": tabId(tab),
        }),
      );
      this.element.append(button);
    }
  }

  /** Shows or hides a tab's button (a tab the match has no use for). */
  offer(tab: Tab, offered: boolean): void {
    const button = this.buttons.get(tab);
    if (button) button.hidden = !offered;
  }

  select(tab: Tab, focus = false): void {
    this.current = tab;
    for (const [name, button] of this.buttons) {
      button.setAttribute("aria-selected", String(name === tab));
      button.tabIndex = name === tab ? 0 : -1;
    }
    for (const [name, panel] of this.panels) panel.hidden = name !== tab;
    this.count(tab, this.counts.get(tab) ?? 0);
    if (focus) this.buttons.get(tab)?.focus();
    this.onSelect(tab);
  }

  /** Records how many items a tab holds; the rise since it was last shown is its unread count. */
  count(tab: Tab, total: number): void {
    this.counts.set(tab, total);
    if (tab === this.current || !this.seen.has(tab)) this.seen.set(tab, total);
    const unread = total - (this.seen.get(tab) ?? total);
    const badge = this.badges.get(tab);
    if (!badge) return;
    badge.hidden = unread <= 0;
    badge.textContent = unread > 0 ? ` ${t("table:tabs.unread", { count: unread })}` : "";
  }

  private onKey(event: KeyboardEvent, tab: Tab): void {
    const i = TABS.indexOf(tab);
    const next =
      event.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : event.key === "ArrowLeft"
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : event.key === "Home"
            ? TABS[0]
            : event.key === "End"
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.select(next, true);
  }
}
