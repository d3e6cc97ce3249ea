import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { replay } from "../../shared/index.ts";
import { type FreshPostgres, freshPostgres } from "./databases.ts";
import { ok, playToAgreement, startServerProcess, wrap } from "./helpers.ts";

const PORT = 2577;
const dir = mkdtempSync(joinPath(tmpdir(), "trade-truce-restart-"));
let child: ChildProcess | undefined;
let postgresStore: FreshPostgres | undefined;

afterEach(async () => {
  const running = child;
  child = undefined;
  if (running && running.exitCode === null) {
    running.kill("SIGKILL");
    await new Promise((resolve) => running.once("exit", resolve));
  }
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await postgresStore?.drop();
});

/** Where the server process keeps its store: the SQLite file in `dir`, or a fresh PostgreSQL schema. */
const STORES = [
  { name: "SQLite", env: async () => ({}) },
  {
    name: "PostgreSQL",
    env: async () => {
      postgresStore = await freshPostgres();
      return { DATABASE_URL: postgresStore.url };
    },
  },
];

describe("the server process", () => {
  describe.each(STORES)("killed mid-match, its store in $name", (store) => {
    it("restores every accepted command from the store, and players rejoin the same match by token", async () => {
      const env = { RECONNECT_SECONDS: "30", ...(await store.env()) };
      const startProcess = () => startServerProcess(PORT, dir, env);
      child = await startProcess();
      const url = `http://localhost:${PORT}`;
      const created = await fetch(`${url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", connection: "close" },
        body: JSON.stringify({ rounds: 3, implementationRounds: 0 }),
      });
      const session = (await created.json()) as {
        code: string;
        facilitatorSecret: string;
        matches: { matchId: string }[];
      };
      const matchId = session.matches[0]?.matchId ?? "";
      const sdk = new Client(url);
      const facilitator = await wrap(
        await sdk.joinById(matchId, { facilitatorSecret: session.facilitatorSecret }),
      );
      const us = await wrap(
        await sdk.joinById(matchId, {
          code: session.code,
          name: "Ana",
          team: "us",
          role: "treasury",
        }),
      );
      const cn = await wrap(
        await sdk.joinById(matchId, {
          code: session.code,
          name: "Wei",
          team: "cn",
          role: "vice-premier",
        }),
      );
      await playToAgreement(facilitator, us, cn);
      const logBefore = await fetch(`${url}/api/matches/${matchId}/log`, {
        headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
      });
      const beforeCrash = replay(await logBefore.json());
      expect(beforeCrash.ok && beforeCrash.head.seq).toBe(6);
      for (const player of [facilitator, us, cn]) player.room.reconnection.enabled = false;

      child.kill("SIGKILL");
      await new Promise((resolve) => child?.once("exit", resolve));
      child = await startProcess();

      const logResponse = await fetch(`${url}/api/matches/${matchId}/log`, {
        headers: { authorization: `Bearer ${session.facilitatorSecret}`, connection: "close" },
      });
      const log = await logResponse.json();
      const replayed = replay(log);
      expect(replayed.ok && replayed.head.seq).toBe(6);
      expect(replayed.ok && replayed.head.hash).toBe(beforeCrash.ok && beforeCrash.head.hash);

      const back = await wrap(await sdk.joinById(matchId, { seatToken: us.seat.token }));
      const facilitatorBack = await wrap(
        await sdk.joinById(matchId, { facilitatorSecret: session.facilitatorSecret }),
      );
      await back.until((s) => s.phase === "table");
      expect(back.seat).toMatchObject({ team: "us", role: "treasury" });
      expect(back.seat.events?.map((e) => e.text)).toEqual(
        expect.arrayContaining([
          "United States accepts proposal p1: agreement a1 takes effect at resolution.",
        ]),
      );
      expect(back.room.state.toJSON()).toMatchObject({
        teams: {
          us: {
            private: { caucus: [expect.objectContaining({ text: "Hold the line on chips." })] },
          },
        },
      });
      expect(back.room.state.toJSON()).toMatchObject({
        phase: "table",
        proposals: expect.stringContaining('"status":"accepted"'),
        agreements: expect.stringContaining('"status":"pending"'),
      });
      await ok(back, { type: "chat/table", text: "Where were we?" });
      await ok(facilitatorBack, { type: "phase/advance" });
      await back.until(
        (s) =>
          s.phase === "resolution" && (s.levels as Record<string, number>)["rare-earths"] === 2,
      );
    });
  });

  it("exits with code 1 when started a second time (its port taken), saying the port is in use", async () => {
    child = await startServerProcess(PORT, dir);
    await expect(startServerProcess(PORT, dir)).rejects.toThrow(
      new RegExp(`exited with 1: [^]*Port ${PORT} is in use`),
    );
  });
});
