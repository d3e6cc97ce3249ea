import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll } from "vitest";
import type { GameServerOptions } from "../../server/app.ts";
import { startServer, type TestServer } from "../server/helpers.ts";

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Where browser tests save their screenshots. */
export const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");

const root = resolve(import.meta.dirname, "../..");

/** Launches headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium was not found at ${CHROMIUM}. Install it with "apt-get install -y chromium" (.ci/run does), or set CHROMIUM_PATH.`,
    );
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Builds the client with the project's Vite config into a folder. */
export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: resolve(root, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/** A browser page of one person, and every error or warning it has logged. */
export type Player = { readonly page: Page; readonly errors: string[] };

/**
 * A page of its own (its own storage, as on another student's laptop, its browser in `locale`), with
 * uncaught errors and console errors and warnings collected: a browser test fails on any.
 */
export async function newPlayer(
  browser: Browser,
  url: string,
  size = { width: 1280, height: 720 },
  locale = "en-US",
): Promise<Player> {
  const context = await browser.newContext({ viewport: size, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning")
      errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(url);
  return { page, errors };
}

/** Saves a screenshot under test-output/screenshots. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
}

/** Joins the table by code from the lobby, as a student would. */
export async function joinAs(page: Page, code: string, name: string, seat: string): Promise<void> {
  await page.getByLabel("Join code").fill(code);
  await page.getByRole("textbox", { name: "Your name" }).first().fill(name);
  await page.getByRole("button", { name: "Find my table" }).click();
  await page.getByLabel("Seat").selectOption(seat);
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.locator("#board-summary").waitFor({ state: "attached" });
}

/** A browser test file's game server (serving the built client) and Chromium. */
export type BrowserSuite = { readonly server: TestServer; readonly browser: Browser };

/**
 * Starts a game server with the client built into it, and Chromium, before a file's tests, and
 * stops both after them; the suite's fields are set once the tests run.
 */
export function browserSuite(options: Partial<GameServerOptions> = {}): BrowserSuite {
  const suite = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    suite.server = await startServer(30, buildClient, options);
    suite.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
