import { describe, expect, it } from "vitest";
import {
  type Actor,
  defaultSettings,
  disagreement,
  distanceToFrontier,
  type Intent,
  type LogEntry,
  makeHeader,
  openMatch,
  outcome,
  paretoFrontier,
  replay,
  sealLog,
  step,
} from "../../shared/index.ts";
import {
  CLOCK,
  CN_LEAD,
  CN_NEGOTIATOR,
  FACILITATOR,
  scenario,
  US_LEAD,
  US_USTR,
} from "./helpers.ts";

const header = makeHeader({
  matchId: "kl-full",
  createdAt: "2026-11-28T09:00:00Z",
  scenario,
  seed: 20251030,
  settings: { rounds: 4, implementation: 2 },
});

/** The clock ends a phase, naming it as the server's timer would. */
const tick = (round: number, phase: string): [Actor, Intent] => [
  CLOCK,
  { type: "clock/deadline", round, phase },
];

/**
 * A whole match of the default scenario, played like the real talks: escalation, a framework in
 * Kuala Lumpur, farm aid at home, the summit, and a year of implementation with a late delivery.
 */
const SCRIPT: [Actor, Intent][] = [
  [FACILITATOR, { type: "match/start" }],
  tick(1, "news"),
  [
    US_USTR,
    { type: "chat/team", text: "They moved first on rare earths. Hold the 100% over them." },
  ],
  [CN_NEGOTIATOR, { type: "chat/team", text: "Magnets are our leverage. Beans are our offer." }],
  tick(1, "caucus"),
  [
    US_LEAD,
    { type: "statement/make", text: "We will not be coerced on rare earths.", tone: "firm" },
  ],
  [CN_LEAD, { type: "issue/move", issue: "cn-tariffs", level: 0, inRounds: 0 }],
  [US_USTR, { type: "chat/table", text: "Talks, then. Kuala Lumpur?" }],
  tick(1, "table"),
  tick(1, "resolution"),
  tick(2, "news"),
  tick(2, "caucus"),
  [
    CN_NEGOTIATOR,
    {
      type: "proposal/table",
      package: {
        levels: {
          "us-extra-tariff": 1,
          "us-export-controls": 3,
          "us-fentanyl-tariff": 2,
          "rare-earths": 1,
        },
        commitments: [],
        snapback: false,
      },
      note: "Lift the threat and the 50% rule; we suspend the October rules.",
    },
  ],
  [
    US_USTR,
    {
      type: "proposal/counter",
      proposalId: "p1",
      package: {
        levels: {
          "us-extra-tariff": 1,
          "us-reciprocal-tariff": 2,
          "us-fentanyl-tariff": 1,
          "us-export-controls": 2,
          "cn-tariffs": 2,
          "rare-earths": 1,
          soybeans: 2,
          "fentanyl-precursors": 1,
          "us-port-fees": 1,
          "cn-port-fees": 1,
        },
        commitments: [
          {
            issue: "soybeans",
            by: "cn",
            instalments: [
              { round: 5, amount: 12 },
              { round: 6, amount: 25 },
            ],
          },
        ],
        snapback: true,
      },
      note: "The Kuala Lumpur framework.",
    },
  ],
  [CN_LEAD, { type: "proposal/accept", proposalId: "p2" }],
  tick(2, "table"),
  tick(2, "resolution"),
  tick(3, "news"),
  tick(3, "caucus"),
  [US_LEAD, { type: "statement/make", text: "A basic consensus.", tone: "conciliatory" }],
  [US_LEAD, { type: "issue/move", issue: "us-farm-aid", level: 1, inRounds: 0 }],
  tick(3, "table"),
  tick(3, "resolution"),
  tick(4, "news"),
  tick(4, "caucus"),
  tick(4, "table"),
  [US_LEAD, { type: "summit/endorse", endorse: true }],
  [CN_LEAD, { type: "summit/endorse", endorse: true }],
  tick(4, "summit"),
  tick(4, "resolution"),
  tick(5, "news"),
  tick(5, "caucus"),
  tick(5, "table"),
  [CN_NEGOTIATOR, { type: "commitment/deliver", commitmentId: "c1", instalment: 0, fraction: 0.6 }],
  tick(5, "resolution"),
  tick(6, "news"),
  tick(6, "caucus"),
  tick(6, "table"),
  [CN_NEGOTIATOR, { type: "commitment/deliver", commitmentId: "c1", instalment: 1, fraction: 1 }],
  tick(6, "resolution"),
];

describe("a whole match of Kuala Lumpur 2025", () => {
  it("plays from setup to the summit through apply alone, and replays from its log", () => {
    let head = openMatch(header);
    const entries: LogEntry[] = [];
    SCRIPT.forEach(([actor, intent], i) => {
      const result = step(scenario, head, { actor, intent }, Date.UTC(2025, 9, 25) + i * 60_000);
      if (!result.ok)
        throw new Error(`step ${i + 1} (${intent.type}) refused: ${result.error.message}`);
      head = result.head;
      entries.push(result.entry);
    });
    const final = head.state;
    expect(final.phase).toBe("ended");
    expect(final.levels).toEqual(scenario.reference.levels);
    expect(final.levels["us-extra-tariff"]).toBe(1);
    expect(final.threats).toEqual([]);
    const reports = final.agreements[0]?.commitments[0]?.instalments.map((i) => i.reported);
    expect(reports?.every((r) => typeof r === "number")).toBe(true);
    expect(final.framework).toBe("endorsed");
    expect(final.scores?.us?.summitBonus).toBe(scenario.scoring.summitBonus);
    expect(final.scores?.cn?.summitBonus).toBe(scenario.scoring.summitBonus);
    expect(final.scores?.cn?.compliance).toBe(-0.4 * scenario.scoring.missPenalty);
    expect(final.scores?.us?.compliance).toBe(0);
    expect(final.levelHistory).toHaveLength(6);
    expect(final.market.history).toHaveLength(7);

    const replayed = replay(JSON.parse(JSON.stringify(sealLog(header, entries))));
    expect(replayed.ok && replayed.head.hash).toBe(head.hash);
    expect(replayed.ok && replayed.head.state).toEqual(final);
  });

  it("lands the Busan-like deal nearer the frontier than no deal", () => {
    const frontier = paretoFrontier(scenario);
    const busan = distanceToFrontier(frontier, outcome(scenario, scenario.reference.levels));
    expect(busan).toBeLessThan(
      distanceToFrontier(frontier, disagreement(scenario, defaultSettings(scenario))),
    );
  });
});
