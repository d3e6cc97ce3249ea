import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import i18next from "i18next";
import { IntlMessageFormat } from "intl-messageformat";
import { afterAll, describe, expect, it } from "vitest";
import { RESOURCES, t } from "../../client/i18n.ts";
import { localizeEvent, localizeQuestion } from "../../client/localize.ts";
import {
  BOT_STRATEGIES,
  beliefReport,
  debriefQuestions,
  disagreement,
  type GameEvent,
  KUALA_LUMPUR_2025,
  PHASE_ONE_2019,
  replay,
  type Scenario,
  simulate,
  translate,
} from "../../shared/index.ts";

const root = resolve(import.meta.dirname, "../..");
type Messages = { readonly [key: string]: string | Messages };

/** Every message of a namespace, by its dotted key. */
function flat(messages: Messages, prefix = ""): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === "string"
        ? [[`${prefix}${key}`, value]]
        : Object.entries(flat(value, `${prefix}${key}.`)),
    ),
  );
}

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };

/** ICU elements that name an argument: a plain one, number, date, time, select, plural, tag. */
const NAMED = new Set([1, 2, 3, 4, 5, 6, 8]);

/** The names of a message's arguments (`{team}`, `{count, plural, …}`), from its ICU syntax tree. */
function argumentsOf(message: string, language = "en"): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (NAMED.has(element.type)) names.add(String(element.value));
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, language).getAst() as Element[]);
  return [...names].sort();
}

/** A file's code without its comments. */
const code = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

/** Every file of the client's code (comments aside), by its path. */
const clientFiles = readdirSync(join(root, "client"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ({ path: `client/${f}`, text: code(readFileSync(join(root, "client", f), "utf8")) }));

/** The error codes the protocol document lists. */
const errorCodes = [
  ...(readFileSync(join(root, "docs/protocol.md"), "utf8")
    .split("## Error codes")[1]
    ?.matchAll(/^\| `([a-z]+\/[a-z-]+)` \|/gm) ?? []),
].map((m) => m[1]);

afterAll(() => i18next.changeLanguage("en"));

describe("the client's strings in English and Chinese", () => {
  const { errors, ...zhShared } = RESOURCES.zh;

  it("has every key in both languages, each Chinese message with its English one's arguments", () => {
    expect(Object.keys(zhShared).sort()).toEqual(Object.keys(RESOURCES.en).sort());
    for (const [ns, english] of Object.entries(RESOURCES.en)) {
      const en = flat(english);
      const zh = flat(zhShared[ns as keyof typeof zhShared]);
      expect(Object.keys(zh).sort(), ns).toEqual(Object.keys(en).sort());
      for (const [key, message] of Object.entries(en))
        expect(argumentsOf(zh[key] ?? "", "zh"), `${ns}:${key}`).toEqual(argumentsOf(message));
    }
  });

  it("has a Chinese message for every error code of the protocol, and for nothing else", () => {
    expect(errorCodes.length).toBeGreaterThan(50);
    expect(Object.keys(errors).sort()).toEqual([...errorCodes].sort());
  });

  it("writes every message as valid ICU in its language", () => {
    for (const [language, namespaces] of Object.entries(RESOURCES))
      for (const [ns, messages] of Object.entries(namespaces))
        for (const [key, message] of Object.entries(flat(messages)))
          expect(
            () => new IntlMessageFormat(message, language),
            `${language} ${ns}:${key}`,
          ).not.toThrow();
  });

  it("has an English message for every key the code asks for", () => {
    const missing = clientFiles.flatMap(({ path, text }) =>
      [...text.matchAll(/\bt\(\s*["'`]([a-z]+):([\w./-]+)["'`]/g)].flatMap(([, ns, key]) =>
        ns && key && flat((RESOURCES.en as Record<string, Messages>)[ns] ?? {})[key] !== undefined
          ? []
          : [`${path}: ${ns}:${key}`],
      ),
    );
    expect(missing).toEqual([]);
  });
});

/** A few bot matches' ends (both scenarios, every strategy), with the scenario each played. */
function someEnds() {
  return [KUALA_LUMPUR_2025, PHASE_ONE_2019].flatMap((scenario) =>
    BOT_STRATEGIES.map((strategy, seed) => {
      const [first = "", second = ""] = scenario.teams.map((team) => team.id);
      return {
        scenario,
        ...simulate(scenario, {
          seed,
          rounds: 4,
          implementation: 2,
          strategies: { [first]: strategy, [second]: "linear" },
          compliance: 0.6,
        }),
      };
    }),
  );
}
const ENDS = someEnds();

/** Every event of those matches, with the scenario it came from. */
function someEvents(): { event: GameEvent; scenario: Scenario }[] {
  return ENDS.flatMap(({ scenario, log }) => {
    const events: { event: GameEvent; scenario: Scenario }[] = [];
    replay(log, (_head, _entry, happened) => {
      for (const event of happened) events.push({ event, scenario });
    });
    return events;
  });
}

describe("the game's events in the page's language", () => {
  const events = someEvents();

  it("tells every event in English word for word as the rules wrote it", async () => {
    await i18next.changeLanguage("en");
    const types = new Set(events.map((e) => e.event.type));
    expect(types.size).toBeGreaterThanOrEqual(10);
    for (const { event, scenario } of events)
      expect(localizeEvent(event, scenario).text, event.type).toBe(event.text);
  });

  it("tells every event in Chinese, from the scenario's Chinese names", async () => {
    await i18next.changeLanguage("zh");
    for (const { event, scenario } of events) {
      const told = localizeEvent(event, translate(scenario, "zh")).text;
      expect(told, event.text).toMatch(/[\u4e00-\u9fff]/);
      expect(told, event.text).not.toMatch(/[{}]/);
    }
    expect(t("common:phase.caucus")).toBe("内部磋商");
    const seated: GameEvent = {
      type: "seat/bot",
      to: "all",
      text: "A linear bot takes the China Vice Premier seat.",
      values: { strategy: "linear", team: "cn", role: "vice-premier" },
    };
    expect(localizeEvent(seated, translate(KUALA_LUMPUR_2025, "zh")).text).toBe(
      "线性让步机器人接管中国国务院副总理席位。",
    );
  });
});

describe("the debrief's questions in the page's language", () => {
  const asked = ENDS.flatMap(({ scenario, head }) => {
    const noDeal = disagreement(scenario, head.state);
    const beliefs = beliefReport(scenario, {}, noDeal, head.state.levels);
    return debriefQuestions(scenario, head.state, noDeal, beliefs).map((question) => ({
      question,
      scenario,
    }));
  });

  it("asks every question in English word for word as the debrief wrote it", async () => {
    await i18next.changeLanguage("en");
    expect(new Set(asked.map((q) => q.question.kind)).size).toBeGreaterThanOrEqual(3);
    for (const { question, scenario } of asked)
      expect(localizeQuestion(question, scenario)).toBe(question.text);
  });

  it("asks every question in Chinese", async () => {
    await i18next.changeLanguage("zh");
    for (const { question, scenario } of asked)
      expect(localizeQuestion(question, translate(scenario, "zh"))).toMatch(
        /^[^{}]*[\u4e00-\u9fff][^{}]*$/,
      );
  });
});
