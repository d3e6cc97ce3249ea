import { describe, expect, it } from "vitest";
import { apply, type MatchState, signingCost, trustEffects } from "../../shared/index.ts";
import { act, CN_LEAD, CN_NEGOTIATOR, goTo, newMatch, scenario, US_LEAD } from "./helpers.ts";

const withTrust = (s: MatchState, trust: number): MatchState => ({ ...s, trust });

describe("trust", () => {
  it("scales the capital a lead spends to sign: dearer below 50, cheaper above", () => {
    expect(trustEffects(50)).toEqual({ signing: 1, noise: 0.15 });
    const s = goTo(newMatch(), 1, "table");
    const pkg = { levels: { structural: 2 }, commitments: [], snapback: false };
    const low = signingCost(scenario, withTrust(s, 10), "cn", pkg);
    const mid = signingCost(scenario, withTrust(s, 50), "cn", pkg);
    const high = signingCost(scenario, withTrust(s, 90), "cn", pkg);
    expect(low).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(high);
    const tabled = act(withTrust(s, 10), US_LEAD, { type: "proposal/table", package: pkg });
    const accepted = apply(scenario, tabled, {
      actor: CN_LEAD,
      intent: { type: "proposal/accept", proposalId: "p1" },
    });
    expect(accepted.ok && accepted.events.map((e) => e.text)).toContain(
      `Signing cost ${low} political capital (trust 10: ×${trustEffects(10).signing}).`,
    );
  });

  it("widens the noise of delivery reports when trust is low, and says so in the report", () => {
    expect(trustEffects(0).noise).toBeGreaterThan(trustEffects(100).noise);
    let s = goTo(newMatch(), 1, "table");
    const pkg = {
      levels: { soybeans: 1 },
      commitments: [{ issue: "soybeans", by: "cn", instalments: [{ round: 1, amount: 12 }] }],
      snapback: false,
    };
    s = act(s, CN_NEGOTIATOR, { type: "proposal/table", package: pkg });
    s = act(s, US_LEAD, { type: "proposal/accept", proposalId: "p1" });
    s = goTo(s, 1, "resolution");
    s = act(s, CN_NEGOTIATOR, {
      type: "commitment/deliver",
      commitmentId: "c1",
      instalment: 0,
      fraction: 1,
    });
    const outcome = apply(scenario, withTrust(s, 10), {
      actor: { kind: "facilitator" },
      intent: { type: "phase/advance" },
    });
    const report = outcome.ok
      ? outcome.events.find((e) => e.type === "commitment/reported")
      : undefined;
    expect(report?.text).toMatch(/within ±\d+% at trust \d/);
    const reported = outcome.ok && outcome.state.agreements[0]?.commitments[0]?.instalments[0];
    const width = trustEffects(outcome.ok ? outcome.state.trust : 0).noise;
    expect(Math.abs((reported ? (reported.reported ?? 0) : 0) - 12)).toBeLessThanOrEqual(
      12 * width + 0.1,
    );
  });
});
