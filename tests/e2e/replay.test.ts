import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { KUALA_LUMPUR_2025, simulate } from "../../shared/index.ts";
import { join, ok, openTable, TEST_URL } from "../server/helpers.ts";
import { browserSuite, newPlayer, shoot } from "./browser.ts";

const suite = browserSuite();
const dir = mkdtempSync(joinPath(tmpdir(), "trade-truce-replay-"));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const status = (page: Page) => page.locator("#replay-status");

/** Opens a log file from the lobby's file picker. */
async function openFile(page: Page, content: string, name = "match.json"): Promise<void> {
  const file = joinPath(dir, name);
  writeFileSync(file, content);
  await page.getByLabel("Match log file").setInputFiles(file);
}

describe("the replay viewer in real Chromium", () => {
  it("replays a simulated log to its recorded hash, steps, jumps and changes perspective", async () => {
    const { log } = simulate(KUALA_LUMPUR_2025, {
      seed: 8,
      rounds: 4,
      strategies: { us: "linear", cn: "conceder" },
      compliance: 0.5,
      implementation: 2,
    });
    const { page, errors } = await newPlayer(suite.browser, `${TEST_URL}/`);
    await openFile(page, JSON.stringify(log));
    await status(page).waitFor();
    expect(await status(page).getAttribute("data-final-hash")).toBe(log.entries.at(-1)?.hash);
    expect(await status(page).textContent()).toContain(
      `Entry ${log.entries.length} of ${log.entries.length}`,
    );
    expect(await page.getByLabel("Jump to round").inputValue()).toBe("6"); // the round it is in
    await page.getByRole("button", { name: "To the start" }).click();
    expect(await status(page).textContent()).toContain(`Entry 0 of ${log.entries.length}`);
    await page.getByRole("button", { name: "Forward one command" }).click();
    expect(await status(page).textContent()).toContain("Entry 1 of");
    await page.getByLabel("Jump to round").selectOption("3");
    await page.locator("#board-summary", { hasText: "Round 3 of 6" }).waitFor();
    await page.getByLabel("Perspective").selectOption({ label: "As United States saw it" });
    await page.getByRole("tab", { name: "Brief" }).click();
    const panel = page.getByRole("tabpanel", { name: "Brief" });
    await panel.getByText("United States — confidential team brief").waitFor();
    expect(await panel.textContent()).not.toContain(KUALA_LUMPUR_2025.briefs.cn?.summary ?? "?");
    expect(await page.locator("button[data-intent]:not([disabled])").count()).toBe(0);
    await shoot(page, "9-replay");
    expect(errors).toEqual([]);
  }, 60_000);

  it("redraws the board step after step without keeping the texts it drew before", async () => {
    const { log } = simulate(KUALA_LUMPUR_2025, {
      seed: 3,
      rounds: 4,
      strategies: { us: "linear", cn: "linear" },
      compliance: 0.8,
      implementation: 2,
    });
    const { page, errors } = await newPlayer(suite.browser, `${TEST_URL}/`);
    // Every canvas the page makes is counted: a text on the board takes one from Phaser's pool,
    // which gets it back only when the text is destroyed.
    await page.addInitScript(`(() => {
      const make = document.createElement.bind(document);
      window.canvasesMade = 0;
      document.createElement = (tag, options) => {
        if (String(tag).toLowerCase() === "canvas") window.canvasesMade += 1;
        return make(tag, options);
      };
    })()`);
    await page.reload();
    await openFile(page, JSON.stringify(log));
    await page.getByRole("button", { name: "To the start" }).click();
    const made = () => page.evaluate("window.canvasesMade") as Promise<number>;
    const before = await made();
    for (let step = 1; step <= 30; step++) {
      await page.getByRole("button", { name: "Forward one command" }).click();
      await status(page).getByText(`Entry ${step} of`).waitFor();
    }
    expect(await made()).toBeLessThan(before + 60);
    expect(errors).toEqual([]);
  }, 60_000);

  it("replays a real server match to its recorded hash, and opens at a shared link", async () => {
    const { session, matchId, facilitator } = await openTable(suite.server, { rounds: 2 });
    const us = await join(suite.server, matchId, {
      code: session.code,
      name: "Ana",
      team: "us",
      role: "treasury",
    });
    await ok(facilitator, { type: "match/start" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(facilitator, { type: "phase/advance" });
    await ok(us, {
      type: "proposal/table",
      package: { levels: { soybeans: 2 }, commitments: [], snapback: false },
    });
    await ok(facilitator, { type: "match/end" });
    const log = await suite.server.store.log(matchId);
    const { page } = await newPlayer(suite.browser, `${TEST_URL}/`);
    await openFile(page, JSON.stringify(log), "server.json");
    await status(page).waitFor();
    expect(await status(page).getAttribute("data-final-hash")).toBe(log?.entries.at(-1)?.hash);
    await page.getByText("Unsigned or recorded elsewhere").waitFor();
    const cli = spawnSync(
      process.execPath,
      ["--import", "tsx", "server/cli.ts", "replay", joinPath(dir, "server.json"), "--json"],
      {
        cwd: resolve(import.meta.dirname, "../.."),
        encoding: "utf8",
      },
    );
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      finalHash: log?.entries.at(-1)?.hash,
      sealed: true,
    });

    const saved = {
      sessionId: "",
      code: session.code,
      facilitatorSecret: session.facilitatorSecret,
      matches: session.matches,
    };
    await page.evaluate(
      (value) => localStorage.setItem("trade-truce:facilitator", value),
      JSON.stringify(saved),
    );
    await page.goto(`${TEST_URL}/#/replay/${matchId}/3`);
    await page.reload();
    await status(page).waitFor();
    expect(await status(page).textContent()).toContain("Entry 3 of 5");
    await page.getByText("Signed: recorded by this server.").waitFor();
  }, 60_000);

  it("refuses a tampered log with the entry at fault, and opens nothing", async () => {
    const { log } = simulate(KUALA_LUMPUR_2025, {
      seed: 2,
      rounds: 2,
      strategies: { us: "linear", cn: "linear" },
      compliance: 1,
      implementation: 2,
    });
    const tampered = structuredClone(log);
    const second = tampered.entries[1];
    if (!second) throw new Error("fixture");
    second.at += 5;
    const { page } = await newPlayer(suite.browser, `${TEST_URL}/`);
    await openFile(page, JSON.stringify(tampered), "tampered.json");
    await page.getByText("This log cannot be replayed. Entry 2:").waitFor();
    expect(await status(page).count()).toBe(0);
    await openFile(page, "{ not json", "broken.json");
    await page.getByText(/This log cannot be replayed\. not valid JSON/).waitFor();
  }, 60_000);
});
