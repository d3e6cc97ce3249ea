import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_URL } from "../server/helpers.ts";
import { documentedScenario } from "../shared/helpers.ts";
import { browserSuite, joinAs, newPlayer, type Player, shoot } from "./browser.ts";

const suite = browserSuite();
const players: Player[] = [];

/** The complete example of docs/scenarios.md, and a copy of it with a mistake, as files. */
function scenarioFiles() {
  const example = documentedScenario();
  const broken = JSON.parse(example);
  broken.issues[1].levels.splice(1);
  broken.briefs.health.points.budget.pop();
  const dir = mkdtempSync(join(tmpdir(), "trade-truce-scenarios-"));
  writeFileSync(join(dir, "budget-talks.json"), example);
  writeFileSync(join(dir, "broken.json"), JSON.stringify(broken));
  return { good: join(dir, "budget-talks.json"), broken: join(dir, "broken.json") };
}

describe("a teacher's own scenario in real Chromium", () => {
  it("names every mistake of a broken file by path, then runs a class on a valid one", async () => {
    const files = scenarioFiles();
    const teacher = await newPlayer(suite.browser, `${TEST_URL}/`, { width: 1920, height: 1080 });
    players.push(teacher);
    const { page } = teacher;
    const upload = page.getByLabel("Or your own scenario file");
    await upload.setInputFiles(files.broken);
    const problems = page.getByText("broken.json is not a valid scenario");
    await problems.waitFor();
    const shown = (await problems.textContent()) ?? "";
    expect(shown).toContain("issues[1].levels: at least 2 levels");
    expect(shown).toContain("briefs.health.points.budget: needs 4 numbers");
    await upload.setInputFiles(files.good);
    await page.getByText("Using your scenario “Budget talks”.").waitFor();
    await page.getByLabel("Timeline of the session").getByText("Opening positions").waitFor();
    // The session plays the file's three rounds (the built-in scenario had four) unless told otherwise.
    const rounds = page.getByLabel("Negotiation rounds (the last is the summit)");
    expect(await rounds.inputValue()).toBe("3");
    await page.getByText("No implementation rounds follow.").waitFor();
    await rounds.scrollIntoViewIfNeeded();
    await shoot(page, "scenario-own-lobby-1920");
    await page.getByLabel("Bots play").selectOption({ label: "the Health Ministry team" });
    await page.getByLabel("Bots play").selectOption("");
    await page.getByRole("button", { name: "Create session" }).click();
    const code = (await page.locator(".code").first().textContent()) ?? "";

    // Two students find the table at once; the second picks the seat the first has just taken.
    const student = await newPlayer(suite.browser, `${TEST_URL}/`);
    const late = await newPlayer(suite.browser, `${TEST_URL}/`);
    players.push(student);
    await late.page.getByLabel("Join code").fill(code);
    await late.page.getByRole("textbox", { name: "Your name" }).first().fill("Ben");
    await late.page.getByRole("button", { name: "Find my table" }).click();
    await late.page.getByLabel("Seat").selectOption("finance:minister");
    await joinAs(student.page, code, "Ana", "finance:minister");
    await late.page.getByRole("button", { name: "Join", exact: true }).click();
    await late.page.getByText("Someone already holds that seat").waitFor();
    await late.page
      .getByRole("option", { name: /Finance Minister.* — taken/ })
      .waitFor({ state: "attached" });
    expect(await student.page.locator('#board-summary [data-issue="budget"]').count()).toBe(1);
    await student.page.getByRole("tab", { name: "Brief" }).click();
    await student.page
      .getByText("Finance Ministry — Finance Minister — confidential role brief")
      .waitFor();
    await shoot(student.page, "scenario-own-table-1280");
    for (const player of players) expect(player.errors).toEqual([]);
    expect(late.errors).toEqual([expect.stringContaining("409 (Conflict)")]); // the refused join
  }, 120_000);
});
