import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025, replay, simulate } from "../../shared/index.ts";
import { TEST_URL } from "../server/helpers.ts";
import { browserSuite, newPlayer, shoot } from "./browser.ts";

const suite = browserSuite();
const dir = mkdtempSync(join(tmpdir(), "trade-truce-forks-"));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("forks in real Chromium", () => {
  it("forks a replay at an entry, plays on against a bot, and compares the two in the debrief", async () => {
    const { log: parent } = simulate(KUALA_LUMPUR_2025, {
      seed: 3,
      rounds: 4,
      strategies: { us: "linear", cn: "linear" },
      compliance: 0.8,
      implementation: 2,
    });
    const file = join(dir, "parent.json");
    writeFileSync(file, JSON.stringify(parent));
    const { page, errors } = await newPlayer(suite.browser, `${TEST_URL}/`);
    await page.getByLabel("Match log file").setInputFiles(file);
    const status = page.locator("#replay-status");
    await status.waitFor();
    await shoot(page, "fork-0-parent-end-1280");
    await page.getByLabel("Jump to round").selectOption("6");
    const at = Number((await status.textContent())?.match(/Entry (\d+) of/)?.[1]);
    expect(at).toBeGreaterThan(0);

    await page.getByLabel("Who plays United States").selectOption({ label: "Me" });
    await page.getByLabel("Who plays China").selectOption({ label: "A conceder bot" });
    await page.getByRole("textbox", { name: "Your name" }).fill("Ana");
    await shoot(page, "fork-1-play-from-here-1280");
    await page.getByRole("button", { name: "Play from here" }).click();
    await page.waitForURL(/#\/table\//);
    await page.locator("#board-summary", { hasText: "Round 6 of 6" }).waitFor();
    await shoot(page, "fork-2-table-1280");

    // Ana marks her team ready phase after phase; the bot does the same, and the match ends.
    const debrief = page.getByRole("heading", { name: "What if: this match beside its parent" });
    for (let i = 0; i < 12 && !(await debrief.isVisible()); i++) {
      const ready = page.getByRole("button", { name: "Mark team ready" });
      if (await ready.isEnabled().catch(() => false)) await ready.click().catch(() => undefined);
      await page.waitForTimeout(500);
    }
    await debrief.waitFor();
    const section = page.locator("section", { has: debrief });
    expect(await section.textContent()).toContain(
      `from entry ${at} of match ${parent.header.matchId}`,
    );
    const totals = await section.locator("tbody tr").allTextContents();
    expect(totals).toHaveLength(2);
    await page.getByRole("columnheader", { name: "Parent match" }).first().waitFor();
    await shoot(page, "fork-3-debrief-1280");

    const matchId = (await suite.server.store.liveMatches()).length; // the fork has ended: no live match
    expect(matchId).toBe(0);
    const [fork] = await suite.server.store.matchesOfSession(
      (await suite.server.store.match(page.url().split("/").at(-1) ?? ""))?.sessionId ?? "",
    );
    const log = fork && (await suite.server.store.log(fork.id));
    const replayed = log && replay(log);
    expect(replayed?.ok && replayed.parent?.head.hash).toBe(parent.end?.hash);
    expect(log?.header.fork).toMatchObject({ matchId: parent.header.matchId, at });
    expect(errors).toEqual([]);
  }, 120_000);
});
