import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { type MatchLog, replay } from "../../shared/index.ts";
import { ok, type Player, startServerProcess, wrap } from "./helpers.ts";

const PORT = 2578;
const URL_ = `http://localhost:${PORT}`;
const dir = mkdtempSync(joinPath(tmpdir(), "trade-truce-chaos-"));
let child: ChildProcess | undefined;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const startProcess = () => startServerProcess(PORT, dir);

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** A seat at one table, its token, and the chat lines the server acknowledged to it. */
type LoadedSeat = { matchId: string; token: string; player: Player; acked: string[] };

/** Sends chat lines as fast as a busy team would until stopped; only answered lines count as acknowledged. */
async function load(seat: LoadedSeat, running: () => boolean, tag: string): Promise<void> {
  for (let n = 0; running(); n++) {
    const text = `${tag}-${n}`;
    const answered = await Promise.race([
      seat.player.act({ type: "chat/team", text }).catch(() => undefined),
      pause(2000).then(() => undefined),
    ]);
    if (answered?.ok) seat.acked.push(text);
    await pause(60);
  }
}

describe("a server killed under load", () => {
  it("keeps every acknowledged command through three SIGKILLs, and every seat is taken back by its token", async () => {
    child = await startProcess();
    const sdk = new Client(URL_);
    const session = (await (
      await fetch(`${URL_}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", connection: "close" },
        body: JSON.stringify({ rounds: 3, tables: 3 }),
      })
    ).json()) as { code: string; facilitatorSecret: string; matches: { matchId: string }[] };
    const seats: LoadedSeat[] = [];
    for (const { matchId } of session.matches) {
      const facilitator = await wrap(
        await sdk.joinById(matchId, { facilitatorSecret: session.facilitatorSecret }),
      );
      await ok(facilitator, { type: "match/start" });
      await facilitator.room.leave();
      for (const [name, team, role] of [
        ["Ana", "us", "treasury"],
        ["Wei", "cn", "vice-premier"],
      ] as const) {
        const player = await wrap(
          await sdk.joinById(matchId, { code: session.code, name, team, role }),
        );
        seats.push({ matchId, token: player.seat.token ?? "", player, acked: [] });
      }
    }

    for (let kill = 1; kill <= 3; kill++) {
      for (const seat of seats) seat.player.room.reconnection.enabled = false;
      let running = true;
      const loads = seats.map((seat, i) => load(seat, () => running, `k${kill}s${i}`));
      await pause(400 + Math.floor(Math.random() * 1200));
      child.kill("SIGKILL");
      await new Promise((resolve) => child?.once("exit", resolve));
      running = false;
      await Promise.all(loads);
      child = await startProcess();

      for (const matchId of new Set(seats.map((s) => s.matchId))) {
        const response = await fetch(`${URL_}/api/matches/${matchId}/log`, {
          headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
        });
        const log = (await response.json()) as MatchLog;
        expect(replay(log).ok).toBe(true);
        const logged = new Set(
          log.entries.map((e) => (e.command.intent as { text?: string }).text).filter(Boolean),
        );
        for (const seat of seats.filter((s) => s.matchId === matchId))
          for (const text of seat.acked) expect(logged, `kill ${kill}: ${text}`).toContain(text);
      }
      for (const seat of seats) {
        const before = seat.player.seat;
        seat.player = await wrap(await sdk.joinById(seat.matchId, { seatToken: seat.token }));
        expect(seat.player.seat).toMatchObject({
          kind: "team",
          team: before.kind === "team" ? before.team : "",
          name: before.name,
        });
      }
    }
    expect(seats.every((s) => s.acked.length > 0)).toBe(true);
    for (const seat of seats)
      expect(await seat.player.act({ type: "chat/team", text: "after" })).toMatchObject({
        ok: true,
      });
  }, 120_000);
});
