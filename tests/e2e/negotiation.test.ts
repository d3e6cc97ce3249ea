import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025, legalCommands, type Seat, viewFor } from "../../shared/index.ts";
import { roomOf, startServer, TEST_URL, type TestServer } from "../server/helpers.ts";
import { buildClient, launchChromium, newPlayer, shoot } from "./browser.ts";

let server: TestServer;
let browser: Browser;
let facilitator: Page;
let us: Page;
let cn: Page;
let matchId: string;

beforeAll(async () => {
  server = await startServer(30, buildClient);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const builder = (page: Page) => page.getByRole("tabpanel", { name: "Build" });
const issueText = (page: Page, issue: string) =>
  page.locator(`#board-summary li[data-issue="${issue}"]`).textContent();

/** Joins the table by code from the lobby, as a student would. */
async function joinAs(page: Page, code: string, name: string, seat: string): Promise<void> {
  await page.getByLabel("Join code").fill(code);
  await page.getByRole("textbox", { name: "Your name" }).first().fill(name);
  await page.getByRole("button", { name: "Find my table" }).click();
  await page.getByLabel("Seat").selectOption(seat);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.locator("#board-summary").waitFor({ state: "attached" });
}

/** Every intent control on the page, enabled or not. */
function controls(page: Page) {
  return page.$$eval("button[data-intent]", (buttons) =>
    buttons.map((b) => ({
      intent: (b as HTMLButtonElement).dataset.intent ?? "",
      target: (b as HTMLButtonElement).dataset.target,
      enabled: !(b as HTMLButtonElement).disabled,
    })),
  );
}

/** Checks that a page enables exactly the controls the rules offer its seat now. */
async function expectControlsMatchRules(page: Page, seat: Seat): Promise<void> {
  await page.waitForTimeout(300);
  const legal = legalCommands(
    KUALA_LUMPUR_2025,
    viewFor(KUALA_LUMPUR_2025, roomOf(server, matchId).match, seat),
  );
  const found = await controls(page);
  for (const control of found) {
    const offered = legal.some(
      (a) =>
        a.type === control.intent &&
        (control.target === undefined || Object.values(a).includes(control.target)),
    );
    expect(control.enabled, `${control.intent} ${control.target ?? ""} enabled`).toBe(offered);
  }
  const shown = new Set(found.map((c) => c.intent));
  for (const action of legal)
    if (shown.has(action.type))
      expect(
        found.some((c) => c.intent === action.type && c.enabled),
        `${action.type} has an enabled control`,
      ).toBe(true);
}

describe("a negotiation in real Chromium", () => {
  it("runs from session creation to an agreement that both browsers show, then to the debrief", async () => {
    const host = await newPlayer(browser, `${TEST_URL}/`, { width: 1920, height: 1080 });
    facilitator = host.page;
    await shoot(facilitator, "1-lobby-1920");
    await facilitator.getByLabel("Rounds").fill("2");
    await facilitator.getByRole("button", { name: "Create session" }).click();
    const code = (await facilitator.locator(".code").first().textContent()) ?? "";
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await facilitator.getByRole("button", { name: "Open the facilitator console" }).click();
    await facilitator.getByRole("button", { name: "Start the match" }).click();
    matchId =
      server.store.matchesOfSession(server.store.sessionByCode(code)?.id ?? "")[0]?.id ?? "";

    us = (await newPlayer(browser, `${TEST_URL}/`)).page;
    cn = (await newPlayer(browser, `${TEST_URL}/`, { width: 1920, height: 1080 })).page;
    await shoot(us, "2-lobby-1280");
    await joinAs(us, code, "Ana", "us:treasury");
    await joinAs(cn, code.toLowerCase(), "Wei", "cn:vice-premier");
    await expectControlsMatchRules(us, { kind: "team", team: "us", role: "treasury" });

    await facilitator.getByRole("button", { name: "Advance phase" }).click();
    await facilitator.getByRole("button", { name: "Advance phase" }).click();
    await us.locator("#board-summary", { hasText: "table phase" }).waitFor();
    await shoot(facilitator, "3-console");

    await us.getByRole("tab", { name: "Build" }).click();
    await builder(us)
      .getByLabel("Rare-earth export licensing", { exact: true })
      .selectOption({ label: "General licences for US buyers" });
    await builder(us)
      .getByLabel("US chip export controls", { exact: true })
      .selectOption({ label: "50% rule suspended one year" });
    await shoot(us, "4-table-us-builder");
    await us.getByRole("button", { name: "Table this proposal" }).click();
    await cn.locator('[data-proposal] button[data-intent="proposal/counter"]').first().waitFor();
    await expectControlsMatchRules(cn, { kind: "team", team: "cn", role: "vice-premier" });

    await cn.locator('button[data-intent="proposal/counter"]').first().click();
    await builder(cn)
      .getByLabel("Soybean purchases", { exact: true })
      .selectOption({ label: "12 MMT, then 25 MMT a year 2026–28" });
    await builder(cn)
      .getByLabel("US extra 100% tariff", { exact: true })
      .selectOption({ label: "No extra tariff" });
    await cn.getByRole("button", { name: /^Counter p\d+ with this$/ }).click();
    await us.locator('button[data-intent="proposal/accept"]').first().waitFor();
    expect(roomOf(server, matchId).match.proposals.map((p) => [p.by, p.status])).toEqual([
      ["us", "countered"],
      ["cn", "open"],
    ]);
    await shoot(us, "5-table-us-proposals");
    await us.locator('button[data-intent="proposal/accept"]').first().click();
    await us.getByText(/Agreement a\d+ \(pending\)/).waitFor();

    await facilitator.getByRole("button", { name: "Advance phase" }).click();
    for (const page of [us, cn]) {
      await page.locator("#board-summary", { hasText: "resolution phase" }).waitFor();
      expect(await issueText(page, "rare-earths")).toContain("General licences for US buyers");
      expect(await issueText(page, "soybeans")).toContain("12 MMT, then 25 MMT a year 2026–28");
    }
    await expectControlsMatchRules(us, { kind: "team", team: "us", role: "treasury" });
    await shoot(cn, "6-table-cn-resolution");

    await facilitator.getByRole("button", { name: "End match" }).click();
    await us.getByRole("heading", { name: "Debrief" }).waitFor();
    await shoot(us, "7-debrief-us");
    await facilitator.getByRole("button", { name: "Class debrief" }).click();
    await facilitator.getByRole("heading", { name: "Debrief" }).waitFor();
    await shoot(facilitator, "8-debrief-class");
    expect(host.errors).toEqual([]);
  }, 120_000);
});
