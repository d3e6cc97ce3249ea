import { describe, expect, it } from "vitest";
import {
  type Actor,
  entryHash,
  genesisHash,
  type Intent,
  LOG_VERSION,
  type LogEntry,
  type MatchLog,
  makeHeader,
  openMatch,
  RULES_VERSION,
  replay,
  replayText,
  sealLog,
  step,
} from "../../shared/index.ts";
import { CN_LEAD, CN_NEGOTIATOR, FACILITATOR, scenario, US_LEAD } from "./helpers.ts";

const header = makeHeader({
  matchId: "m-test",
  createdAt: "2026-11-28T10:00:00Z",
  scenario,
  seed: 42,
  settings: { rounds: 2, implementation: 0 },
});

/** Plays a short match and returns its sealed log. */
function recorded(): MatchLog {
  const script: [Actor, Intent][] = [
    [FACILITATOR, { type: "match/start" }],
    [FACILITATOR, { type: "phase/advance" }],
    [CN_NEGOTIATOR, { type: "chat/team", text: "Offer beans, not magnets" }],
    [FACILITATOR, { type: "phase/advance" }],
    [
      US_LEAD,
      {
        type: "proposal/table",
        package: {
          levels: { "rare-earths": 2, "us-extra-tariff": 1 },
          commitments: [],
          snapback: false,
        },
      },
    ],
    [CN_LEAD, { type: "proposal/accept", proposalId: "p1" }],
    [FACILITATOR, { type: "phase/advance" }],
    [FACILITATOR, { type: "phase/advance" }],
  ];
  let head = openMatch(header);
  const entries: LogEntry[] = [];
  script.forEach(([actor, intent], i) => {
    const result = step(scenario, head, { actor, intent }, 1_000 * (i + 1));
    if (!result.ok) throw new Error(result.error.message);
    head = result.head;
    entries.push(result.entry);
  });
  return sealLog(header, entries);
}

/** Recomputes a log's hash chain after an edit, as a forger who knows the format would. */
function rechain(log: MatchLog): MatchLog {
  let previous = genesisHash(log.header);
  const entries = log.entries.map(({ hash: _, ...fields }) => {
    previous = entryHash(previous, fields);
    return { ...fields, hash: previous };
  });
  return sealLog(log.header, entries);
}

