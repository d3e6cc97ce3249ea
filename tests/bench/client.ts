/**
 * Client benchmark: bundle sizes (gzip), time to the first interactive lobby and to the first
 * rendered table in headless Chromium, and frame times while the table animates.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildClient, launchChromium } from "../e2e/browser.ts";
import { settle, startProcess } from "./load.ts";

export type ClientFigures = {
  readonly gzipKb: { readonly ours: number; readonly phaser: number; readonly sdk: number };
  readonly lobbyMs: number;
  readonly tableMs: number;
  readonly frameMs: { readonly mean: number; readonly p95: number };
};

/** Runs the client benchmark against a built client served by a server process of its own. */
export async function benchClient(): Promise<ClientFigures> {
  const dir = mkdtempSync(join(tmpdir(), "trade-truce-client-bench-"));
  const clientDir = join(dir, "client");
  await buildClient(clientDir);
  const sizes = { ours: 0, phaser: 0, sdk: 0 };
  for (const file of readdirSync(join(clientDir, "assets"))) {
    const kb = gzipSync(readFileSync(join(clientDir, "assets", file))).length / 1024;
    if (file.startsWith("phaser")) sizes.phaser += kb;
    else if (file.startsWith("colyseus")) sizes.sdk += kb;
    else sizes.ours += kb;
  }
  const target = await startProcess("server/main.ts", 2584, {
    DB_PATH: join(dir, "client.sqlite"),
    CLIENT_DIR: clientDir,
  });
  const browser = await launchChromium();
  try {
    await settle(500);
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 720 } })
    ).newPage();
    const started = Date.now();
    await page.goto(`${target.url}/`);
    await page.getByRole("button", { name: "Find my table" }).waitFor();
    const lobbyMs = Date.now() - started;
    const session = (await (
      await fetch(`${target.url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    ).json()) as { code: string };
    await page.getByLabel("Join code").fill(session.code);
    await page.getByRole("textbox", { name: "Your name" }).first().fill("Ana");
    await page.getByRole("button", { name: "Find my table" }).click();
    await page.getByLabel("Seat").selectOption("us:treasury");
    const joining = Date.now();
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await page.locator("#board-summary", { hasText: "phase" }).waitFor();
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const tableMs = Date.now() - joining;
    // A string, not a function: tsx would add helpers the page does not have.
    const frames = (await page.evaluate(`new Promise((resolve) => {
      const times = [];
      let last = performance.now();
      const tick = (now) => {
        times.push(now - last);
        last = now;
        if (times.length < 180) requestAnimationFrame(tick);
        else resolve(times.slice(1));
      };
      requestAnimationFrame(tick);
    })`)) as number[];
    frames.sort((a, b) => a - b);
    const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
    return {
      gzipKb: sizes,
      lobbyMs,
      tableMs,
      frameMs: { mean, p95: frames[Math.floor(frames.length * 0.95)] ?? 0 },
    };
  } finally {
    await browser.close();
    target.process.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The client figures as printed lines. */
export function clientTable(f: ClientFigures): string {
  return [
    `bundle (gzip): ours ${f.gzipKb.ours.toFixed(1)} kB, Phaser ${f.gzipKb.phaser.toFixed(1)} kB, Colyseus SDK ${f.gzipKb.sdk.toFixed(1)} kB`,
    `first interactive lobby: ${f.lobbyMs} ms after navigation; first rendered table: ${f.tableMs} ms after pressing Join`,
    `frame time while the table animates: mean ${f.frameMs.mean.toFixed(1)} ms, p95 ${f.frameMs.p95.toFixed(1)} ms (software WebGL)`,
  ].join("\n");
}
