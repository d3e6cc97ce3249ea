import { describe, expect, it } from "vitest";
import { act, CN_LEAD, goTo, newMatch, refused, US_LEAD, US_USTR } from "./helpers.ts";

describe("chat, statements and drafts", () => {
  it("keeps caucus chat in the team's private state and table chat in public", () => {
    const s = goTo(newMatch(), 1, "table");
    const caucus = act(s, US_USTR, { type: "chat/team", text: "Our floor is 12 MMT" });
    expect(caucus.teams.us?.private?.caucus).toMatchObject([
      { team: "us", role: "ustr", text: "Our floor is 12 MMT" },
    ]);
    expect(caucus.teams.cn?.private?.caucus).toEqual([]);
    const table = act(caucus, CN_LEAD, { type: "chat/table", text: "Shall we begin?" });
    expect(table.tableChat).toMatchObject([{ team: "cn", text: "Shall we begin?" }]);
  });

  it("refuses table chat during caucus, and empty or oversized text", () => {
    const s = goTo(newMatch(), 1, "caucus");
    expect(refused(s, US_LEAD, { type: "chat/table", text: "hello" })).toBe("phase/wrong");
    expect(refused(s, US_LEAD, { type: "chat/team", text: "   " })).toBe("command/invalid");
    expect(refused(s, US_LEAD, { type: "chat/team", text: "x".repeat(501) })).toBe(
      "command/invalid",
    );
  });

  it("keeps at most 200 lines per channel in the state, dropping the oldest in a batch", () => {
    let s = goTo(newMatch(), 1, "table");
    for (let i = 0; i < 200; i++) s = act(s, US_LEAD, { type: "chat/table", text: `line ${i}` });
    expect(s.tableChat).toHaveLength(200);
    s = act(s, US_LEAD, { type: "chat/table", text: "line 200" });
    expect(s.tableChat.length).toBeLessThan(200);
    expect(s.tableChat[0]?.text).toBe(`line ${201 - s.tableChat.length}`);
    expect(s.tableChat[s.tableChat.length - 1]?.text).toBe("line 200");
  });

  it("moves markets up on a conciliatory statement and down on a firm one", () => {
    const s = goTo(newMatch(), 1, "table");
    const soft = act(s, US_LEAD, {
      type: "statement/make",
      text: "We want a deal",
      tone: "conciliatory",
    });
    const firm = act(s, US_LEAD, {
      type: "statement/make",
      text: "We will not be bullied",
      tone: "firm",
    });
    expect(soft.market.index).toBeGreaterThan(s.market.index);
    expect(firm.market.index).toBeLessThan(s.market.index);
    expect(firm.statements).toMatchObject([{ team: "us", tone: "firm" }]);
  });

  it("saves and deletes team drafts, refusing drafts of another team", () => {
    const s = goTo(newMatch(), 1, "caucus");
    const pkg = { levels: { soybeans: 1 }, commitments: [], snapback: false };
    const saved = act(s, US_USTR, { type: "draft/save", title: "Opening", package: pkg });
    expect(saved.teams.us?.private?.drafts).toMatchObject([{ id: "d1", title: "Opening" }]);
    expect(refused(saved, CN_LEAD, { type: "draft/delete", draftId: "d1" })).toBe("draft/unknown");
    expect(
      act(saved, US_LEAD, { type: "draft/delete", draftId: "d1" }).teams.us?.private?.drafts,
    ).toEqual([]);
  });
});
