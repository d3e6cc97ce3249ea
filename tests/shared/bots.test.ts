import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agreedLevels,
  BOT_STRATEGIES,
  type BotStrategy,
  crossedRedLines,
  decide,
  NICE_CONCESSION,
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
import { act, CN_LEAD, goTo, newMatch, scenario, US_LEAD } from "./helpers.ts";

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
    const early = (c: number[]) => 100 - (c[2] ?? 0);
    const late = (c: number[]) => (c[2] ?? 0) - (c[4] ?? 0);
    expect(early(conceder)).toBeGreaterThan(early(linear));
    expect(early(linear)).toBeGreaterThan(early(boulware));
    expect(late(boulware)).toBeGreaterThan(early(boulware));
    expect(late(conceder)).toBeLessThan(early(conceder));
    expect(offersOverTime("hardliner").every((v) => v >= 90)).toBe(true);
  });

  it("gives back in tit-for-tat what the other side has given, and opens with a concession of its own", () => {
    let state = goTo(newMatch(), 1, "table");
    const table = (levels: Record<string, number>) => {
      state = act(state, US_LEAD, {
        type: "proposal/table",
        package: { levels, commitments: [], snapback: false },
      });
    };
    const value = (levels: Record<string, number>) =>
      utility(scenario, "cn", { ...state.levels, ...levels });
    const first = { "us-export-controls": 0, "us-extra-tariff": 0 };
    const third = { "us-export-controls": 2, "us-extra-tariff": 0 };
    table(first);
    table({ "us-export-controls": 1, "us-extra-tariff": 0 });
    table(third);
    const given = value(third) - value(first);
    expect(given).toBeGreaterThan(0);
    const aim = target("tit-for-tat", onlyOwn("cn"), viewFor(scenario, state, CN), "cn");
    expect(OPENING - aim.value).toBeCloseTo(given, 5);
    expect(aim.why).toContain("tit-for-tat");
    state = act(state, CN_LEAD, {
      type: "proposal/table",
      package: { levels: { "us-export-controls": 3 }, commitments: [], snapback: false },
    });
    const after = target("tit-for-tat", onlyOwn("cn"), viewFor(scenario, state, CN), "cn").value;
    expect(OPENING - after).toBeCloseTo(given + NICE_CONCESSION, 5);
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

  it("never offer or accept a package that crosses their own red lines, nor act for a person on their team", () => {
    for (const [seed, us, cn] of [
      [1, "conceder", "boulware"],
      [2, "tit-for-tat", "agent-k"],
      [3, "linear", "conceder"],
      [4, "agent-k", "tit-for-tat"],
    ] as const) {
      const { log } = simulate(scenario, {
        seed,
        rounds: 4,
        implementation: 2,
        strategies: { us, cn },
        compliance: 0.5,
      });
      let before = newMatch(seed);
      let checked = 0;
      replay(log, (head, entry) => {
        const { actor, intent } = entry.command;
        if (actor.kind === "player") {
          const pkg =
            intent.type === "proposal/accept"
              ? before.proposals.find((p) => p.id === intent.proposalId)?.package
              : intent.type === "proposal/table" || intent.type === "proposal/counter"
                ? intent.package
                : undefined;
          if (pkg) {
            checked += 1;
            const outcome = { ...agreedLevels(before), ...pkg.levels };
            expect(crossedRedLines(scenario, actor.team, outcome), intent.type).toEqual([]);
          }
          const view = viewFor(scenario, before, {
            kind: "team",
            team: actor.team,
            role: actor.role,
          });
          const beside = decide(
            onlyOwn(actor.team),
            view,
            { strategy: us, compliance: 1, seed },
            { people: true },
          );
          expect([
            "team/ready",
            "proposal/accept",
            "summit/endorse",
            "agreement/snapback",
          ]).not.toContain(beside.intent?.type);
        }
        before = head.state;
      });
      expect(checked).toBeGreaterThan(2);
    }
  });

  it("reach agreement on most seeds as two nice tit-for-tat bots", () => {
    const deals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter(
      (seed) =>
        simulate(scenario, {
          seed,
          rounds: 4,
          implementation: 0,
          strategies: { us: "tit-for-tat", cn: "tit-for-tat" },
          compliance: 1,
        }).head.state.agreements.length > 0,
    );
    expect(deals.length).toBeGreaterThan(5);
  });

  it("play a different match on a different seed in every pairing but the hardliner's", () => {
    const strategies = BOT_STRATEGIES.filter((s) => s !== "hardliner");
    for (const us of strategies)
      for (const cn of strategies) {
        const run = (seed: number) =>
          simulate(scenario, {
            seed,
            rounds: 3,
            implementation: 0,
            strategies: { us, cn },
            compliance: 1,
          }).head.hash;
        expect(run(21), `${us} vs ${cn}`).not.toBe(run(22));
      }
  });
});
