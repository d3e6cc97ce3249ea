import { readFileSync } from "node:fs";
import { request } from "node:http";
import { CloseCode, Protocol } from "@colyseus/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntentResult } from "../../shared/protocol.ts";
import { CLOSE_CODES } from "../../shared/protocol.ts";
import {
  join,
  ok,
  openTable,
  type Player,
  startServer,
  TEST_URL,
  type TestServer,
} from "./helpers.ts";

/** Every error code `docs/protocol.md` documents. */
const DOCUMENTED = new Set(
  [
    ...readFileSync(`${import.meta.dirname}/../../docs/protocol.md`, "utf8").matchAll(
      /^\| `([a-z-]+\/[a-z-]+)` \|/gm,
    ),
  ].map((m) => m[1]),
);
/** Close codes a connection may end with: the room's own and Colyseus'. */
const CLOSES = new Set<number>([...Object.values(CLOSE_CODES), ...Object.values(CloseCode)]);

/** A request's path as the server reads it, or undefined where it cannot be read. */
function readablePath(path: string): string | undefined {
  try {
    return new URL(path, TEST_URL).pathname;
  } catch {
    return undefined;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;
/** A table the fuzzers never touch, whose players must be answered throughout. */
let canary: Player;
let fuzzTable: { matchId: string; code: string; senders: Player[] };

beforeAll(async () => {
  server = await startServer(5);
  const { session, facilitator } = await openTable(server, { tables: 2 });
  const [canaryId, fuzzId] = session.matches.map((m) => m.matchId);
  const seat = (matchId: string | undefined, name: string, team: string, role: string) =>
    join(server, matchId ?? "", { code: session.code, name, team, role });
  canary = await seat(canaryId, "Ana", "us", "treasury");
  await ok(facilitator, { type: "match/start" });
  const fuzzFacilitator = await join(server, fuzzId ?? "", {
    facilitatorSecret: session.facilitatorSecret,
  });
  fuzzTable = {
    matchId: fuzzId ?? "",
    code: session.code,
    senders: [
      await seat(fuzzId, "Wei", "cn", "vice-premier"),
      await seat(fuzzId, "Ben", "us", "ustr"),
      fuzzFacilitator,
    ],
  };
  await ok(fuzzFacilitator, { type: "match/start" });
});

afterAll(async () => {
  await server.stop();
});

/** The canary table still answers, and the server reports itself healthy. */
async function stillServing(): Promise<void> {
  const result = await canary.act({ type: "chat/team", text: "still here" });
  expect(result).toMatchObject({ ok: true });
  const health = await fetch(`${TEST_URL}/api/health`, { headers: { connection: "close" } });
  expect(health.status).toBe(200);
}

/** Sends any message of any type and waits for the room's answer to it. */
function answer(player: Player, type: string, message: unknown): Promise<IntentResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${type}`)), 3000);
    const stop = player.room.onMessage("result", (result: IntentResult) => {
      clearTimeout(timer);
      stop();
      resolve(result);
    });
    player.room.send(type, message);
  });
}

const INTENT_TYPES = [
  "proposal/table",
  "proposal/accept",
  "proposal/counter",
  "issue/move",
  "commitment/deliver",
  "chat/team",
  "chat/table",
  "draft/save",
  "phase/advance",
  "event/inject",
  "clock/deadline",
  "match/start",
  "nothing/such",
];

/** Intents shaped like real ones (a known type, plausible and implausible fields) and anything at all. */
const intents = fc.oneof(
  fc.record(
    {
      ref: fc.oneof(fc.string({ maxLength: 60 }), fc.integer()),
      intent: fc.record(
        {
          type: fc.constantFrom(...INTENT_TYPES),
          proposalId: fc.oneof(fc.constantFrom("p1", "p2"), fc.string()),
          issue: fc.oneof(fc.constantFrom("soybeans", "rare-earths"), fc.string()),
          level: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.double()),
          text: fc.string({ maxLength: 700 }),
          package: fc.anything(),
          fraction: fc.double(),
        },
        { requiredKeys: ["type"] },
      ),
    },
    { requiredKeys: ["intent"] },
  ),
  fc.anything(),
);

const messageTypes = fc.oneof(
  { weight: 4, arbitrary: fc.constant("intent") },
  { weight: 1, arbitrary: fc.constant("seat-control") },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
);

describe("fuzzing a live server", () => {
  it("answers every generated message with acceptance or a documented error", async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(messageTypes, intents, async (type, message) => {
        const sender = fuzzTable.senders[sent++ % fuzzTable.senders.length];
        if (!sender) throw new Error("no sender");
        const result = await answer(sender, type, message);
        if (!result.ok)
          expect(DOCUMENTED, `${result.code}: ${result.message}`).toContain(result.code);
        await pause(35);
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it("admits or refuses every generated join (options as the SDK sends them) with a documented code", async () => {
    const options = fc.oneof(
      fc.record(
        {
          code: fc.oneof(fc.constant(fuzzTable.code), fc.string({ maxLength: 20 })),
          name: fc.string({ maxLength: 50 }),
          team: fc.oneof(fc.constantFrom("us", "cn"), fc.string()),
          role: fc.oneof(fc.constantFrom("treasury", "ustr", "negotiator"), fc.string()),
          observer: fc.oneof(fc.constant(true), fc.anything()),
          seatToken: fc.string({ maxLength: 120 }),
          facilitatorSecret: fc.string({ maxLength: 120 }),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
      fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue(), { noNullPrototype: true }),
    );
    await fc.assert(
      fc.asyncProperty(options, async (joinOptions) => {
        const joined = await server.colyseus.sdk
          .joinById(fuzzTable.matchId, joinOptions as Record<string, unknown>)
          .then(
            (room) => room,
            (error: Error) => error,
          );
        if (joined instanceof Error) {
          const code = joined.message.split(":")[0] ?? "";
          expect(DOCUMENTED, joined.message).toContain(code);
        } else await joined.leave();
      }),
      { numRuns: 60 },
    );
    await stillServing();
  });

  it("answers every generated HTTP request, with a documented error for the API", async () => {
    const { hostname, port } = new URL(TEST_URL);
    const segment = fc.oneof(
      fc.constantFrom("api", "matches", "logs", "join", "sessions", "health", "tables", "quick"),
      fc.constantFrom("%", "%ZZ", "%E0%A4%A", "..", "assets", "log", "matchmake", "joinById"),
      fc.stringMatching(/^[A-Za-z0-9._~-]{0,12}$/),
    );
    const path = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map((parts) => `/${parts.join("/")}`);
    const requests = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
      path,
      body: fc.oneof(fc.json(), fc.string({ maxLength: 300 })),
      type: fc.constantFrom(
        "application/json",
        "text/plain",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
      ),
      authorization: fc.oneof(fc.constant(""), fc.string({ maxLength: 80 })),
    });
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, body: payload, type, authorization }) => {
        // A well-framed message: Node sends a DELETE's or an OPTIONS' body without a length.
        const body = method === "GET" || method === "HEAD" ? undefined : payload;
        const { status, text } = await new Promise<{ status: number; text: string }>(
          (resolve, reject) => {
            const sent = request(
              {
                hostname,
                port,
                method,
                path,
                headers: {
                  connection: "close",
                  "content-type": type,
                  ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }),
                  ...(authorization && /^[\x20-\x7e]*$/.test(authorization)
                    ? { authorization: `Bearer ${authorization}` }
                    : {}),
                },
              },
              (response) => {
                let text = "";
                response.on("data", (chunk) => {
                  text += chunk;
                });
                response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
              },
            );
            sent.setTimeout(3000, () => reject(new Error(`no answer to ${method} ${path}`)));
            sent.on("error", reject);
            sent.end(body);
          },
        );
        expect(status).toBeGreaterThanOrEqual(200);
        const unbuilt = status === 503 && (text.includes("not built") || method === "HEAD");
        const matchmaker = path.startsWith("/matchmake/") && status >= 520 && status <= 524;
        expect(unbuilt || matchmaker || status < 500, `${method} ${path} → ${status} ${text}`).toBe(
          true,
        );
        // An API address as the server reads it (`/api/..` is the page's root, `//host/api/x` is
        // `/api/x`); one it cannot read at all is refused with a documented error.
        const read = readablePath(path);
        const api = read === undefined || read.startsWith("/api/");
        if (api && status >= 400 && method !== "HEAD") {
          const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
          expect(DOCUMENTED, `${method} ${path} → ${status} ${text}`).toContain(code);
        }
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });

  it("survives raw WebSocket frames: each connection stays open or closes with a known code", async () => {
    const frames = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .tuple(
          fc.constantFrom(
            Protocol.ROOM_DATA,
            Protocol.ROOM_DATA_BYTES,
            Protocol.JOIN_ROOM,
            Protocol.LEAVE_ROOM,
            Protocol.PING,
          ),
          fc.uint8Array({ maxLength: 300 }),
        )
        .map(([head, rest]) => Uint8Array.from([head, ...rest])),
    );
    let victim = await join(server, fuzzTable.matchId, {
      code: fuzzTable.code,
      observer: true,
      name: "Raw",
    });
    let closed: Promise<number> = new Promise((resolve) => victim.room.onLeave(resolve));
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        victim.room.connection.send(frame);
        const code = await Promise.race([closed, pause(40).then(() => undefined)]);
        if (code === undefined) return;
        expect(CLOSES, `closed with ${code}`).toContain(code);
        victim = await join(server, fuzzTable.matchId, {
          code: fuzzTable.code,
          observer: true,
          name: "Raw",
        });
        closed = new Promise((resolve) => victim.room.onLeave(resolve));
      }),
      { numRuns: 150 },
    );
    await stillServing();
  });
});
