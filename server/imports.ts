import { Worker } from "node:worker_threads";
import type { ImportRequest, ImportVerdict } from "./import-worker.ts";

/** How long a log's replay may take before the import is refused. */
export const IMPORT_BUDGET_MS = 10_000;

/** The worker runs TypeScript as the server does: it registers tsx's loader, then loads the worker. */
const BOOT = `import("tsx/esm/api").then(({ register }) => {
  register();
  return import(${JSON.stringify(new URL("./import-worker.ts", import.meta.url).href)});
});`;

/**
 * Replays a log's text in a worker thread (and starts a fork of it, if asked), so that however
 * crafted, it never stalls the tables being played; a replay over the time budget is stopped and
 * refused.
 */
export function verifyInWorker(
  request: ImportRequest,
  budgetMs = IMPORT_BUDGET_MS,
): Promise<ImportVerdict> {
  const worker = new Worker(BOOT, { eval: true });
  return new Promise<ImportVerdict>((resolve) => {
    const timer = setTimeout(() => {
      resolve({
        ok: false,
        error: {
          code: "log/too-slow",
          message: `Replaying this log took over ${budgetMs / 1000} s: it is refused.`,
        },
      });
      void worker.terminate();
    }, budgetMs);
    worker.once("message", (verdict: ImportVerdict) => {
      clearTimeout(timer);
      resolve(verdict);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: { code: "log/invalid", message: error.message } });
    });
    worker.postMessage(request);
  });
}
