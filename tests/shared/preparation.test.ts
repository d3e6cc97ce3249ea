import { describe, expect, it } from "vitest";
import {
  type Actor,
  beliefReport,
  createMatch,
  legalCommands,
  rankCorrelation,
  type Scenario,
  scoreWorksheet,
  teamBeliefs,
  viewFor,
  type Worksheet,
} from "../../shared/index.ts";
import {
  act,
  FACILITATOR,
  goTo,
  playToEnd,
  refused,
  scenario,
  US_LEAD,
  US_USTR,
} from "./helpers.ts";

/** Three issues whose weights are easy to rank by hand: US a 10, b 4, c 1; China a 6, b 8, c 2. */
const tiny = {
  ...scenario,
  issues: [
    {
      ...scenario.issues[0],
      id: "a",
      levels: [0, 1, 2].map((v) => ({ label: `a${v}`, value: v, source: "" })),
      start: 0,
    },
    {
      ...scenario.issues[0],
      id: "b",
      levels: [0, 1].map((v) => ({ label: `b${v}`, value: v, source: "" })),
      start: 0,
    },
    {
      ...scenario.issues[0],
      id: "c",
      levels: [0, 1].map((v) => ({ label: `c${v}`, value: v, source: "" })),
      start: 0,
    },
  ],
  briefs: {
    us: { ...scenario.briefs.us, points: { a: [0, 5, 10], b: [4, 0], c: [0, 1] } },
    cn: { ...scenario.briefs.cn, points: { a: [6, 3, 0], b: [0, 8], c: [2, 0] } },
  },
} as Scenario;

const sheet = (fields: Partial<Worksheet>): Worksheet => ({
  priorities: {},
  theirPriorities: {},
  prediction: {},
  ...fields,
});

const FARM_LOBBY: Actor = { kind: "player", team: "us", role: "farm-lobby", seat: "us-3" };