describe("match logs", () => {
  it("replays a recorded log to the same state and final hash", () => {
    const log = recorded();
    const result = replayText(JSON.stringify(log));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.head.seq).toBe(8);
    expect(result.head.hash).toBe(log.entries[7]?.hash);
    expect(result.head.state.levels["rare-earths"]).toBe(2);
  });

  it("chains each entry's hash to the one before, so identical commands hash differently", () => {
    const hashes = recorded().entries.map((e) => e.hash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("reports the first tampered entry", () => {
    const log = structuredClone(recorded());
    const entry = log.entries[4];
    if (entry?.command.intent.type !== "proposal/table") throw new Error("fixture");
    entry.command.intent.package.levels["rare-earths"] = 0;
    const result = replay(log);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: "log/hash-mismatch", seq: 5 });
  });

  it("reports a changed time or actor as tampering too", () => {
    const log = structuredClone(recorded());
    const entry = log.entries[2];
    if (!entry) throw new Error("fixture");
    entry.at += 1;
    const result = replay(log);
    expect(!result.ok && result.error.seq).toBe(3);
    const swapped = structuredClone(recorded());
    const accept = swapped.entries[5];
    if (!accept) throw new Error("fixture");
    accept.command.actor = US_LEAD;
    expect(replay(swapped)).toMatchObject({ error: { code: "log/hash-mismatch", seq: 6 } });
    const refused = replay(rechain(swapped));
    expect(!refused.ok && refused.error).toMatchObject({ code: "log/rejected", seq: 6 });
  });

  it("digests the state at every phase change and every N entries, and nowhere else", () => {
    const checkpoints = recorded()
      .entries.filter((e) => e.checkpoint)
      .map((e) => e.seq);
    expect(checkpoints).toEqual([1, 2, 4, 7, 8]);
    let head = openMatch(makeHeader({ ...header, checkpointEvery: 3 }));
    const seqs: number[] = [];
    const commands: [Actor, Intent][] = [
      [FACILITATOR, { type: "match/start" }],
      ...Array.from({ length: 6 }, (_, i): [Actor, Intent] => [
        CN_NEGOTIATOR,
        { type: "chat/team", text: `line ${i}` },
      ]),
    ];
    for (const [actor, intent] of commands) {
      const result = step(scenario, head, { actor, intent }, 1000);
      if (!result.ok) throw new Error(result.error.message);
      head = result.head;
      if (result.entry.checkpoint) seqs.push(result.entry.seq);
    }
    expect(seqs).toEqual([1, 3, 6]);
  });

  it("refuses at the checkpoint a log whose entries chain but whose state digest is wrong, missing or out of place", () => {
    const wrong = structuredClone(recorded());
    const checkpoint = wrong.entries[3];
    if (!checkpoint?.checkpoint) throw new Error("fixture: entry 4 is a checkpoint");
    checkpoint.checkpoint = "0".repeat(64);
    expect(replay(wrong)).toMatchObject({ error: { code: "log/hash-mismatch", seq: 4 } });
    expect(replay(rechain(wrong))).toMatchObject({ error: { code: "log/state-mismatch", seq: 4 } });

    const missing = structuredClone(recorded());
    delete missing.entries[3]?.checkpoint;
    expect(replay(rechain(missing))).toMatchObject({
      error: { code: "log/state-mismatch", seq: 4 },
    });

    const extra = structuredClone(recorded());
    const chat = extra.entries[2];
    if (!chat) throw new Error("fixture");
    chat.checkpoint = checkpoint.checkpoint;
    expect(replay(rechain(extra))).toMatchObject({
      error: { code: "log/state-mismatch", seq: 3 },
    });
  });

  it("catches a state that diverges between checkpoints at the next one", () => {
    const diverged = structuredClone(recorded());
    const chat = diverged.entries[2];
    if (chat?.command.intent.type !== "chat/team" || chat.checkpoint) throw new Error("fixture");
    chat.command.intent.text = "Offer magnets after all";
    expect(replay(rechain(diverged))).toMatchObject({
      error: { code: "log/state-mismatch", seq: 4 },
    });
  });

  it("reports a changed scenario in the header at the first entry", () => {
    const log = structuredClone(recorded());
    const issue = log.header.scenario.issues[0];
    if (!issue) throw new Error("fixture");
    issue.label = "A friendlier label";
    const result = replay(log);
    expect(!result.ok && result.error).toMatchObject({ code: "log/hash-mismatch", seq: 1 });
  });

  it("reports a sealed log cut short, and a gap in the sequence", () => {
    const cut = structuredClone(recorded());
    cut.entries.pop();
    const truncated = replay(cut);
    expect(!truncated.ok && truncated.error.code).toBe("log/truncated");
    const gap = structuredClone(recorded());
    gap.entries.splice(3, 1);
    const result = replay(gap);
    expect(!result.ok && result.error).toMatchObject({ code: "log/sequence", seq: 5 });
  });

  it("refuses files that are not JSON or not logs with the reason, never throwing", () => {
    const notJson = replayText('{"format": "trade-truce/match-log", "entries": [');
    expect(!notJson.ok && notJson.error.code).toBe("log/not-json");
    const wrong = replay({ format: "something-else", version: 1, entries: "none" });
    expect(!wrong.ok && wrong.error.code).toBe("log/invalid");
    expect(!wrong.ok && wrong.error.message).toContain("format");
    const badScenario = structuredClone(recorded()) as unknown as {
      header: { scenario: { issues: unknown[] } };
    };
    badScenario.header.scenario.issues = [];
    const invalid = replay(badScenario);
    expect(!invalid.ok && invalid.error.message).toContain(
      "header.scenario.issues: at least 1 issue",
    );
  });

  it("refuses a log of another format or rules version, naming both versions", () => {
    const log = structuredClone(recorded()) as unknown as Record<string, unknown>;
    const old = { ...log, version: 1, header: { ...(log.header as object), version: undefined } };
    const result = replay(old);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("log/version");
      expect(result.error.message).toContain("log format 1 and rules 1");
      expect(result.error.message).toContain(
        `log format ${LOG_VERSION} with rules ${RULES_VERSION}`,
      );
    }
    const otherRules = { ...log, header: { ...(log.header as object), rules: 7 } };
    const refused = replay(otherRules);
    expect(!refused.ok && refused.error.message).toContain("rules 7");
  });
});
