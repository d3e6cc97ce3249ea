import { parentPort } from "node:worker_threads";
import { useSha256 } from "../shared/hash.ts";
import { parseJson, replay } from "../shared/index.ts";
import { nativeSha256Hex } from "./secrets.ts";

/** What the worker answers: the replayed head's summary, or why the log is refused. */
export type ImportVerdict =
  | {
      readonly ok: true;
      readonly entries: number;
      readonly hash: string;
      readonly round: number;
      readonly phase: string;
      readonly scores: unknown;
    }
  | { readonly ok: false; readonly error: { code: string; message: string; seq?: number } };

useSha256(nativeSha256Hex);
parentPort?.on("message", (text: string) => {
  const json = parseJson(text);
  if (!json.ok) {
    const message = `The file is not valid JSON: ${json.errors.join("; ")}`;
    parentPort?.postMessage({ ok: false, error: { code: "log/not-json", message } });
    return;
  }
  const result = replay(json.value);
  const verdict: ImportVerdict = result.ok
    ? {
        ok: true,
        entries: result.head.seq,
        hash: result.head.hash,
        round: result.head.state.round,
        phase: result.head.state.phase,
        scores: result.head.state.scores ?? null,
      }
    : { ok: false, error: result.error };
  parentPort?.postMessage(verdict);
});
