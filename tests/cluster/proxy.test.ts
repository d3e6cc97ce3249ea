import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClient,
  joinAs,
  launchChromium,
  newPlayer,
  type Player,
  shoot,
} from "../e2e/browser.ts";
import { Cluster, sleep } from "./nodes.ts";

/** The ports `docs/nginx.conf` names: two game processes and the public one. */
const [FIRST, SECOND, PUBLIC] = [3001, 3002, 8080] as const;
const CONFIG = resolve(import.meta.dirname, "../../docs/nginx.conf");
const NGINX = process.env.NGINX_PATH ?? "nginx";

const dir = mkdtempSync(join(tmpdir(), "trade-truce-proxy-"));
let cluster: Cluster;
let nginx: ChildProcess | undefined;
let browser: Browser;
const players: Player[] = [];

/** Runs nginx with the documented configuration, or fails saying how to install it. */
async function startNginx(): Promise<ChildProcess> {
  try {
    execFileSync(NGINX, ["-v"], { stdio: "ignore" });
  } catch {
    throw new Error(
      `nginx was not found ("${NGINX}"). Install it with "apt-get install -y nginx-light" (.ci/run does), or set NGINX_PATH.`,
    );
  }
  const prefix = join(dir, "nginx");
  mkdirSync(join(prefix, "logs"), { recursive: true });
  chmodSync(dir, 0o755); // nginx's workers run as another user, and write their temporary files here
  const child = spawn(NGINX, [
    "-c",
    CONFIG,
    "-p",
    prefix,
    "-g",
    `daemon off; pid ${join(prefix, "nginx.pid")}; error_log stderr;`,
  ]);
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`nginx stopped: ${output}`);
    const up = await fetch(`http://localhost:${PUBLIC}/api/health`).catch(() => undefined);
    if (up?.ok) return child;
    await sleep(100);
  }
  throw new Error(`nginx did not answer: ${output}`);
}

beforeAll(async () => {
  const clientDir = join(dir, "client");
  await buildClient(clientDir);
  cluster = await Cluster.create();
  for (const port of [FIRST, SECOND])
    await cluster.start(port, {
      PUBLIC_ADDRESS: `localhost:${PUBLIC}/p${port}`,
      TRUST_PROXY: "127.0.0.1",
      CLIENT_DIR: clientDir,
    });
  nginx = await startNginx();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  nginx?.kill("SIGTERM");
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page at the public address, keeping the WebSocket addresses it opens. */
async function open(size: { width: number; height: number }) {
  const player = await newPlayer(browser, `http://localhost:${PUBLIC}/`, size);
  players.push(player);
  const sockets: string[] = [];
  player.page.on("websocket", (socket) => sockets.push(socket.url()));
  return { page: player.page, sockets, player };
}

describe("two processes behind nginx, configured as docs/nginx.conf says", () => {
  it("serves a class through one public address, and the table comes back by itself when its process is killed", async () => {
    const teacher = await open({ width: 1920, height: 1080 });
    await teacher.page.getByLabel("Rounds").fill("3");
    await teacher.page.getByRole("button", { name: "Create session" }).click();
    const code = (await teacher.page.locator(".code").first().textContent()) ?? "";
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    const ana = await open({ width: 1280, height: 720 });
    await joinAs(ana.page, code, "Ana", "us:treasury");
    const socket = ana.sockets.find((url) => /\/p300[12]\//.test(url)) ?? "";
    const holder = socket.includes(`/p${FIRST}/`) ? FIRST : SECOND;
    expect(socket).toContain(`localhost:${PUBLIC}/p${holder}/`);

    await ana.page.getByRole("tab", { name: "Team chat" }).click();
    await ana.page.getByLabel("Message to your team").fill("Before the crash.");
    await ana.page.getByRole("button", { name: "Send" }).click();
    await ana.page.getByText("Before the crash.").waitFor();

    await cluster.stop(holder, "SIGKILL");
    await ana.page.getByText("Back at the table.").waitFor({ timeout: 40_000 });
    const survivor = holder === FIRST ? SECOND : FIRST;
    expect(ana.sockets.at(-1)).toContain(`localhost:${PUBLIC}/p${survivor}/`);
    await ana.page.getByText("Before the crash.").waitFor();
    await ana.page.getByLabel("Message to your team").fill("After the crash.");
    await ana.page.getByRole("button", { name: "Send" }).click();
    await ana.page.getByText("After the crash.").waitFor();
    await shoot(ana.page, "cluster-table-after-failover-1280");
    for (const player of players)
      expect(
        player.errors.filter(
          (e) => !/WebSocket|ERR_CONNECTION|502|Failed to load resource/.test(e),
        ),
      ).toEqual([]);
  }, 120_000);
});
