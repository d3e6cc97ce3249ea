import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BOT_STRATEGIES,
  type BotStrategy,
  decide,
  OPENING,
  publicScenario,
  replay,
  scenarioFor,
  simulate,
  target,
  teamSecrets,
  utility,
  viewFor,
} from "../../shared/index.ts";
import { act, goTo, newMatch, scenario, US_LEAD } from "./helpers.ts";

const CN = { kind: "team" as const, team: "cn", role: "vice-premier" };
const onlyOwn = (team: string) => {
  const secrets = teamSecrets(scenario, team);
  return scenarioFor(publicScenario(scenario), secrets ? { [team]: secrets } : {});
};

/** The utility of the offer a China bot makes at the table of each round of a 5-round match. */
function offersOverTime(strategy: BotStrategy): number[] {
  return [1, 2, 3, 4, 5].map((round) => {
    let state = goTo(newMatch(3, 5), round, "table");
    state = act(state, US_LEAD, {
      type: "proposal/table",
      package: { levels: { structural: 2, "rare-earths": 2 }, commitments: [], snapback: false },
    });
    const decision = decide(onlyOwn("cn"), viewFor(scenario, state, CN), {
      strategy,
      compliance: 1,
      seed: 1,
    });
    const intent = decision.intent;
    if (intent?.type !== "proposal/counter")
      throw new Error(`expected a counter, got ${intent?.type}: ${decision.reason}`);
    return utility(scenario, "cn", { ...state.levels, ...intent.package.levels });
  });
}

describe("bots", () => {
  it("concede as their names promise: Boulware late, Conceder early, Linear in between", () => {
    const boulware = offersOverTime("boulware");
    const linear = offersOverTime("linear");
    const conceder = offersOverTime("conceder");
    for (const curve of [boulware, linear, conceder])
      for (let i = 1; i < curve.length; i++)
        expect(curve[i]).toBeLessThanOrEqual((curve[i - 1] ?? 100) + 1e-9);
    const early = (c: number[]) => (c[0] ?? 0) - (c[2] ?? 0);
    const late = (c: number[]) => (c[2] ?? 0) - (c[4] ?? 0);
    expect(early(conceder)).toBeGreaterThan(early(linear));
    expect(early(linear)).toBeGreaterThan(early(boulware));
    expect(late(boulware)).toBeGreaterThan(early(boulware));
    expect(late(conceder)).toBeLessThan(early(conceder));
    expect(offersOverTime("hardliner").every((v) => v >= 90)).toBe(true);
  });

  it("reciprocates concessions one for one when playing tit-for-tat", () => {
    let state = goTo(newMatch(), 1, "table");
    const table = (levels: Record<string, number>) => {
      state = act(state, US_LEAD, {
        type: "proposal/table",
        package: { levels, commitments: [], snapback: false },
      });
    };
    table({ "us-export-controls": 0, "us-extra-tariff": 0 });
    table({ "us-export-controls": 1, "us-extra-tariff": 0 });
    const before = target("tit-for-tat", onlyOwn("cn"), viewFor(scenario, state, CN), "cn").value;
    table({ "us-export-controls": 2, "us-extra-tariff": 0 });
    const after = target("tit-for-tat", onlyOwn("cn"), viewFor(scenario, state, CN), "cn");
    const gained =
      utility(scenario, "cn", { ...state.levels, "us-export-controls": 2, "us-extra-tariff": 0 }) -
      utility(scenario, "cn", { ...state.levels, "us-export-controls": 1, "us-extra-tariff": 0 });
    expect(gained).toBeGreaterThan(0);
    expect(OPENING - after.value).toBeCloseTo(gained, 5);
    expect(OPENING - before).not.toBeCloseTo(gained, 5);
    expect(after.why).toContain("tit-for-tat");
  });

  it("decide the same with or without the other team's brief: they never use it", () => {
    const state = act(goTo(newMatch(), 2, "table"), US_LEAD, {
      type: "proposal/table",
      package: { levels: { soybeans: 2, "rare-earths": 2 }, commitments: [], snapback: false },
    });
    for (const strategy of BOT_STRATEGIES) {
      const bot = { strategy, compliance: 0.7, seed: 9 };
      expect(decide(onlyOwn("cn"), viewFor(scenario, state, CN), bot)).toEqual(
        decide(scenario, viewFor(scenario, state, CN), bot),
      );
    }
  });

  it("explain every decision, and every simulated match replays", () => {
    const { log, refusals } = simulate(scenario, {
      seed: 5,
      rounds: 4,
      strategies: { us: "tit-for-tat", cn: "conceder" },
      compliance: 0.6,
      implementation: 2,
    });
    expect(refusals).toEqual([]);
    const botEntries = log.entries.filter((e) => e.command.actor.kind === "player");
    expect(botEntries.length).toBeGreaterThan(4);
    for (const entry of botEntries) expect(entry.command.note?.length).toBeGreaterThan(5);
    expect(replay(JSON.parse(JSON.stringify(log))).ok).toBe(true);
  });

  it("never issue a command the rules refuse, across seeded matches of every pairing", () => {
    fc.assert(
      fc.property(
        fc.nat(0xffffffff),
        fc.constantFrom(...BOT_STRATEGIES),
        fc.constantFrom(...BOT_STRATEGIES),
        fc.integer({ min: 2, max: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, us, cn, rounds, compliance) => {
          const { refusals, head } = simulate(scenario, {
            seed,
            rounds,
            implementation: 2,
            strategies: { us, cn },
            compliance,
          });
          expect(refusals).toEqual([]);
          expect(head.state.phase).toBe("ended");
        },
      ),
      { numRuns: 40 },
    );
  });

  it("give the same log for the same seed and different ones for different seeds", () => {
    const run = (seed: number) =>
      JSON.stringify(
        simulate(scenario, {
          seed,
          rounds: 4,
          strategies: { us: "tit-for-tat", cn: "linear" },
          compliance: 0.5,
          implementation: 2,
        }).log,
      );
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  });

  it("deliver as reliably as their compliance, and snap back when the other side's delivery is reported short", () => {
    const reliable = simulate(scenario, {
      seed: 2,
      rounds: 4,
      strategies: { us: "linear", cn: "linear" },
      compliance: 1,
      implementation: 2,
    });
    const delivered = reliable.head.state.agreements.flatMap((a) =>
      a.commitments.flatMap((c) => c.instalments.map((i) => i.delivered)),
    );
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.every((d) => d === undefined || d === 1)).toBe(true);
    const flaky = [1, 2, 3, 4, 5, 6].map((seed) =>
      simulate(scenario, {
        seed,
        rounds: 4,
        strategies: { us: "tit-for-tat", cn: "conceder" },
        compliance: 0,
        implementation: 2,
      }),
    );
    expect(
      flaky.some((s) => s.log.entries.some((e) => e.command.intent.type === "agreement/snapback")),
    ).toBe(true);
  });
});
