import { createEndpoint } from "@colyseus/core";
import { BOT_STRATEGIES, type BotStrategy, type MatchLog } from "../shared/index.ts";
import { CreateSession } from "../shared/protocol.ts";
import { boundedText } from "./bodies.ts";
import type { ServerContext } from "./context.ts";
import { verifyInWorker } from "./imports.ts";
import { sharedScenario } from "./restore.ts";
import { newId } from "./secrets.ts";
import { createSession, SCENARIOS } from "./sessions.ts";

/** Largest log a fork is made from: a class's match is about 100 kB, a fork of it twice that. */
export const MAX_FORK_BYTES = 2 * 1024 * 1024;

/** A refusal, as every route of the HTTP API answers one. */
type Problem = (status: number, code: string, message: string) => Response;

/**
 * `POST /api/forks?at=N&bots=team:strategy,...` with a match log as the body: a new session whose one
 * table plays the log on from entry N ("what if"), a bot in the lead seat of each team named, people
 * in the others (they join by the session's code). Answers like `POST /api/sessions`.
 */
export function forkRoute(
  context: ServerContext,
  throttle: (headers: Headers) => Promise<Response | undefined>,
  problem: Problem,
) {
  return createEndpoint(
    "/api/forks",
    { method: "POST", disableBody: true, requireRequest: true },
    async (ctx) => {
      const refused = await throttle(ctx.request.headers);
      if (refused) return refused;
      const url = new URL(ctx.request.url);
      const at = Number(url.searchParams.get("at") ?? "");
      const bots = (url.searchParams.get("bots") ?? "")
        .split(",")
        .filter(Boolean)
        .map((pair) => pair.split(":"));
      if (!Number.isInteger(at) || at < 0)
        return problem(400, "fork/invalid", "Say where to fork: ?at= an entry number, 0 or more.");
      if (bots.some(([, strategy]) => !BOT_STRATEGIES.includes(strategy as BotStrategy)))
        return problem(
          400,
          "fork/invalid",
          `Name bots as team:strategy, the strategies being ${BOT_STRATEGIES.join(", ")}.`,
        );
      const text = await boundedText(ctx.request, MAX_FORK_BYTES);
      if (text === undefined)
        return problem(
          413,
          "log/too-large",
          `A log to fork may be at most ${MAX_FORK_BYTES / 1024 / 1024} MB.`,
        );
      const matchId = newId("m");
      const verdict = await verifyInWorker({
        text,
        fork: { at, matchId, createdAt: new Date().toISOString() },
      });
      if (!verdict.ok) return Response.json({ ok: false, error: verdict.error }, { status: 422 });
      const header = verdict.fork;
      if (!header) throw new Error("The worker made no fork");
      const { scenario } = header;
      const leads = bots.map(([team]) => ({
        team: team ?? "",
        role: scenario.teams.find((t) => t.id === team)?.roles.find((r) => r.lead)?.id,
      }));
      const unknown = leads.find((b) => !b.role);
      if (unknown)
        return problem(400, "fork/unknown-team", `The scenario has no team "${unknown.team}".`);
      const { signature: _, ...parent } = JSON.parse(text) as MatchLog & { signature?: unknown };
      const request = CreateSession.parse({
        scenarioId: scenario.id,
        rounds: header.settings.rounds,
        implementationRounds: header.settings.implementation,
        preparation: header.settings.preparation ?? false,
        title: `What if: ${scenario.title}, from entry ${at}`.slice(0, 80),
        bots: leads.map((b, i) => ({ ...b, strategy: bots[i]?.[1] })),
      });
      const own = sharedScenario(scenario) === SCENARIOS[scenario.id] ? undefined : scenario;
      const created = await createSession(context, request, own, { header, parent });
      return Response.json(
        {
          ok: true,
          sessionId: created.session.id,
          code: created.session.code,
          facilitatorSecret: created.facilitatorSecret,
          matches: [{ matchId, table: 1 }],
          fork: header.fork,
        },
        { status: 201 },
      );
    },
  );
}
