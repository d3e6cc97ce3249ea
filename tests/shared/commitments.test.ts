import { describe, expect, it } from "vitest";
import { dueInstalments, type MatchState, type Package } from "../../shared/index.ts";
import {
  act,
  CN_LEAD,
  CN_NEGOTIATOR,
  goTo,
  newMatch,
  refused,
  US_LEAD,
  US_USTR,
} from "./helpers.ts";

const deal: Package = {
  levels: { soybeans: 2, "us-export-controls": 2 },
  commitments: [
    {
      issue: "soybeans",
      by: "cn",
      instalments: [
        { round: 2, amount: 12 },
        { round: 3, amount: 25 },
      ],
    },
  ],
  snapback: true,
};

/** A match where China promised soybeans in rounds 2 and 3, now in round 2's resolution. */
function promised(seed = 7): MatchState {
  const tabled = act(goTo(newMatch(seed), 1, "table"), US_LEAD, {
    type: "proposal/table",
    package: deal,
  });
  return goTo(act(tabled, CN_LEAD, { type: "proposal/accept", proposalId: "p1" }), 2, "resolution");
}
const commitment = (s: MatchState) => s.agreements[0]?.commitments[0];

describe("commitments", () => {
  it("lists the instalments due this round and not delivered, which the console warns of", () => {
    const s = promised();
    expect(dueInstalments(s).map((d) => [d.commitment.id, d.instalment])).toEqual([["c1", 0]]);
    const delivered = act(s, CN_NEGOTIATOR, {
      type: "commitment/deliver",
      commitmentId: "c1",
      instalment: 0,
      fraction: 0.5,
    });
    expect(dueInstalments(delivered)).toEqual([]);
    const next = goTo(s, 3, "table");
    expect(dueInstalments(next).map((d) => [d.commitment.id, d.instalment])).toEqual([["c1", 1]]);
    expect(commitment(next)?.instalments[0]?.delivered).toBe(0);
  });

  it("lets the promising team deliver an instalment due this round, once, at a cost in capital", () => {
    const s = promised();
    expect(
      refused(s, US_USTR, {
        type: "commitment/deliver",
        commitmentId: "c1",
        instalment: 0,
        fraction: 1,
      }),
    ).toBe("commitment/not-yours");
    expect(
      refused(s, CN_NEGOTIATOR, {
        type: "commitment/deliver",
        commitmentId: "c1",
        instalment: 1,
        fraction: 1,
      }),
    ).toBe("commitment/not-due");
    const delivered = act(s, CN_NEGOTIATOR, {
      type: "commitment/deliver",
      commitmentId: "c1",
      instalment: 0,
      fraction: 1,
    });
    expect(commitment(delivered)?.instalments[0]?.delivered).toBe(1);
    expect(delivered.teams.cn?.private?.capital).toBeLessThan(s.teams.cn?.private?.capital ?? 0);
    expect(
      refused(delivered, CN_NEGOTIATOR, {
        type: "commitment/deliver",
        commitmentId: "c1",
        instalment: 0,
        fraction: 1,
      }),
    ).toBe("commitment/already-delivered");
  });

  it("reports a delivery to the other side only next round, with noise, and eases its farm states", () => {
    const s = promised();
    const delivered = act(s, CN_NEGOTIATOR, {
      type: "commitment/deliver",
      commitmentId: "c1",
      instalment: 0,
      fraction: 1,
    });
    const sameRound = goTo(delivered, 2, "resolution");
    expect(commitment(sameRound)?.instalments[0]?.reported).toBeUndefined();
    const next = goTo(delivered, 3, "news");
    const reported = commitment(next)?.instalments[0]?.reported ?? 0;
    expect(reported).toBeGreaterThanOrEqual(12 * 0.85);
    expect(reported).toBeLessThanOrEqual(12 * 1.15);
    const missed = goTo(s, 3, "news");
    expect(commitment(missed)?.instalments[0]).toMatchObject({ delivered: 0, reported: 0 });
    expect(next.teams.us?.private?.meters["us-farm"]).toBeLessThan(
      missed.teams.us?.private?.meters["us-farm"] ?? 0,
    );
    expect(next.trust).toBeGreaterThan(missed.trust);
  });

  it("gives different noise to different seeds and the same to the same seed", () => {
    const reportFor = (seed: number) => {
      const s = promised(seed);
      const d = act(s, CN_NEGOTIATOR, {
        type: "commitment/deliver",
        commitmentId: "c1",
        instalment: 0,
        fraction: 1,
      });
      return commitment(goTo(d, 3, "news"))?.instalments[0]?.reported;
    };
    expect(reportFor(1)).toBe(reportFor(1));
    expect(new Set([1, 2, 3, 4, 5].map(reportFor)).size).toBeGreaterThan(1);
  });

  it("allows snapback only after a reported miss, restoring the receiver's concessions", () => {
    const s = promised();
    expect(refused(s, US_LEAD, { type: "agreement/snapback", agreementId: "a1" })).toBe(
      "agreement/no-miss",
    );
    const afterMiss = goTo(s, 3, "table");
    expect(refused(afterMiss, CN_LEAD, { type: "agreement/snapback", agreementId: "a1" })).toBe(
      "agreement/no-miss",
    );
    const snapped = act(afterMiss, US_LEAD, { type: "agreement/snapback", agreementId: "a1" });
    expect(snapped.levels["us-export-controls"]).toBe(1);
    expect(snapped.levels.soybeans).toBe(2);
    expect(snapped.agreements[0]?.status).toBe("snapped-back");
    expect(snapped.trust).toBeLessThan(afterMiss.trust);
    const later = goTo(snapped, 3, "resolution");
    expect(
      refused(later, CN_NEGOTIATOR, {
        type: "commitment/deliver",
        commitmentId: "c1",
        instalment: 1,
        fraction: 1,
      }),
    ).toBe("commitment/not-in-force");
  });
});
