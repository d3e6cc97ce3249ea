import { describe, expect, it } from "vitest";
import {
  type Intent,
  legalCommands,
  type MatchState,
  type Seat,
  viewFor,
} from "../../shared/index.ts";
import {
  act,
  CN_LEAD,
  CN_NEGOTIATOR,
  goTo,
  newMatch,
  scenario,
  US_LEAD,
  US_USTR,
} from "./helpers.ts";

const US_SEAT: Seat = { kind: "team", team: "us", role: "treasury" };
const CN_SEAT: Seat = { kind: "team", team: "cn", role: "negotiator" };

/** A match in round 3's table with secrets on both sides and a delivered instalment. */
function busy(): MatchState {
  let s = goTo(newMatch(), 1, "table");
  s = act(s, US_USTR, { type: "chat/team", text: "US-SECRET-PLAN" });
  s = act(s, CN_NEGOTIATOR, { type: "chat/team", text: "CN-SECRET-PLAN" });
  s = act(s, CN_NEGOTIATOR, {
    type: "proposal/table",
    package: {
      levels: { soybeans: 2, "us-export-controls": 2 },
      commitments: [{ issue: "soybeans", by: "cn", instalments: [{ round: 2, amount: 12 }] }],
      snapback: false,
    },
  });
  s = act(s, US_LEAD, { type: "proposal/accept", proposalId: "p1" });
  s = goTo(s, 2, "resolution");
  s = act(s, CN_NEGOTIATOR, {
    type: "commitment/deliver",
    commitmentId: "c1",
    instalment: 0,
    fraction: 0.5,
  });
  return s;
}

describe("views", () => {
  it("shows a team its own brief, meters, capital, caucus and drafts, and nothing of the other team's", () => {
    const s = busy();
    const us = JSON.stringify(viewFor(scenario, s, US_SEAT));
    expect(us).toContain("US-SECRET-PLAN");
    expect(us).not.toContain("CN-SECRET-PLAN");
    expect(us).not.toContain(scenario.briefs.cn?.summary ?? "?");
    expect(us).not.toContain('"cn-growth"');
    const cn = viewFor(scenario, s, CN_SEAT);
    expect(cn.briefs.us).toBeUndefined();
    expect(cn.teams.us?.private).toBeUndefined();
    expect(cn.teams.cn?.private?.capital).toBeGreaterThan(0);
  });

  it("hides a delivery's true fraction from the receiving side until and beyond its noisy report", () => {
    const s = busy();
    const instalment = (seat: Seat) =>
      viewFor(scenario, s, seat).agreements[0]?.commitments[0]?.instalments[0];
    expect(instalment(CN_SEAT)?.delivered).toBe(0.5);
    expect(instalment(US_SEAT)?.delivered).toBeUndefined();
    expect(instalment({ kind: "observer" })?.delivered).toBeUndefined();
    expect(instalment({ kind: "facilitator" })?.delivered).toBe(0.5);
  });

  it("shows observers the public board only, the facilitator everything, and all briefs after the end", () => {
    const s = busy();
    const observer = viewFor(scenario, s, { kind: "observer" });
    expect(Object.keys(observer.briefs)).toEqual([]);
    expect(Object.values(observer.teams).every((t) => t.private === undefined)).toBe(true);
    const facilitator = viewFor(scenario, s, { kind: "facilitator" });
    expect(Object.keys(facilitator.briefs).sort()).toEqual(["cn", "us"]);
    const ended = goTo(s, 6, "ended");
    expect(Object.keys(viewFor(scenario, ended, { kind: "observer" }).briefs).sort()).toEqual([
      "cn",
      "us",
    ]);
  });
});

describe("legal commands", () => {
  const types = (s: MatchState, seat: Seat) =>
    legalCommands(scenario, viewFor(scenario, s, seat)).map((a) => a.type);

  it("offers tabling at the table but not in caucus, and acceptance only to the other team's lead", () => {
    const caucus = goTo(newMatch(), 1, "caucus");
    expect(types(caucus, US_SEAT)).not.toContain("proposal/table");
    expect(types(caucus, US_SEAT)).toContain("chat/team");
    const table = act(goTo(newMatch(), 1, "table"), US_USTR, {
      type: "proposal/table",
      package: { levels: { soybeans: 2 }, commitments: [], snapback: false },
    });
    expect(types(table, US_SEAT)).toContain("proposal/table");
    expect(types(table, US_SEAT)).not.toContain("proposal/accept");
    expect(types(table, { kind: "team", team: "cn", role: "vice-premier" })).toContain(
      "proposal/accept",
    );
    expect(types(table, CN_SEAT)).not.toContain("proposal/accept");
    expect(types(table, CN_SEAT)).toContain("proposal/reject");
    expect(types(table, { kind: "observer" })).toEqual([]);
  });

  it("offers moves only on the team's own levers, to its lead", () => {
    const table = goTo(newMatch(), 1, "table");
    const moves = legalCommands(
      scenario,
      viewFor(scenario, table, { kind: "team", team: "cn", role: "vice-premier" }),
    )
      .filter((a) => a.type === "issue/move")
      .map((a) => a.issue);
    expect(moves.sort()).toEqual(
      scenario.issues
        .filter((i) => i.holder === "cn")
        .map((i) => i.id)
        .sort(),
    );
  });

  it("offers the facilitator its controls and never a player's", () => {
    const table = goTo(newMatch(), 1, "table");
    const offered = types(table, { kind: "facilitator" });
    expect(offered).toEqual(
      expect.arrayContaining(["phase/advance", "match/pause", "event/inject", "match/end"]),
    );
    expect(offered).not.toContain("chat/team");
    expect(offered).not.toContain("match/resume");
  });

  it("offers delivery of the instalment due, to the promising team only", () => {
    let s = goTo(newMatch(), 1, "table");
    s = act(s, US_LEAD, {
      type: "proposal/table",
      package: {
        levels: { soybeans: 1 },
        commitments: [{ issue: "soybeans", by: "cn", instalments: [{ round: 1, amount: 12 }] }],
        snapback: false,
      },
    });
    s = goTo(act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" }), 1, "resolution");
    const cn = legalCommands(scenario, viewFor(scenario, s, CN_SEAT)).filter(
      (a) => a.type === "commitment/deliver",
    );
    expect(cn).toEqual([{ type: "commitment/deliver", commitmentId: "c1", instalment: 0 }]);
    expect(types(s, US_SEAT)).not.toContain("commitment/deliver");
    const intent: Intent = {
      type: "commitment/deliver",
      commitmentId: "c1",
      instalment: 0,
      fraction: 1,
    };
    expect(
      act(s, CN_NEGOTIATOR, intent).agreements[0]?.commitments[0]?.instalments[0]?.delivered,
    ).toBe(1);
  });
});
