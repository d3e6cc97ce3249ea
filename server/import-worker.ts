import { parentPort } from "node:worker_threads";
import { useSha256 } from "../shared/hash.ts";
import { type LogHeader, parseJson, replay, startFork } from "../shared/index.ts";
import { nativeSha256Hex } from "./secrets.ts";

/**
 * What the worker answers: the replayed head's summary (and, asked for a fork, the fork's header), or
 * why the log is refused.
 */
export type ImportVerdict =
  | {
      readonly ok: true;
      readonly entries: number;
      readonly hash: string;
      readonly round: number;
      readonly phase: string;
      readonly scores: unknown;
      readonly fork?: LogHeader;
    }
  | { readonly ok: false; readonly error: { code: string; message: string; seq?: number } };

/** What the worker is asked: a log's text, and where to fork it, if a fork is wanted. */
export type ImportRequest = {
  readonly text: string;
  readonly fork?: Pick<LogHeader, "matchId" | "createdAt"> & { readonly at: number };
};

useSha256(nativeSha256Hex);
parentPort?.on("message", ({ text, fork }: ImportRequest) => {
  const json = parseJson(text);
  if (!json.ok) {
    const message = `The file is not valid JSON: ${json.errors.join("; ")}`;
    parentPort?.postMessage({ ok: false, error: { code: "log/not-json", message } });
    return;
  }
  const result = replay(json.value);
  const started = result.ok && fork && startFork(result.log, fork.at, fork);
  if (started && !started.ok) {
    parentPort?.postMessage(started);
    return;
  }
  const verdict: ImportVerdict = result.ok
    ? {
        ok: true,
        entries: result.head.seq,
        hash: result.head.hash,
        round: result.head.state.round,
        phase: result.head.state.phase,
        scores: result.head.state.scores ?? null,
        ...(started && { fork: started.log.header }),
      }
    : { ok: false, error: result.error };
  parentPort?.postMessage(verdict);
});
