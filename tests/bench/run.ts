/**
 * `npm run bench [-- rules server client cluster]`: runs the benchmarks (all by default), prints their
 * tables, and writes the figures to test-output/bench/results.json and the latency chart to
 * test-output/bench/latency.svg. Speed is measured here, never asserted in tests.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { benchClient, clientTable } from "./client.ts";
import { benchCluster, clusterTable } from "./cluster.ts";
import { benchRules, type RulesFigures, rulesTable } from "./rules.ts";
import { benchServer, capacity, type ServerFigures, serverTable } from "./server.ts";

const PARTS = ["rules", "server", "client", "cluster"] as const;
const asked = process.argv.slice(2).filter((a) => (PARTS as readonly string[]).includes(a));
const parts = asked.length ? asked : [...PARTS];
const out = resolve(import.meta.dirname, "../../test-output/bench");
mkdirSync(out, { recursive: true });

/** Latency against the number of matches, ours and bare, as a small SVG line chart. */
function latencyChart(server: ServerFigures): string {
  const w = 640;
  const h = 360;
  const pad = 50;
  const max = Math.max(...server.runs.flatMap((r) => [r.ours.p99, r.bare.p99])) * 1.1;
  const xs = server.runs.map(
    (_, i) => pad + (i / Math.max(1, server.runs.length - 1)) * (w - 2 * pad),
  );
  const y = (ms: number) => h - pad - (ms / max) * (h - 2 * pad);
  const line = (pick: (r: ServerFigures["runs"][number]) => number, color: string, dash = "") =>
    `<polyline fill="none" stroke="${color}" stroke-width="3" ${dash ? `stroke-dasharray="${dash}"` : ""} points="${server.runs.map((r, i) => `${xs[i]},${y(pick(r))}`).join(" ")}"/>`;
  const labels = server.runs
    .map(
      (r, i) =>
        `<text x="${xs[i]}" y="${h - pad + 20}" text-anchor="middle">${r.matches} matches × 4</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="13">
<title>Intent-to-patch latency against load, Trade Truce and a bare Colyseus room</title>
<rect width="100%" height="100%" fill="white"/>
<text x="${pad}" y="24" font-size="15">Intent-to-patch latency (ms): Trade Truce against a bare Colyseus room</text>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#888"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#888"/>
<text x="${pad - 8}" y="${y(max / 1.1)}" text-anchor="end">${Math.round(max / 1.1)}</text><text x="${pad - 8}" y="${h - pad}" text-anchor="end">0</text>
${line((r) => r.ours.p99, "#d55e00")}${line((r) => r.ours.p50, "#d55e00", "6 4")}${line((r) => r.bare.p99, "#0072b2")}${line((r) => r.bare.p50, "#0072b2", "6 4")}
${labels}
<text x="${w - pad}" y="${pad}" text-anchor="end" fill="#d55e00">ours: p99 solid, p50 dashed</text>
<text x="${w - pad}" y="${pad + 18}" text-anchor="end" fill="#0072b2">bare room: p99 solid, p50 dashed</text>
</svg>
`;
}

/** The figures the performance targets are stated in, under stable keys (absent when their part did not run). */
function targets(rules?: RulesFigures, server?: ServerFigures) {
  const at250 = server?.runs.find((r) => r.matches === 250);
  const replay = (entries: number) => rules?.replays.find((r) => r.entries === entries);
  const perEntry = (r?: RulesFigures["replays"][number]) => r && (r.nativeMs * 1000) / r.entries;
  const ten = replay(10_000);
  const most = server && capacity(server);
  return {
    p99OursOverBare250: at250 && at250.ours.p99 / at250.bare.p99,
    cpuOursOverBare250: at250 && at250.ours.cpu / at250.bare.cpu,
    rssPerActiveMatchMb250: at250?.ours.rssPerMatchMb,
    replay10kOverParse:
      replay(10_000) && (replay(10_000)?.nativeMs ?? 0) / (replay(10_000)?.parseMs ?? 1),
    replayMicrosPerEntry10k: perEntry(ten),
    replayMicrosPerEntry100k: perEntry(replay(100_000)),
    matchesAtP99Under100: most,
    matchesAtP99Under100OursOverBare: most && most.ours / Math.max(1, most.bare),
  };
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
};
console.log(
  `Trade Truce benchmarks — ${results.date}, Node ${process.version}, ${results.cpus} × ${results.cpu}\n`,
);
for (const part of parts) {
  const started = performance.now();
  if (part === "rules") {
    const figures = await benchRules();
    results.rules = figures;
    console.log(`## Rules\n\n${rulesTable(figures)}`);
  } else if (part === "server") {
    const figures = await benchServer();
    results.server = figures;
    writeFileSync(resolve(out, "latency.svg"), latencyChart(figures));
    console.log(`## Server\n\n${serverTable(figures)}`);
  } else if (part === "client") {
    const figures = await benchClient();
    results.client = figures;
    console.log(`## Client\n\n${clientTable(figures)}`);
  } else {
    const figures = await benchCluster();
    results.cluster = figures;
    console.log(`## Cluster\n\n${clusterTable(figures)}`);
  }
  console.log(`\n(${part}: ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}
results.targets = targets(
  results.rules as RulesFigures | undefined,
  results.server as ServerFigures | undefined,
);
console.log(`## Against the targets\n\n${JSON.stringify(results.targets, null, 2)}`);
writeFileSync(resolve(out, "results.json"), JSON.stringify(results, null, 2));
process.exit(0);
