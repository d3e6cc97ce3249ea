import { describe, expect, it } from "vitest";
import type { Package } from "../../shared/index.ts";
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
  levels: { "us-extra-tariff": 1, "rare-earths": 2, soybeans: 2 },
  commitments: [{ issue: "soybeans", by: "cn", instalments: [{ round: 2, amount: 12 }] }],
  snapback: true,
};
const atTable = () => goTo(newMatch(), 1, "table");

describe("proposals", () => {
  it("lets any seat table a package, and only the other team's lead accept it", () => {
    const tabled = act(atTable(), US_USTR, { type: "proposal/table", package: deal });
    expect(tabled.proposals).toMatchObject([{ id: "p1", by: "us", status: "open" }]);
    expect(refused(tabled, US_LEAD, { type: "proposal/accept", proposalId: "p1" })).toBe(
      "proposal/own",
    );
    expect(refused(tabled, CN_NEGOTIATOR, { type: "proposal/accept", proposalId: "p1" })).toBe(
      "actor/not-lead",
    );
    const accepted = act(tabled, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    expect(accepted.proposals[0]?.status).toBe("accepted");
    expect(accepted.agreements).toMatchObject([{ proposalId: "p1", status: "pending" }]);
    expect(refused(accepted, CN_LEAD, { type: "proposal/accept", proposalId: "p1" })).toBe(
      "proposal/not-open",
    );
  });

  it("takes effect at resolution, not before, and rallies markets at once", () => {
    const tabled = act(atTable(), US_LEAD, { type: "proposal/table", package: deal });
    const accepted = act(tabled, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    expect(accepted.levels["rare-earths"]).toBe(1);
    expect(accepted.market.index).toBeGreaterThan(tabled.market.index);
    expect(accepted.trust).toBeGreaterThan(tabled.trust);
    const resolved = goTo(accepted, 1, "resolution");
    expect(resolved.levels).toMatchObject({ "rare-earths": 2, soybeans: 2 });
    expect(resolved.agreements[0]).toMatchObject({
      status: "in-force",
      before: { "rare-earths": 1, soybeans: 0 },
    });
  });

  it("cancels the threats on issues a deal covers, and lets the others bite", () => {
    const tabled = act(atTable(), US_LEAD, { type: "proposal/table", package: deal });
    const accepted = act(tabled, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    const end = goTo(accepted, 4, "resolution");
    expect(end.levels["us-extra-tariff"]).toBe(1);
    expect(end.levels["rare-earths"]).toBe(2);
    expect(end.levels["us-reciprocal-tariff"]).toBe(0);
  });

  it("refuses empty packages, unknown issues, levels out of range and bad commitments", () => {
    const s = atTable();
    const table = (pkg: Package) => refused(s, US_LEAD, { type: "proposal/table", package: pkg });
    expect(table({ levels: { soybeans: 0 }, commitments: [], snapback: false })).toBe(
      "proposal/no-change",
    );
    expect(table({ levels: { "us-farm-aid": 1 }, commitments: [], snapback: false })).toBe(
      "package/domestic-issue",
    );
    expect(table({ levels: { "no-issue": 1 }, commitments: [], snapback: false })).toBe(
      "package/unknown-issue",
    );
    expect(table({ levels: { soybeans: 9 }, commitments: [], snapback: false })).toBe(
      "package/level-out-of-range",
    );
    const byWrongTeam = { issue: "soybeans", by: "us", instalments: [{ round: 2, amount: 1 }] };
    expect(table({ levels: {}, commitments: [byWrongTeam], snapback: false })).toBe(
      "package/bad-commitment",
    );
    const tooLate = { issue: "soybeans", by: "cn", instalments: [{ round: 9, amount: 1 }] };
    expect(table({ levels: {}, commitments: [tooLate], snapback: false })).toBe(
      "package/bad-commitment",
    );
  });

  it("marks a countered proposal and opens the counter for the first team", () => {
    const tabled = act(atTable(), US_LEAD, { type: "proposal/table", package: deal });
    const counter: Package = {
      levels: { "us-export-controls": 2, "rare-earths": 2 },
      commitments: [],
      snapback: false,
    };
    const countered = act(tabled, CN_NEGOTIATOR, {
      type: "proposal/counter",
      proposalId: "p1",
      package: counter,
    });
    expect(countered.proposals.map((p) => [p.id, p.status, p.counterTo])).toEqual([
      ["p1", "countered", undefined],
      ["p2", "open", "p1"],
    ]);
    expect(refused(countered, CN_LEAD, { type: "proposal/withdraw", proposalId: "p1" })).toBe(
      "proposal/not-yours",
    );
    const rejected = act(countered, US_USTR, { type: "proposal/reject", proposalId: "p2" });
    expect(rejected.proposals[1]?.status).toBe("rejected");
  });

  it("lets only the proposing team withdraw, and expires open proposals when the table closes", () => {
    const tabled = act(atTable(), US_LEAD, { type: "proposal/table", package: deal });
    expect(
      act(tabled, US_USTR, { type: "proposal/withdraw", proposalId: "p1" }).proposals[0]?.status,
    ).toBe("withdrawn");
    expect(goTo(tabled, 1, "resolution").proposals[0]?.status).toBe("expired");
  });

  it("refuses tabling outside the table phase", () => {
    const caucus = goTo(newMatch(), 1, "caucus");
    expect(refused(caucus, US_LEAD, { type: "proposal/table", package: deal })).toBe("phase/wrong");
  });

  it("charges the signing lead political capital for the pressure a package adds, and refuses when it lacks it", () => {
    const s = atTable();
    const concession: Package = {
      levels: { structural: 2, "rare-earths": 2 },
      commitments: [],
      snapback: false,
    };
    const tabled = act(s, US_LEAD, { type: "proposal/table", package: concession });
    const capitalBefore = tabled.teams.cn?.private?.capital ?? 0;
    const accepted = act(tabled, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    expect(accepted.teams.cn?.private?.capital).toBeLessThan(capitalBefore);
    const cn = tabled.teams.cn;
    if (!cn?.private) throw new Error("fixture");
    const broke = {
      ...tabled,
      teams: { ...tabled.teams, cn: { ...cn, private: { ...cn.private, capital: 0 } } },
    };
    expect(refused(broke, CN_LEAD, { type: "proposal/accept", proposalId: "p1" })).toBe(
      "capital/insufficient",
    );
  });

  it("records only what a package changes, with the threats it calls off, and keeps every other issue as in force", () => {
    const s = atTable();
    const full = { ...s.levels, "us-fentanyl-tariff": 1 };
    const tabled = act(s, US_LEAD, {
      type: "proposal/table",
      package: { levels: full, commitments: [], snapback: false },
    });
    const proposal = tabled.proposals[0];
    expect(proposal?.package.levels).toEqual({
      "us-extra-tariff": 1,
      "us-reciprocal-tariff": 1,
      "us-fentanyl-tariff": 1,
      "us-export-controls": 1,
      "rare-earths": 1,
    });
    expect(proposal?.changes.find((c) => c.issue === "us-fentanyl-tariff")).toEqual({
      issue: "us-fentanyl-tariff",
      from: 0,
      to: 1,
    });
    expect(proposal?.changes.find((c) => c.issue === "us-extra-tariff")?.cancels).toMatchObject({
      level: 0,
      round: 4,
    });
  });

  it("never lets a later package reverse agreed terms it does not name (issue 10)", () => {
    let s = act(atTable(), US_LEAD, { type: "proposal/table", package: deal });
    s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    s = goTo(s, 2, "table");
    s = act(s, CN_NEGOTIATOR, {
      type: "proposal/table",
      package: { levels: { "us-fentanyl-tariff": 1 }, commitments: [], snapback: false },
    });
    s = act(s, US_LEAD, { type: "proposal/accept", proposalId: s.proposals.at(-1)?.id ?? "" });
    s = goTo(s, 2, "resolution");
    expect(s.levels).toMatchObject({ "rare-earths": 2, soybeans: 2, "us-fentanyl-tariff": 1 });
  });

  it("refuses a package that only repeats an agreement of this round, with its own code", () => {
    let s = act(atTable(), US_LEAD, { type: "proposal/table", package: deal });
    s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    expect(refused(s, CN_NEGOTIATOR, { type: "proposal/table", package: deal })).toBe(
      "proposal/repeats-agreement",
    );
  });
});
