import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025, legalCommands, type Seat, viewFor } from "../../shared/index.ts";
import { roomOf, TEST_URL } from "../server/helpers.ts";
import { browserSuite, joinAs, newPlayer, type Player, shoot } from "./browser.ts";

const suite = browserSuite();
let matchId: string;
const players: Player[] = [];

const LAPTOP = { width: 1280, height: 720 };
const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

const match = () => roomOf(suite.server, matchId).match;
const builder = (page: Page) => page.getByRole("tabpanel", { name: "Build" });
const phase = (page: Page, text: string) =>
  page.locator("#board-summary", { hasText: text }).waitFor();

/** Opens a page as a person on their own device would, and keeps it for the error check. */
async function open(size: { width: number; height: number }): Promise<Page> {
  const player = await newPlayer(suite.browser, `${TEST_URL}/`, size);
  players.push(player);
  return player.page;
}

/** Checks that a page enables exactly the intent controls the rules offer its seat now. */
async function expectControlsMatchRules(page: Page, seat: Seat): Promise<void> {
  await page.waitForTimeout(300);
  const legal = legalCommands(KUALA_LUMPUR_2025, viewFor(KUALA_LUMPUR_2025, match(), seat));
  const found = await page.$$eval("button[data-intent]", (buttons) =>
    buttons.map((b) => ({
      intent: (b as HTMLButtonElement).dataset.intent ?? "",
      target: (b as HTMLButtonElement).dataset.target,
      enabled: !(b as HTMLButtonElement).disabled,
    })),
  );
  for (const control of found) {
    const offered = legal.some(
      (a) =>
        a.type === control.intent &&
        (control.target === undefined || Object.values(a).includes(control.target)),
    );
    expect(control.enabled, `${control.intent} ${control.target ?? ""} enabled`).toBe(offered);
  }
}

/** The facilitator advances the phase and waits until a page shows the phase it expects. */
async function advance(teacher: Page, page: Page, expected: string): Promise<void> {
  await teacher.getByRole("button", { name: "Advance phase" }).click();
  await phase(page, expected);
}

/** Text smaller than 14 px on the page's panel or canvas, as "size: text". */
async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("#ui *")) {
      if (!element.offsetParent || element.closest(".visually-hidden")) continue;
      const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      const size = Number.parseFloat(getComputedStyle(element).fontSize);
      if (own && size < 14) small.push(`${size}: ${element.textContent?.slice(0, 40)}`);
    }
    const game = (window as unknown as { tradeTruce: Phaser.Game }).tradeTruce;
    for (const scene of game.scene.getScenes(true))
      for (const child of scene.children.list)
        if (child.type === "Text") {
          const text = child as Phaser.GameObjects.Text;
          const size = Number.parseFloat(String(text.style.fontSize));
          if (text.text && size < 14) small.push(`${size}: ${text.text.slice(0, 40)}`);
        }
    return small;
  });
}

