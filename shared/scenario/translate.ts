/** The languages a page can be read in; a scenario's own text is English. */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The fields of a scenario that people read, wherever they are: each object holding some may carry
 * a `zh` object with the same fields in Chinese (any of them: a missing one falls back to English).
 */
export const TEXT_FIELDS = [
  "title",
  "name",
  "label",
  "description",
  "summary",
  "text",
  "date",
  "unit",
  "reason",
  "notes",
  "constituencies",
  "situation",
  "mandate",
  "pressures",
  "priorities",
  "reservation",
] as const;

type Tree = { readonly [key: string]: unknown };
const isTree = (value: unknown): value is Tree =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Anything holding scenario text (a scenario, a view, a brief), in a language: wherever an object
 * carries a translation of its text fields, they are read from it. Everything else is kept as it
 * is, so chat, notes and names stay as typed.
 */
export function translate<T>(value: T, locale: Locale): T {
  if (locale === "en") return value;
  if (Array.isArray(value)) return value.map((item) => translate(item, locale)) as T;
  if (!isTree(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = translate(field, locale);
  const own = value[locale];
  if (isTree(own))
    for (const field of TEXT_FIELDS)
      if (typeof own[field] === "string" && typeof value[field] === "string")
        out[field] = own[field];
  return out as T;
}

/**
 * The paths of the text fields that have no translation in a language: what a page in that language
 * shows in English (`issues[3].levels[1].label`).
 */
export function untranslated(value: unknown, locale: Locale, path = ""): string[] {
  if (locale === "en") return [];
  if (Array.isArray(value))
    return value.flatMap((item, i) => untranslated(item, locale, `${path}[${i}]`));
  if (!isTree(value)) return [];
  const own = isTree(value[locale]) ? value[locale] : {};
  const dot = path ? `${path}.` : "";
  return [
    ...TEXT_FIELDS.filter(
      (field) => typeof value[field] === "string" && value[field] && typeof own[field] !== "string",
    ).map((field) => `${dot}${field}`),
    ...Object.entries(value)
      .filter(([key]) => key !== locale)
      .flatMap(([key, field]) => untranslated(field, locale, `${dot}${key}`)),
  ];
}
