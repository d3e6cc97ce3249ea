import { serverMessage } from "./i18n.ts";

/** Attributes and event handlers for `h`. */
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
type Child = Node | string | number | false | undefined | null;

/** Creates an element: `h("button", { onclick: go, class: "primary" }, "Go")`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(key.replace(/^on/, ""), value);
    else if (key in element && typeof value !== "string")
      (element as unknown as Record<string, unknown>)[key] = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children)
    if (child !== undefined && child !== null && child !== false)
      element.append(child instanceof Node ? child : String(child));
  return element;
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== undefined && c !== null && c !== false)
      .map((c) => (c instanceof Node ? c : String(c))),
  );
}

/** A labelled form control: the label names it for screen readers. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
): HTMLElement {
  control.id ||= `f-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 7)}`;
  return h("div", {}, h("label", { for: control.id }, label), control);
}

/** A select of options given as [value, label] pairs. */
export function select(
  options: readonly (readonly [string, string])[],
  value?: string,
  props: Props = {},
): HTMLSelectElement {
  const element = h(
    "select",
    props,
    ...options.map(([v, label]) => h("option", { value: v, selected: v === value }, label)),
  );
  if (value !== undefined) element.value = value;
  return element;
}

/** The area next to a control where its errors appear, in plain words. */
export function errorArea(): HTMLParagraphElement {
  return h("p", { class: "error", role: "alert" });
}

/** Shows a short status line at the bottom of the screen (reconnection, saved...). */
export function status(text: string): void {
  const element = document.getElementById("status");
  if (element) element.textContent = text;
}

/**
 * Keeps a container's children in step with a list, rebuilding only the items whose signature
 * changed: an unchanged item keeps its element, so focus and typed text survive a new state.
 */
export function reconcile<T>(
  parent: Element,
  items: readonly T[],
  key: (item: T) => string,
  signature: (item: T) => string,
  build: (item: T) => HTMLElement,
): void {
  const existing = new Map<string, HTMLElement>();
  for (const child of parent.children)
    if (child instanceof HTMLElement && child.dataset.key) existing.set(child.dataset.key, child);
  const next = items.map((item) => {
    const k = key(item);
    const sig = signature(item);
    const old = existing.get(k);
    if (old?.dataset.signature === sig) return old;
    const element = build(item);
    Object.assign(element.dataset, { key: k, signature: sig });
    return element;
  });
  const kept = new Set(next);
  for (const child of [...parent.children]) if (!kept.has(child as HTMLElement)) child.remove();
  next.forEach((element, i) => {
    if (parent.children[i] !== element) parent.insertBefore(element, parent.children[i] ?? null);
  });
}

/** Shows a short notice in the corner for a few seconds (an offer tabled, a teammate gone). */
export function toast(text: string): void {
  let area = document.getElementById("toasts");
  if (!area) {
    area = h("div", { id: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(area);
  }
  const note = h("p", { class: "toast" }, text);
  area.append(note);
  setTimeout(() => note.remove(), TOAST_MS);
  while (area.childElementCount > 2) area.firstElementChild?.remove();
}

/** How long a toast stays on screen. */
export const TOAST_MS = 5000;

/**
 * Plain words for a refusal (`join/bad-code: No session…`): without its code, in the page's
 * language where the locale has that code's message.
 */
export function plain(message: string): string {
  const [, code, rest = message] = message.match(/^([a-z]+\/[a-z-]+): ([\s\S]*)$/) ?? [];
  return serverMessage({ code, message: rest });
}