describe("a class match in real Chromium, by labels only", () => {
  it("runs a teacher and four seats through an agreement, a counter, a reload and the debrief", async () => {
    const teacher = await open(PROJECTOR);
    await teacher.getByLabel("Negotiation rounds (the last is the summit)").fill("3");
    await teacher.getByRole("button", { name: "Create session" }).click();
    const code = (await teacher.locator(".code").first().textContent()) ?? "";
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await shoot(teacher, "class-1-session-created-1920");
    await teacher.getByRole("button", { name: "Open the facilitator console" }).click();
    await teacher.getByRole("button", { name: "Start the match" }).click();
    await teacher.getByText("The match has started.").waitFor();
    matchId =
      (
        await suite.server.store.matchesOfSession(
          (await suite.server.store.sessionByCode(code))?.id ?? "",
        )
      )[0]?.id ?? "";

    const ana = await open(LAPTOP);
    const ben = await open(LAPTOP);
    const wei = await open(LAPTOP);
    const li = await open(PHONE);
    await joinAs(ana, code, "Ana", "us:treasury");
    await joinAs(ben, code, "Ben", "us:ustr");
    await joinAs(wei, code.toLowerCase(), "Wei", "cn:vice-premier");
    await joinAs(li, code, "Li", "cn:negotiator");
    await ana
      .getByText("Your team: Ana (Treasury Secretary) · Ben (Trade Representative)")
      .waitFor();
    expect(await ana.locator("#guidance").textContent()).toContain("mark your team ready");

    // The console keeps a half-typed headline, the picked event and the focus across new states.
    const headline = teacher.getByLabel("Or write one: headline");
    await teacher.getByLabel("From the deck").selectOption({ index: 2 });
    const picked = await teacher.getByLabel("From the deck").inputValue();
    await headline.fill("Markets rally on");
    await ana.getByRole("button", { name: "Mark team ready" }).click();
    await teacher.getByText("United States · ready ✓").waitFor();
    await ben.getByRole("tab", { name: "Team chat" }).click();
    await ben.getByLabel("Message to your team").fill("Let us ask for general licences first.");
    await ben.getByRole("button", { name: "Send" }).click();
    expect(await headline.inputValue()).toBe("Markets rally on");
    expect(await headline.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await teacher.getByLabel("From the deck").inputValue()).toBe(picked);
    await expect.poll(() => ana.getByRole("tab", { name: /Team chat 1 new/ }).count()).toBe(1);
    await shoot(teacher, "class-2-console-1920");

    await advance(teacher, ana, "caucus phase");
    await advance(teacher, ana, "table phase");
    await expectControlsMatchRules(ana, { kind: "team", team: "us", role: "treasury" });

    // Round 1: a one-issue proposal by labels, clicks counted, then China's lead accepts it.
    let clicks = 0;
    await ana.getByRole("tab", { name: "Build" }).click();
    clicks += 1;
    const rareEarths = builder(ana).getByLabel("Rare-earth export licensing", { exact: true });
    const inForce = await rareEarths.inputValue();
    await rareEarths.selectOption({ label: "General licences for US buyers" });
    clicks += 2;
    // Set back to the level in force, the issue keeps the threat its change called off.
    const callOff = builder(ana).locator('[data-call-off="rare-earths"]');
    expect(await callOff.isChecked()).toBe(true);
    await rareEarths.selectOption(inForce);
    expect(await callOff.isChecked()).toBe(true);
    expect(await callOff.isDisabled()).toBe(false);
    await rareEarths.selectOption({ label: "General licences for US buyers" });
    await shoot(ana, "class-3-builder-1280");
    // Saved for her team, the package loads into her teammate's builder.
    await ana.getByRole("button", { name: "Save as team draft" }).click();
    await ben.getByRole("tab", { name: "Build" }).click();
    await ben.getByRole("button", { name: "Load “Draft, round 1”" }).click();
    const licensing = (page: Page) =>
      builder(page).getByLabel("Rare-earth export licensing", { exact: true }).inputValue();
    expect(await licensing(ben)).toBe(await licensing(ana));
    await shoot(ben, "class-3b-draft-loaded-1280");
    await ana.getByRole("button", { name: "Table this proposal" }).click();
    clicks += 1;
    await wei.locator("[data-proposal] button", { hasText: "Accept" }).waitFor();
    const first = match().proposals.at(-1);
    expect(first?.changes.map((c) => c.issue)).toEqual(["rare-earths"]);
    await wei
      .locator("#toasts")
      .getByText(/United States tables proposal p\d+/)
      .waitFor();
    expect(await wei.locator("#guidance").textContent()).toContain("accept, reject or counter");
    await shoot(li, "class-4-table-phone-390");
    await wei.getByRole("button", { name: `Accept ${first?.id}` }).click();
    await ana.getByText(/Agreement a\d+ \(pending\)/).waitFor();

    // The keyboard alone, from a freshly loaded page: Tab to a track, arrow keys set the level,
    // Enter goes to the button that tables the package and Enter tables it.
    await ana.reload();
    await ana.locator('#board-summary [role="slider"]').first().waitFor({ state: "attached" });
    let keys = 0;
    const press = async (key: string) => {
      await ana.keyboard.press(key);
      keys += 1;
    };
    await press("Tab");
    while (
      !(await ana.evaluate(() => document.activeElement?.getAttribute("aria-label")))?.startsWith(
        "US port fees",
      )
    )
      await press("Tab");
    await press("ArrowRight");
    await press("ArrowRight");
    await press("Enter");
    await press("Enter");
    await expect.poll(() => match().proposals.length).toBe(2);
    expect(
      match()
        .proposals.at(-1)
        ?.changes.map((c) => [c.issue, c.to]),
    ).toEqual([["us-port-fees", 2]]);

    // A reload brings the Log back complete.
    await ben.reload();
    await ben.getByRole("tab", { name: "Log" }).click();
    await ben
      .getByRole("tabpanel", { name: "Log" })
      .getByText(/accepts proposal p\d+/)
      .waitFor();

    // Round 2: the builder starts from the agreed levels; a counter keeps every term but the one changed.
    await advance(teacher, ana, "resolution phase");
    await advance(teacher, ana, "news phase");
    await advance(teacher, ana, "caucus phase");
    await advance(teacher, ana, "table phase");
    await ana.getByRole("tab", { name: "Build" }).click();
    expect(
      await builder(ana).getByLabel("Rare-earth export licensing", { exact: true }).inputValue(),
    ).toBe("2");
    await builder(ana)
      .getByLabel("Soybean purchases", { exact: true })
      .selectOption({ label: "12 MMT, then 25 MMT a year 2026–28" });
    await builder(ana).getByLabel("Soybean purchases: instalment 1 amount (MMT)").fill("12");
    await builder(ana).getByLabel("Soybean purchases: instalment 2 amount (MMT)").fill("13");
    await builder(ana).getByLabel("Snapback if a delivery is missed").check();
    await ana.getByRole("button", { name: "Table this proposal" }).click();
    await expect.poll(() => match().proposals.length).toBe(3);
    const offer = match().proposals.at(-1);
    expect(offer?.changes.map((c) => c.issue)).toEqual(["soybeans"]);
    expect(offer?.package.commitments[0]?.instalments.map((i) => i.amount)).toEqual([12, 13]);

    await wei.getByRole("button", { name: `Counter ${offer?.id}`, exact: true }).click();
    await builder(wei)
      .getByLabel("US chip export controls", { exact: true })
      .selectOption({ label: "50% rule suspended one year" });
    await wei.getByRole("button", { name: `Counter ${offer?.id} with this` }).click();
    await expect.poll(() => match().proposals.length).toBe(4);
    const counter = match().proposals.at(-1);
    const differs = Object.keys({ ...offer?.package.levels, ...counter?.package.levels }).filter(
      (issue) => offer?.package.levels[issue] !== counter?.package.levels[issue],
    );
    expect(differs).toEqual(["us-export-controls"]);
    expect(counter?.package.commitments).toEqual(offer?.package.commitments);
    expect(counter?.package.snapback).toBe(true);
    await shoot(ana, "class-5-counter-1280");

    // The teacher opens a table and comes back, by the button and by the browser's Back.
    await teacher.getByRole("button", { name: "Open this table" }).click();
    await teacher.getByRole("button", { name: "Back to the console" }).click();
    await teacher.getByRole("heading", { name: "Facilitator console" }).waitFor();
    await teacher.getByRole("button", { name: "Open this table" }).click();
    await teacher.locator("#board-summary").waitFor({ state: "attached" });
    await shoot(teacher, "class-6-table-1920");
    await teacher.goBack();
    await teacher.getByRole("heading", { name: "Facilitator console" }).waitFor();

    expect(await smallText(ana)).toEqual([]);
    await shoot(li, "class-7-table-phone-390-round2");
    await teacher.getByRole("button", { name: "End match" }).click();
    await ana.getByRole("heading", { name: "Debrief", exact: true }).waitFor();
    await teacher.getByRole("button", { name: "Class debrief" }).click();
    await teacher.getByRole("heading", { name: "Debrief", exact: true }).waitFor();
    await shoot(teacher, "class-8-debrief-1920");
    expect(await ana.getByRole("button", { name: "Back to the console" }).count()).toBe(0);
    await teacher.getByRole("button", { name: "Back to the console" }).click();
    await teacher.getByRole("heading", { name: "Facilitator console" }).waitFor();
    console.info(
      `Tabling a one-issue proposal: ${clicks} clicks by labels, ${keys} keys by keyboard.`,
    );
    expect(clicks).toBeLessThanOrEqual(6);
    expect(keys).toBeLessThanOrEqual(20);
    for (const player of players) expect(player.errors).toEqual([]);
  }, 300_000);
});
