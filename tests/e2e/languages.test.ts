import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../client/i18n.ts";
import type { Locale } from "../../shared/index.ts";
import { ok, openTable, TEST_URL } from "../server/helpers.ts";
import { browserSuite, newPlayer, type Player, shoot } from "./browser.ts";

const suite = browserSuite();
const players: Player[] = [];

type Messages = { readonly [key: string]: string | Messages };
const flat = (messages: Messages): string[] =>
  Object.values(messages).flatMap((m) => (typeof m === "string" ? [m] : flat(m)));

/** A message of the page's language, by its namespace and dotted key. */
function text(locale: Locale, ns: keyof typeof RESOURCES.en, key: string): string {
  let found: unknown = RESOURCES[locale][ns];
  for (const part of key.split(".")) found = (found as Record<string, unknown>)?.[part];
  if (typeof found !== "string") throw new Error(`No ${locale} ${ns}:${key}`);
  return found;
}

/**
 * The English interface strings a Chinese page must not show: every English message without
 * placeholders, of a few letters at least, that the Chinese does not keep as it is.
 */
const ENGLISH = (() => {
  const chinese = new Set(Object.values(RESOURCES.zh).flatMap(flat));
  return [...new Set(Object.values(RESOURCES.en).flatMap(flat))].filter(
    (m) => !/[{}]/.test(m) && /[A-Za-z]{4}/.test(m) && !chinese.has(m),
  );
})();
const CJK = /[\u4e00-\u9fff]/;

/** The text on the board: every text the current Phaser scenes draw. */
const boardText = (page: Page) =>
  page.evaluate(
    `window.tradeTruce.scene.getScenes(true).flatMap((s) => s.children.list.filter((o) => o.type === "Text").map((o) => o.text)).join("\\n")`,
  ) as Promise<string>;

/** Joins a table by code from the lobby, by the labels of the page's language. */
async function joinIn(locale: Locale, page: Page, code: string, name: string, seat: string) {
  await page.getByLabel(text(locale, "lobby", "join.code")).fill(code);
  await page
    .getByRole("textbox", { name: text(locale, "lobby", "join.name") })
    .first()
    .fill(name);
  await page.getByRole("button", { name: text(locale, "lobby", "join.find") }).click();
  await page.getByLabel(text(locale, "lobby", "join.seat"), { exact: true }).selectOption(seat);
  await page.getByRole("button", { name: text(locale, "lobby", "join.join"), exact: true }).click();
  await page.locator("#board-summary").waitFor({ state: "attached" });
}

/** The panel's text, every tab's, but the language switch's (its options name both languages). */
const panelText = (page: Page) =>
  page.evaluate(
    `(() => { const ui = document.getElementById("ui").cloneNode(true); ui.querySelectorAll(".language").forEach((s) => s.remove()); return ui.textContent; })()`,
  ) as Promise<string>;

/** What a Chinese page shows of English: interface strings found in its panel and its board. */
async function englishOn(page: Page): Promise<string[]> {
  const shown = `${await panelText(page)}\n${await boardText(page)}`;
  return ENGLISH.filter((m) => shown.includes(m));
}

