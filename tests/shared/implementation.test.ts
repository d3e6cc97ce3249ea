import { describe, expect, it } from "vitest";
import type { MatchState, Package } from "../../shared/index.ts";
import {
  act,
  BUSAN,
  CN_LEAD,
  CN_NEGOTIATOR,
  FACILITATOR,
  goTo,
  newMatch,
  playToEnd,
  refused,
  scenario,
  US_LEAD,
} from "./helpers.ts";

const framework: Package = {
  ...BUSAN,
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
};

/** The framework agreed in round 2; China delivers `fraction` of each instalment; the US snaps back when it may. */
function implement(fraction: number): MatchState {
  let s = goTo(newMatch(11), 2, "table");
  s = act(s, US_LEAD, { type: "proposal/table", package: framework });
  s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
  while (s.phase !== "ended") {
    const agreement = s.agreements[0];
    const commitment = agreement?.commitments[0];
    if (s.phase === "resolution" && commitment)
      commitment.instalments.forEach((inst, instalment) => {
        if (
          inst.round === s.round &&
          inst.delivered === undefined &&
          agreement.status === "in-force"
        )
          s = act(s, CN_NEGOTIATOR, {
            type: "commitment/deliver",
            commitmentId: commitment.id,
            instalment,
            fraction,
          });
      });
    if (s.phase === "table" && agreement?.status === "in-force") {
      const snap = { type: "agreement/snapback" as const, agreementId: agreement.id };
      if (s.round === 6 && fraction < 0.9) s = act(s, US_LEAD, snap);
    }
    if (s.phase === "summit") {
      s = act(s, US_LEAD, { type: "summit/endorse", endorse: true });
      s = act(s, CN_LEAD, { type: "summit/endorse", endorse: true });
    }
    s = act(s, FACILITATOR, { type: "phase/advance" });
  }
  return s;
}

describe("implementation", () => {
  it("runs two rounds after the summit in which deliveries fall due and are reported late", () => {
    const s = implement(1);
    expect(s.levelHistory).toHaveLength(6);
    const reports = s.agreements[0]?.commitments[0]?.instalments.map((i) => i.reported);
    expect(reports?.every((r) => typeof r === "number")).toBe(true);
  });

  it("costs a defaulter at least 5 points against a side that snaps back", () => {
    const kept = implement(1);
    const broken = implement(0);
    expect(broken.agreements[0]?.status).toBe("snapped-back");
    expect(broken.levels["us-extra-tariff"]).toBe(0);
    expect(broken.levels["us-reciprocal-tariff"]).toBe(0);
    const loss = (kept.scores?.cn?.total ?? 0) - (broken.scores?.cn?.total ?? 0);
    expect(loss).toBeGreaterThanOrEqual(5);
    expect(broken.scores?.cn?.compliance).toBeLessThan(0);
  });

  it("records a unilateral move against an agreed term as a breach, which lets the other side snap back", () => {
    let s = goTo(newMatch(), 2, "table");
    s = act(s, US_LEAD, { type: "proposal/table", package: { ...framework, snapback: false } });
    s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    s = goTo(s, 3, "table");
    expect(refused(s, CN_LEAD, { type: "agreement/snapback", agreementId: "a1" })).toBe(
      "agreement/no-snapback",
    );
    const trust = s.trust;
    s = act(s, US_LEAD, { type: "issue/move", issue: "us-fentanyl-tariff", level: 0, inRounds: 0 });
    expect(s.breaches).toEqual([
      { round: 3, team: "us", agreementId: "a1", issue: "us-fentanyl-tariff", agreed: 1, level: 0 },
    ]);
    expect(s.trust).toBe(trust - 25);
    const snapped = act(s, CN_LEAD, { type: "agreement/snapback", agreementId: "a1" });
    expect(snapped.agreements[0]?.status).toBe("snapped-back");
    expect(snapped.levels["rare-earths"]).toBe(1);
    expect(snapped.threats.some((t) => t.issue === "rare-earths" && t.level === 0)).toBe(true);
    s = playToEnd(s);
    expect(s.scores?.us?.compliance).toBe(-scenario.scoring.breachPenalty);
  });
});
