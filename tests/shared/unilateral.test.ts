import { describe, expect, it } from "vitest";
import { act, CN_LEAD, CN_NEGOTIATOR, goTo, newMatch, refused, US_LEAD } from "./helpers.ts";

const atTable = () => goTo(newMatch(), 1, "table");

describe("unilateral moves", () => {
  it("lets a lead move an issue its team holds at once, with markets and trust reacting", () => {
    const s = atTable();
    const moved = act(s, CN_LEAD, {
      type: "issue/move",
      issue: "rare-earths",
      level: 0,
      inRounds: 0,
    });
    expect(moved.levels["rare-earths"]).toBe(0);
    expect(moved.market.index).toBeLessThan(s.market.index);
    expect(moved.trust).toBeLessThan(s.trust);
    expect(moved.teams.us?.private?.meters["us-markets"]).toBeGreaterThan(
      s.teams.us?.private?.meters["us-markets"] ?? 100,
    );
  });

  it("refuses a move on the other team's lever, by a non-lead, or to no change", () => {
    const s = atTable();
    expect(
      refused(s, CN_LEAD, { type: "issue/move", issue: "us-extra-tariff", level: 0, inRounds: 0 }),
    ).toBe("issue/not-yours");
    expect(
      refused(s, CN_NEGOTIATOR, {
        type: "issue/move",
        issue: "rare-earths",
        level: 0,
        inRounds: 0,
      }),
    ).toBe("actor/not-lead");
    expect(
      refused(s, CN_LEAD, { type: "issue/move", issue: "cn-tariffs", level: 1, inRounds: 0 }),
    ).toBe("issue/no-change");
    expect(
      refused(s, CN_LEAD, { type: "issue/move", issue: "rare-earths", level: 7, inRounds: 0 }),
    ).toBe("issue/level-out-of-range");
  });

  it("announces a threat with an effective round that bites at that round's resolution", () => {
    const s = atTable();
    const threatened = act(s, US_LEAD, {
      type: "issue/move",
      issue: "us-export-controls",
      level: 0,
      inRounds: 1,
    });
    expect(threatened.levels["us-export-controls"]).toBe(1);
    expect(threatened.threats).toContainEqual({
      issue: "us-export-controls",
      level: 0,
      round: 2,
      source: "us",
    });
    expect(goTo(threatened, 1, "resolution").levels["us-export-controls"]).toBe(1);
    expect(goTo(threatened, 2, "resolution").levels["us-export-controls"]).toBe(0);
  });

  it("withdraws a threat when the holder moves the issue again", () => {
    const s = act(atTable(), US_LEAD, {
      type: "issue/move",
      issue: "us-extra-tariff",
      level: 1,
      inRounds: 0,
    });
    expect(s.threats.some((t) => t.issue === "us-extra-tariff")).toBe(false);
    expect(goTo(s, 4, "resolution").levels["us-extra-tariff"]).toBe(1);
  });
});