describe("a match read in two languages at once, in real Chromium", () => {
  it("seats two players in Chinese and two in English; each page reads its own language to the debrief", async () => {
    expect(ENGLISH.length).toBeGreaterThan(300);
    const { session, facilitator } = await openTable(suite.server, { rounds: 2 });
    const seats: [Locale, string, string][] = [
      ["en", "Ana", "us:treasury"],
      ["en", "Ben", "us:ustr"],
      ["zh", "Chen", "cn:vice-premier"],
      ["zh", "Dan", "cn:negotiator"],
    ];
    const pages = new Map<string, { locale: Locale; page: Page }>();
    for (const [locale, name] of seats) {
      // The Chinese pages follow their browser's language; nothing is chosen for them.
      const player = await newPlayer(
        suite.browser,
        `${TEST_URL}/`,
        { width: 1280, height: 720 },
        locale === "zh" ? "zh-CN" : "en-US",
      );
      players.push(player);
      pages.set(name, { locale, page: player.page });
    }
    const ben = pages.get("Ben")?.page;
    if (!ben) throw new Error("fixture");
    // Ben tries the switch: the lobby in Chinese, remembered over a reload, then English again.
    await ben.getByLabel("Language · 语言").first().selectOption("zh");
    await ben.getByRole("heading", { name: text("zh", "lobby", "join.title") }).waitFor();
    await ben.reload();
    await ben.getByRole("heading", { name: text("zh", "lobby", "join.title") }).waitFor();
    await ben.getByLabel("Language · 语言").first().selectOption("en");
    await ben.getByRole("heading", { name: text("en", "lobby", "join.title") }).waitFor();

    for (const [locale, name, seat] of seats) {
      const page = pages.get(name)?.page;
      if (page) await joinIn(locale, page, session.code, name, seat);
    }
    await ok(facilitator, { type: "match/start" });
    for (const { locale, page } of pages.values())
      await page
        .getByRole("button", { name: text(locale, "table", "header.markReady") })
        .first()
        .waitFor();
    const chen = pages.get("Chen")?.page;
    const ana = pages.get("Ana")?.page;
    if (!chen || !ana) throw new Error("fixture");
    await chen.getByRole("button", { name: text("zh", "table", "header.markReady") }).click();
    await ana.getByRole("button", { name: text("en", "table", "header.markReady") }).click();
    await chen.getByRole("tab", { name: text("zh", "table", "tabs.log") }).click();
    await chen.getByText("第1轮：内部磋商。").first().waitFor();
    await ana.getByRole("tab", { name: "Log" }).click();
    await ana.getByText("Round 1: caucus.").first().waitFor();

    for (const [name, { locale, page }] of pages) {
      const panel = await panelText(page);
      const board = await boardText(page);
      if (locale === "zh") {
        expect(panel, name).toMatch(CJK);
        expect(board, name).toMatch(CJK);
        expect(await englishOn(page), name).toEqual([]);
      } else {
        expect(panel + board, name).not.toMatch(CJK);
      }
    }
    await shoot(chen, "languages-1-table-zh-1280");
    await shoot(ana, "languages-2-table-en-1280");

    await ok(facilitator, { type: "match/end" });
    for (const { locale, page } of pages.values())
      await page
        .getByRole("heading", { name: text(locale, "debrief", "panel.title"), exact: true })
        .waitFor();
    await chen.waitForTimeout(500);
    expect(await panelText(chen)).toMatch(CJK);
    expect(await boardText(chen)).toMatch(CJK);
    expect(await englishOn(chen)).toEqual([]);
    expect(`${await panelText(ana)}${await boardText(ana)}`).not.toMatch(CJK);
    await shoot(chen, "languages-3-debrief-zh-1280");
    await shoot(ana, "languages-4-debrief-en-1280");
    for (const player of players) expect(player.errors).toEqual([]);
  }, 180_000);

  it("lists an online table's open seats by name in each page's language", async () => {
    const online = async (
      locale: Locale,
      name: string,
      size: { width: number; height: number },
    ) => {
      const browserLocale = locale === "zh" ? "zh-CN" : "en-US";
      const player = await newPlayer(suite.browser, `${TEST_URL}/`, size, browserLocale);
      players.push(player);
      await player.page
        .getByRole("region", { name: text(locale, "lobby", "online.title") })
        .getByRole("textbox", { name: text(locale, "lobby", "online.name") })
        .fill(name);
      return player.page;
    };
    const ana = await online("en", "Ana", { width: 1280, height: 720 });
    await ana.getByRole("button", { name: text("en", "lobby", "online.quick") }).click();
    await ana.locator("#board-summary").waitFor({ state: "attached" });
    // Nobody facilitates a quick match: it has started, and Ana may mark her team ready.
    const ready = ana.getByRole("button", { name: text("en", "table", "header.markReady") });
    await expect.poll(() => ready.first().isEnabled()).toBe(true);

    const wei = await online("zh", "Wei", { width: 390, height: 844 });
    await wei.getByRole("button", { name: text("zh", "lobby", "online.refresh") }).click();
    const sit = (seat: string) => text("zh", "lobby", "online.sitAs").replace("{seat}", seat);
    await wei.getByRole("button", { name: sit("美国贸易代表") }).waitFor();
    await shoot(wei, "languages-5-online-zh-390");
    await wei.getByText("吉隆坡 2025 — 第1轮，").waitFor();
    expect(await englishOn(wei)).toEqual([]);
    await wei.getByRole("button", { name: sit("中国国际贸易谈判代表") }).click();
    await wei.locator("#board-summary").waitFor({ state: "attached" });
    // The bot's notes (its reasons, in the log) stay as it wrote them, as chat does.
    expect(await panelText(wei)).toContain("线性让步机器人");
    await shoot(wei, "languages-6-online-table-zh-390");

    const ben = await online("en", "Ben", { width: 1280, height: 720 });
    await ben.getByRole("button", { name: text("en", "lobby", "online.refresh") }).click();
    await ben.getByRole("button", { name: "Sit as United States Trade Representative" }).click();
    await ben.locator("#board-summary").waitFor({ state: "attached" });
    for (const player of players) expect(player.errors).toEqual([]);
  }, 120_000);
});
