import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025 } from "../../shared/index.ts";
import { roomOf, TEST_URL } from "../server/helpers.ts";
import { browserSuite, joinAs, newPlayer, type Player, SCREENSHOTS, shoot } from "./browser.ts";

/** The class's clock runs this many times faster: the 50-minute plan's 30-minute match in two. */
const CLOCK_SCALE = 15;

const suite = browserSuite({ clockScale: CLOCK_SCALE });
const players: Player[] = [];

const LAPTOP = { width: 1280, height: 720 };
const PROJECTOR = { width: 1920, height: 1080 };

async function open(size: { width: number; height: number }): Promise<Page> {
  const player = await newPlayer(suite.browser, `${TEST_URL}/`, size);
  players.push(player);
  return player.page;
}

const label = (id: string) => KUALA_LUMPUR_2025.issues.find((i) => i.id === id)?.label ?? id;
const phase = (page: Page, text: string, timeout = 60_000) =>
  page.locator("#board-summary", { hasText: text }).waitFor({ timeout });

/**
 * Prints the sheets a button opens in a page of their own to a PDF, as the browser's print would,
 * and reads it back with poppler: its page count and text, and its `shot`-th page as a PNG.
 */
async function printed(page: Page, name: string, click: () => Promise<void>, shot = 1) {
  const [sheets] = await Promise.all([page.waitForEvent("popup"), click()]);
  await sheets.locator(".sheet").first().waitFor();
  expect(await sheets.getByRole("button", { name: "Print" }).count()).toBe(1);
  const pdf = resolve(SCREENSHOTS, `${name}.pdf`);
  writeFileSync(pdf, await sheets.pdf({ format: "A4", printBackground: true }));
  const tool = (cmd: string, args: string[]) => {
    if (!existsSync(`/usr/bin/${cmd}`))
      throw new Error(
        `${cmd} was not found: install it with "apt-get install -y poppler-utils" (.ci/run does).`,
      );
    return execFileSync(cmd, args, { encoding: "utf8" });
  };
  const pages = Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [pdf]))?.[1]);
  const text = tool("pdftotext", ["-layout", pdf, "-"]);
  tool("pdftoppm", [
    "-png",
    "-r",
    "60",
    "-f",
    String(shot),
    "-l",
    String(shot),
    "-singlefile",
    pdf,
    resolve(SCREENSHOTS, name),
  ]);
  return { pages, text };
}