describe("preparation and worksheets", () => {
  it("computes Spearman's rank correlation by hand-checked cases, ties averaged", () => {
    expect(rankCorrelation([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(rankCorrelation([3, 1, 2], [2, 3, 1])).toBe(-0.5);
    expect(rankCorrelation([1, 1, 2], [1, 2, 3])).toBe(0.87);
    expect(rankCorrelation([3, 3, 3], [1, 2, 3])).toBeUndefined();
    expect(rankCorrelation([1], [1])).toBeUndefined();
  });

  it("scores a worksheet against the true weights, the no-deal point and the final levels", () => {
    const worksheet = sheet({
      priorities: { a: 5, b: 3, c: 1 },
      theirPriorities: { a: 5, b: 1, c: 3 },
      reservation: 40,
      theirReservation: 45,
      prediction: { a: 1, b: 1 },
    });
    const noDeal = { levels: {}, utilities: [30, 50] as const };
    expect(scoreWorksheet(tiny, "us", worksheet, noDeal, { a: 2, b: 1, c: 0 })).toEqual({
      ownPriorities: 1,
      theirPriorities: -0.5,
      reservation: { estimate: 40, actual: 30, error: 10 },
      theirReservation: { estimate: 45, actual: 50, error: 5 },
      prediction: 75,
    });
    expect(scoreWorksheet(tiny, "cn", sheet({}), noDeal, {})).toEqual({
      ownPriorities: undefined,
      theirPriorities: undefined,
      reservation: undefined,
      theirReservation: undefined,
      prediction: undefined,
    });
  });

  it("averages a team's seats, and reports every seat of a match", () => {
    expect(
      teamBeliefs([
        { theirPriorities: -0.5, theirReservation: { estimate: 45, actual: 50, error: 5 } },
        { theirPriorities: 1, theirReservation: { estimate: 65, actual: 50, error: 15 } },
        {},
      ]),
    ).toEqual({
      ownPriorities: undefined,
      theirPriorities: 0.25,
      reservation: undefined,
      theirReservation: { estimate: 55, actual: 50, error: 10 },
      prediction: undefined,
    });
    const noDeal = { levels: {}, utilities: [30, 50] as const };
    const report = beliefReport(
      tiny,
      {
        "cn:negotiator": sheet({ theirReservation: 20 }),
        "us:ustr": sheet({ theirReservation: 45 }),
      },
      noDeal,
      {},
    );
    expect(report.teams.cn?.theirReservation).toEqual({ estimate: 20, actual: 30, error: 10 });
    expect(report.teams.us?.theirReservation).toEqual({ estimate: 45, actual: 50, error: 5 });
    expect(Object.keys(report.seats).sort()).toEqual(["cn:negotiator", "us:ustr"]);
  });

  it("opens round 1 with a preparation phase only when the settings ask for one", () => {
    const without = act(createMatch(scenario, { rounds: 3, implementation: 0 }, 1), FACILITATOR, {
      type: "match/start",
    });
    expect(without.phase).toBe("news");
    const prepared = act(
      createMatch(scenario, { rounds: 3, implementation: 0, preparation: true }, 1),
      FACILITATOR,
      {
        type: "match/start",
      },
    );
    expect([prepared.phase, prepared.round]).toEqual(["preparation", 1]);
    expect(prepared.news).toHaveLength(0);
    const news = act(prepared, FACILITATOR, { type: "phase/advance" });
    expect([news.phase, news.round, news.news]).toEqual(["news", 1, without.news]);
  });

  it("takes each seat's worksheet in preparation only, keeps the last, and refuses unknown issues and levels", () => {
    let state = goTo(
      createMatch(scenario, { rounds: 3, implementation: 0, preparation: true }, 1),
      1,
      "preparation",
    );
    const first = sheet({ theirReservation: 40, prediction: { soybeans: 2 } });
    state = act(state, US_USTR, { type: "worksheet/submit", worksheet: first });
    state = act(state, US_USTR, {
      type: "worksheet/submit",
      worksheet: { ...first, theirReservation: 35 },
    });
    state = act(state, FARM_LOBBY, {
      type: "worksheet/submit",
      worksheet: sheet({ reservation: 20 }),
    });
    expect(state.worksheets["us:ustr"]?.theirReservation).toBe(35);
    expect(Object.keys(state.worksheets).sort()).toEqual(["us:farm-lobby", "us:ustr"]);
    expect(
      refused(state, US_LEAD, {
        type: "worksheet/submit",
        worksheet: sheet({ prediction: { nothing: 1 } }),
      }),
    ).toBe("worksheet/unknown-issue");
    expect(
      refused(state, US_LEAD, {
        type: "worksheet/submit",
        worksheet: sheet({ prediction: { soybeans: 9 } }),
      }),
    ).toBe("worksheet/no-level");
    expect(refused(state, US_LEAD, { type: "worksheet/submit", worksheet: sheet({}) })).toBe(
      "worksheet/blank",
    );
    const news = act(state, FACILITATOR, { type: "phase/advance" });
    expect(refused(news, US_LEAD, { type: "worksheet/submit", worksheet: first })).toBe(
      "phase/wrong",
    );
  });

  it("shows a worksheet and a role brief to their seat and the facilitator only, and to all at the end", () => {
    let state = goTo(
      createMatch(scenario, { rounds: 2, implementation: 0, preparation: true }, 1),
      1,
      "preparation",
    );
    state = act(state, US_USTR, {
      type: "worksheet/submit",
      worksheet: sheet({ reservation: 33 }),
    });
    const seen = (s: typeof state, seat: Parameters<typeof viewFor>[2]) => {
      const view = viewFor(scenario, s, seat);
      return [Object.keys(view.worksheets), Object.keys(view.roleBriefs).sort()];
    };
    expect(seen(state, { kind: "team", team: "us", role: "ustr" })).toEqual([
      ["us:ustr"],
      ["us:ustr"],
    ]);
    expect(seen(state, { kind: "team", team: "us", role: "treasury" })).toEqual([
      [],
      ["us:treasury"],
    ]);
    expect(seen(state, { kind: "team", team: "cn", role: "negotiator" })).toEqual([
      [],
      ["cn:negotiator"],
    ]);
    expect(seen(state, { kind: "observer" })).toEqual([[], []]);
    const everyRole = scenario.teams.flatMap((t) => t.roles.map((r) => `${t.id}:${r.id}`)).sort();
    expect(seen(state, { kind: "facilitator" })).toEqual([["us:ustr"], everyRole]);
    expect(
      viewFor(scenario, state, { kind: "team", team: "us", role: "ustr" }).briefs.us?.roles,
    ).toEqual({});
    expect(seen(playToEnd(state), { kind: "observer" })).toEqual([["us:ustr"], everyRole]);
  });

  it("lets a domestic wild card lobby in the caucus and hand in a worksheet, never negotiate", () => {
    let state = goTo(
      createMatch(scenario, { rounds: 3, implementation: 0, preparation: true }, 1),
      1,
      "preparation",
    );
    state = act(state, FARM_LOBBY, { type: "chat/team", text: "No deal without soybeans." });
    expect(state.teams.us?.private?.caucus.at(-1)?.role).toBe("farm-lobby");
    expect(refused(state, FARM_LOBBY, { type: "team/ready", ready: true })).toBe("actor/wild-card");
    const table = goTo(state, 1, "table");
    const pkg = { levels: { soybeans: 2 }, commitments: [], snapback: false };
    expect(refused(table, FARM_LOBBY, { type: "proposal/table", package: pkg })).toBe(
      "actor/wild-card",
    );
    expect(
      refused(table, FARM_LOBBY, { type: "statement/make", text: "Buy our beans", tone: "firm" }),
    ).toBe("actor/wild-card");
    const types = new Set(
      legalCommands(
        scenario,
        viewFor(scenario, table, { kind: "team", team: "us", role: "farm-lobby" }),
      ).map((a) => a.type),
    );
    expect([...types]).toEqual(["chat/team"]);
  });

  it("scores every constituency on its mean meter over the rounds: a wild card's score", () => {
    const ended = playToEnd(createMatch(scenario, { rounds: 3, implementation: 1 }, 4));
    const history = ended.teams.us?.private?.meterHistory ?? [];
    expect(history).toHaveLength(4);
    const farm =
      history.reduce((sum, meters) => sum + (meters["us-farm"] ?? 0), 0) / history.length;
    expect(ended.scores?.us?.constituencies["us-farm"]).toBe(Math.round((100 - farm) * 10) / 10);
    expect(Object.keys(ended.scores?.cn?.constituencies ?? {}).sort()).toEqual(
      scenario.constituencies
        .filter((c) => c.team === "cn")
        .map((c) => c.id)
        .sort(),
    );
  });
});
