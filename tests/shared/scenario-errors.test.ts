import { describe, expect, it } from "vitest";
import { loadScenario } from "../../shared/index.ts";
import data from "../../shared/scenario/kuala-lumpur-2025.json" with { type: "json" };

/** The default scenario's raw data, copied so that a case can break it. */
// biome-ignore lint/suspicious/noExplicitAny: each case reaches into the data wherever it breaks it
type Raw = Record<string, any>;
const fresh = (): Raw => structuredClone(data) as Raw;

/** A broken scenario and an error its loading must report, by path. */
const CASES: readonly (readonly [string, (s: Raw) => void, string])[] = [
  [
    "an issue with one level",
    (s) => s.issues[3].levels.splice(1),
    "issues[3].levels: at least 2 levels",
  ],
  [
    "two issues with one id",
    (s) => (s.issues[1].id = s.issues[0].id),
    'issues[1].id: duplicate issue id "us-extra-tariff"',
  ],
  [
    "an issue held by no team",
    (s) => (s.issues[0].holder = "eu"),
    'issues[0].holder: unknown team "eu"',
  ],
  [
    "a start that is not a level",
    (s) => (s.issues[0].start = 5),
    "issues[0].start: start is not a level",
  ],
  ["three teams", (s) => s.teams.push({ ...s.teams[0], id: "eu" }), "teams: exactly 2 teams"],
  [
    "a team without a lead",
    (s) => (s.teams[0].roles[0].lead = false),
    "teams[0].roles: at least 1 lead role",
  ],
  [
    "a lead who is a wild card",
    (s) => (s.teams[0].roles[0].constituency = "us-farm"),
    "teams[0].roles[0].constituency: a lead cannot be a wild card",
  ],
  [
    "a wild card of the other team's constituency",
    (s) => (s.teams[0].roles[2].constituency = "cn-exporters"),
    'teams[0].roles[2].constituency: no constituency "cn-exporters" of team "us"',
  ],
  [
    "points missing a level",
    (s) => s.briefs.us.points.soybeans.pop(),
    "briefs.us.points.soybeans: needs 4 numbers",
  ],
  [
    "a role brief for no role",
    (s) => (s.briefs.us.roles.ghost = { summary: "Boo." }),
    'briefs.us.roles.ghost: unknown role "ghost" of team "us"',
  ],
  [
    "a driver of the wrong length",
    (s) => s.constituencies[0].drivers[0].perLevel.push(1),
    "constituencies[0].drivers[0].perLevel: needs 4 numbers, one per level",
  ],
  [
    "a round naming no event",
    (s) => (s.rounds[1].events = ["no-such-event"]),
    'rounds[1].events[0]: unknown event "no-such-event"',
  ],
  [
    "a real outcome off the scale",
    (s) => (s.reference.levels.soybeans = 9),
    "reference.levels.soybeans: level out of range",
  ],
  [
    "an id with capitals",
    (s) => (s.id = "Kuala Lumpur"),
    "id: an id of lowercase letters, digits and dashes",
  ],
  [
    "a scheduled threat to no level",
    (s) => (s.scheduled[0].level = 7),
    `scheduled[0]: no level 7 on issue "${data.scheduled[0]?.issue}"`,
  ],
];

describe("scenario files with mistakes", () => {
  it.each(CASES)("refuses %s, naming its path", (_name, breakIt, expected) => {
    const raw = fresh();
    breakIt(raw);
    const loaded = loadScenario(raw);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.errors).toContain(expected);
  });
});
