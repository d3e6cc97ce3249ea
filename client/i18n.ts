import i18next from "i18next";
import ICU from "i18next-icu";
import { LOCALES, type Locale } from "../shared/index.ts";
import enCommon from "./locales/en/common.json" with { type: "json" };
import enConsole from "./locales/en/console.json" with { type: "json" };
import enDebrief from "./locales/en/debrief.json" with { type: "json" };
import enEvents from "./locales/en/events.json" with { type: "json" };
import enLobby from "./locales/en/lobby.json" with { type: "json" };
import enTable from "./locales/en/table.json" with { type: "json" };
import zhCommon from "./locales/zh/common.json" with { type: "json" };
import zhConsole from "./locales/zh/console.json" with { type: "json" };
import zhDebrief from "./locales/zh/debrief.json" with { type: "json" };
import zhErrors from "./locales/zh/errors.json" with { type: "json" };
import zhEvents from "./locales/zh/events.json" with { type: "json" };
import zhLobby from "./locales/zh/lobby.json" with { type: "json" };
import zhTable from "./locales/zh/table.json" with { type: "json" };

/** A namespace's messages: strings, nested by part. */
type Messages = { readonly [key: string]: string | Messages };

/**
 * Every string the page shows, by language and namespace (`client/locales/<language>/<namespace>.json`):
 * `common`, the lobby's, the table's, the console's, the debrief's, the game's events (by type) and,
 * in Chinese, the server's errors by code (English pages show the server's own words). Messages are
 * ICU (`{count, plural, …}`, `{n, number}`).
 */
export const RESOURCES = {
  en: {
    common: enCommon,
    lobby: enLobby,
    table: enTable,
    console: enConsole,
    debrief: enDebrief,
    events: enEvents,
  },
  zh: {
    common: zhCommon,
    lobby: zhLobby,
    table: zhTable,
    console: zhConsole,
    debrief: zhDebrief,
    events: zhEvents,
    errors: zhErrors,
  },
} satisfies Record<Locale, Record<string, Messages>>;

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: "English", zh: "中文" };

const KEY = "trade-truce:language";

/** The language this page reads in: the one chosen in this browser, else the browser's own. */
function chosenLanguage(): Locale {
  const saved = globalThis.localStorage?.getItem(KEY);
  if ((LOCALES as readonly string[]).includes(saved ?? "")) return saved as Locale;
  const wanted = globalThis.navigator?.languages ?? [];
  return wanted.some((l) => l.toLowerCase().startsWith("zh")) ? "zh" : "en";
}

i18next.use(ICU).init({
  lng: chosenLanguage(),
  fallbackLng: "en",
  resources: RESOURCES,
  ns: Object.keys(RESOURCES.zh),
  defaultNS: "common",
  initAsync: false,
  interpolation: { escapeValue: false },
});

if (globalThis.document) document.documentElement.lang = i18next.language === "zh" ? "zh-CN" : "en";

/** The page's language. */
export const language = (): Locale => i18next.language as Locale;

/** The language tag the browser's `Intl` and the document speak: `en`, `zh-CN`. */
export const languageTag = (): string => (language() === "zh" ? "zh-CN" : "en");

/** A string of the page's language: `t("table:ready")`, with values for its placeholders. */
export function t(key: string, values?: Record<string, unknown>): string {
  return i18next.t(key, values ?? {});
}

/**
 * The language switch (the lobby's, the table header's): its label is in both languages, so whoever
 * lands on a page in the wrong one finds it.
 */
export function languageSwitch(): HTMLSelectElement {
  const element = document.createElement("select");
  element.className = "language";
  element.setAttribute("aria-label", t("common:language"));
  element.append(...LOCALES.map((l) => new Option(LANGUAGE_NAMES[l], l, false, l === language())));
  element.onchange = () => chooseLanguage(element.value as Locale);
  return element;
}

/** Whether the page's language has a string for a key (events and errors fall back to the server's English). */
export const hasText = (key: string): boolean => i18next.exists(key);

/** A refusal as the server words it: a code and an English message. */
export type ServerError = { readonly code?: string; readonly message: string };

/**
 * A refusal in the page's language: its code's message in the locale's errors where there is one,
 * else the server's own words (a status alone when it sent none).
 */
export function serverMessage(error: ServerError | undefined, status?: number): string {
  if (error?.code && language() !== "en" && hasText(`errors:${error.code}`))
    return t(`errors:${error.code}`);
  return error?.message ?? t("common:connection.status", { status });
}

/** Chooses the page's language for this browser and reloads the page in it (seats rejoin by token). */
export function chooseLanguage(locale: Locale): void {
  globalThis.localStorage?.setItem(KEY, locale);
  location.reload();
}

/** A number in the page's language (`Intl`). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(languageTag(), options).format(value);
}

/** A number with `digits` decimals, ungrouped, as `toFixed` writes it in English: the market index, a whole meter. */
export const formatFixed = (value: number, digits = 0): string =>
  formatNumber(value, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });

/** A moment (epoch ms) as the page's language writes a date and time. */
export function formatTime(at: number, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(languageTag(), options ?? { timeStyle: "short" }).format(at);
}
