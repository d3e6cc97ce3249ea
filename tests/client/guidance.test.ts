import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { guidance } from "../../client/table/guidance.ts";
import { legalCommands, type Seat, viewFor } from "../../shared/index.ts";
import { act, CN_LEAD, goTo, newMatch, scenario, US_LEAD } from "../shared/helpers.ts";

const US: Seat = { kind: "team", team: "us", role: "treasury" };
const US_NON_LEAD: Seat = { kind: "team", team: "us", role: "ustr" };
const CN: Seat = { kind: "team", team: "cn", role: "vice-premier" };

function lineFor(state: ReturnType<typeof newMatch>, seat: Seat): string {
  const view = viewFor(scenario, state, seat);
  return guidance(scenario, view, legalCommands(scenario, view));
}

describe("the table's turn guidance", () => {
  it("tells each seat what to do in every phase", () => {
    const news = goTo(newMatch(), 1, "news");
    expect(lineFor(news, US)).toContain("Read the news");
    expect(lineFor(goTo(newMatch(), 1, "caucus"), US)).toContain("Team chat");
    const table = goTo(newMatch(), 1, "table");
    expect(lineFor(table, US)).toContain("table a package");
    const tabled = act(table, US_LEAD, {
      type: "proposal/table",
      package: { levels: { "rare-earths": 2 }, commitments: [], snapback: false },
    });
    expect(lineFor(tabled, CN)).toBe(
      "United States tabled p1: accept, reject or counter it in Proposals.",
    );
    expect(lineFor(tabled, { kind: "team", team: "cn", role: "negotiator" })).toContain(
      "only your lead (Vice Premier) can accept",
    );
    expect(lineFor(act(news, US_LEAD, { type: "team/ready", ready: true }), US)).toContain(
      "Your team is ready: waiting for China",
    );
  });

  it("explains the summit to the lead and to the seat that cannot endorse", () => {
    let s = goTo(newMatch(), 1, "table");
    s = act(s, US_LEAD, {
      type: "proposal/table",
      package: { levels: { "rare-earths": 2 }, commitments: [], snapback: false },
    });
    s = act(s, CN_LEAD, { type: "proposal/accept", proposalId: "p1" });
    s = goTo(s, 4, "summit");
    expect(lineFor(s, US)).toContain("endorse the framework");
    expect(lineFor(s, US_NON_LEAD)).toContain("only your lead (Treasury Secretary) endorses");
    expect(lineFor(goTo(newMatch(), 4, "summit"), US)).toContain("no agreement to endorse");
  });
});

describe("the client's code", () => {
  it("keeps every file under 400 lines", () => {
    const root = resolve(import.meta.dirname, "../../client");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.(ts|css)$/.test(f),
    );
    const long = files
      .map((f) => [f, readFileSync(join(root, f), "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > 400);
    expect(files.length).toBeGreaterThan(10);
    expect(long).toEqual([]);
  });
});