describe("a 50-minute class in real Chromium, on an accelerated clock", () => {
  it("plans, prints, prepares, negotiates, endorses and debriefs with the worksheets scored", async () => {
    const teacher = await open(PROJECTOR);
    await teacher.getByRole("link", { name: /Teacher's guide/ }).click();
    await teacher.getByRole("heading", { name: "Learning objectives" }).waitFor();
    expect(await teacher.locator(".guide table").count()).toBeGreaterThanOrEqual(3);
    await shoot(teacher, "teacher-0-guide-1920");
    await teacher.getByRole("button", { name: "Back" }).click();
    await teacher.getByLabel("Class plan").selectOption({ label: "50-minute class" });
    const timeline = teacher.getByLabel("Timeline of the session");
    await timeline.getByText("Debrief — 15 minutes").waitFor();
    await timeline.scrollIntoViewIfNeeded();
    expect(await timeline.textContent()).toContain("Preparation — worksheets, preparation 5:00");
    await shoot(teacher, "teacher-1-plan-timeline-1920");
    await teacher.getByRole("button", { name: "Create session" }).click();
    const code = (await teacher.locator(".code").first().textContent()) ?? "";
    // The session is named after its scenario, not after the plan it was set up from.
    const joining = await fetch(`${TEST_URL}/api/join/${code}`, {
      headers: { connection: "close" },
    });
    expect(await joining.json()).toMatchObject({ title: KUALA_LUMPUR_2025.title });
    await teacher.getByRole("button", { name: "Open the facilitator console" }).click();
    await teacher.getByRole("button", { name: "Start the match" }).waitFor();

    // Paper for the class: a brief and a blank worksheet per negotiating seat, a page or more each.
    const sheets = await printed(teacher, "teacher-2-briefs", () =>
      teacher.getByRole("button", { name: "Print briefs and worksheets" }).click(),
    );
    expect(sheets.pages).toBeGreaterThanOrEqual(8);
    for (const title of [
      "Treasury Secretary",
      "Trade Representative",
      "Vice Premier",
      "Chief Trade Negotiator",
    ])
      expect(sheets.text).toContain(`— ${title}`);
    expect(sheets.text.match(/Preparation worksheet/g)).toHaveLength(4);
    expect(sheets.text).not.toContain("Farm lobby");
    expect(sheets.text).toContain(
      KUALA_LUMPUR_2025.briefs.cn?.roles.negotiator?.summary.slice(0, 40),
    );

    const matchId =
      (
        await suite.server.store.matchesOfSession(
          (await suite.server.store.sessionByCode(code))?.id ?? "",
        )
      )[0]?.id ?? "";
    const [ana, ben, wei, li] = [
      await open(LAPTOP),
      await open(LAPTOP),
      await open(LAPTOP),
      await open(LAPTOP),
    ];
    await joinAs(ana, code, "Ana", "us:treasury");
    await joinAs(ben, code, "Ben", "us:ustr");
    await joinAs(wei, code, "Wei", "cn:vice-premier");
    await joinAs(li, code, "Li", "cn:negotiator");

    // Each seat reads its own role brief, never its teammate's.
    await ben.getByRole("tab", { name: "Brief" }).click();
    const briefs = ben.getByRole("tabpanel", { name: "Brief" });
    await briefs.getByText("Trade Representative — confidential role brief").waitFor();
    expect(await briefs.getByText("Treasury Secretary — confidential role brief").count()).toBe(0);
    await shoot(ben, "teacher-3-role-brief-1280");

    await teacher.getByRole("button", { name: "Start the match" }).click();
    const answers = [
      [
        ana,
        { soybeans: "2", "rare-earths": "5" },
        { "us-export-controls": "5", "us-extra-tariff": "4" },
        "40",
        "45",
      ],
      [
        ben,
        { soybeans: "5", "cn-tariffs": "4" },
        { "us-extra-tariff": "5", soybeans: "2" },
        "35",
        "50",
      ],
      [wei, { "us-extra-tariff": "5" }, { "rare-earths": "5", soybeans: "4" }, "45", "40"],
      [li, { soybeans: "3" }, { soybeans: "5" }, "50", "30"],
    ] as const;
    for (const [page, ours, theirs, reservation, theirReservation] of answers) {
      await phase(page, "preparation phase");
      const sheet = page.getByRole("tabpanel", { name: "Worksheet" });
      const us = page === ana || page === ben ? "United States" : "China";
      const them = us === "China" ? "United States" : "China";
      for (const [id, value] of Object.entries(ours))
        await sheet.getByLabel(`How much ${label(id)} matters to ${us}`).selectOption(value);
      for (const [id, value] of Object.entries(theirs))
        await sheet.getByLabel(`How much ${label(id)} matters to ${them}`).selectOption(value);
      await sheet
        .getByLabel(`Predicted outcome: ${label("rare-earths")}`)
        .selectOption({ index: 3 });
      await sheet.getByLabel(/^Our bottom line/).fill(reservation);
      await sheet.getByLabel(/^Their bottom line/).fill(theirReservation);
      await sheet.getByRole("button", { name: "Hand in worksheet" }).click();
      await sheet.getByText("Handed in.").waitFor();
    }
    await shoot(ben, "teacher-4-worksheet-1280");
    expect(Object.keys(roomOf(suite.server, matchId).match.worksheets).sort()).toEqual([
      "cn:negotiator",
      "cn:vice-premier",
      "us:treasury",
      "us:ustr",
    ]);

    // Round 1 at the table: the US tables a framework like Busan's, calling off every threat; China accepts.
    await phase(ana, "table phase");
    await ana.getByRole("tab", { name: "Build" }).click();
    const builder = ana.getByRole("tabpanel", { name: "Build" });
    const level = (id: string, to: string) =>
      builder.getByLabel(label(id), { exact: true }).selectOption({ label: to });
    await level("rare-earths", "April licensing of 7 elements; October rules off");
    await level("us-export-controls", "50% rule suspended one year");
    await level("soybeans", "12 MMT by end-2025");
    for (const callOff of await builder
      .getByRole("checkbox", { name: /Call off the threat/ })
      .all())
      await callOff.check();
    await ana.getByRole("button", { name: "Table this proposal" }).click();
    await wei.locator("[data-proposal] button", { hasText: "Accept" }).first().click();
    await ana.getByText(/Agreement a\d+ \(pending\)/).waitFor();

    // The summit of round 3, on the clock: both leads endorse.
    for (const lead of [ana, wei]) await phase(lead, "summit phase", 120_000);
    await ana.getByRole("button", { name: "Endorse" }).click();
    await wei.getByRole("button", { name: "Endorse" }).click();

    // The clock ends the match; every seat's page turns to the debrief with the worksheets scored.
    const beliefs = ana.locator("section.beliefs");
    await beliefs.waitFor({ timeout: 120_000 });
    expect(roomOf(suite.server, matchId).match.framework).toBe("endorsed");
    const table = (await beliefs.locator("table").first().allInnerTexts()).join("\n");
    expect(table).toMatch(/United States\s+-?\d/);
    expect(table).toMatch(/China\s+-?\d/);
    expect(table).toContain("Chief Trade Negotiator");
    expect(table).toMatch(/30 → \d/);
    await ana.getByText("Questions for your debrief").waitFor();
    await beliefs.scrollIntoViewIfNeeded();
    await shoot(ana, "teacher-5-debrief-beliefs-1280");

    const handout = await printed(
      ana,
      "teacher-6-handout",
      () => ana.getByRole("button", { name: "Print the handout" }).click(),
      2,
    );
    expect(handout.pages).toBeGreaterThanOrEqual(6);
    expect(handout.text.match(/Preparation worksheet/g)).toHaveLength(4);
    for (const text of [
      "Debrief handout",
      "How well you read each other",
      "Questions for your debrief",
      "Busan outcome",
    ])
      expect(handout.text).toContain(text);

    for (const player of players) expect(player.errors, player.page.url()).toEqual([]);
  }, 300_000);
});
