import { z } from "zod";

/**
 * The most a scenario may hold of each kind: generous for any real negotiation, and a bound on the
 * work a log that carries its own scenario can ask of the server.
 */
export const SCENARIO_LIMITS = {
  roles: 6,
  levels: 10,
  issues: 40,
  constituencies: 24,
  events: 200,
  rounds: 24,
} as const;

/** An identifier used in scenarios, commands and logs: lowercase letters, digits and dashes. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "an id of lowercase letters, digits and dashes");

/**
 * A text-bearing part's text in Chinese: any of the fields named (DESIGN: text carries English and
 * Chinese); a field left out is read in English (`translate`).
 */
const zh = (...fields: string[]) =>
  z
    .object(Object.fromEntries(fields.map((field) => [field, z.string().max(4000)])))
    .partial()
    .optional();

/**
 * A role in a team; a lead may accept proposals, make unilateral moves and endorse at the summit. A
 * role with a `constituency` is a domestic "wild card" (DESIGN: roles and preparation): it reads its
 * team's caucus and lobbies it, negotiates nothing, is scored on that constituency's meter, and has a
 * seat only in sessions that ask for wild cards.
 */
export const Role = z.object({
  id: Id,
  title: z.string().min(1),
  lead: z.boolean().default(false),
  constituency: Id.optional(),
  zh: zh("title"),
});
export type Role = z.infer<typeof Role>;

/** A negotiating team and its roles. */
export const Team = z.object({
  id: Id,
  name: z.string().min(1),
  roles: z.array(Role).min(1, "at least 1 role").max(SCENARIO_LIMITS.roles),
  capital: z.number().min(0).max(100),
  zh: zh("name"),
});
export type Team = z.infer<typeof Team>;

/** Where a number comes from: the facts file, a public source, or "design choice". */
const Source = z.string().default("");

/** One level of an issue, from the hardest (first) to the most conciliatory (last). */
export const Level = z.object({
  label: z.string().min(1),
  value: z.number(),
  source: Source,
  zh: zh("label"),
});
export type Level = z.infer<typeof Level>;

const MeterChanges = z.record(Id, z.number());

/** What delivering an instalment of a commitment on an issue does (scaled by the fraction delivered). */
export const Delivery = z.object({
  unit: z.string().min(1),
  capitalCost: z.number().min(0),
  delivered: MeterChanges.default({}),
  missed: MeterChanges.default({}),
  zh: zh("unit"),
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * An issue: its levels are ordered from the hardest line to the most conciliatory. A domestic issue
 * (a side payment at home) is moved only by its holder and never named in a package.
 */
export const Issue = z.object({
  id: Id,
  label: z.string().min(1),
  description: z.string().default(""),
  source: Source,
  holder: Id,
  domestic: z.boolean().default(false),
  levels: z.array(Level).min(2, "at least 2 levels").max(SCENARIO_LIMITS.levels),
  start: z.number().int().min(0),
  market: z.number().default(0),
  delivery: Delivery.optional(),
  zh: zh("label", "description"),
});
export type Issue = z.infer<typeof Issue>;

/** How the levels of one issue push a constituency's pressure (one number per level). */
export const Driver = z.object({
  issue: Id,
  perLevel: z.array(z.number()).max(SCENARIO_LIMITS.levels),
});
export type Driver = z.infer<typeof Driver>;

/** A domestic constituency whose pressure meter (0 calm – 100 revolt) the team must manage. */
export const Constituency = z.object({
  id: Id,
  team: Id,
  label: z.string().min(1),
  start: z.number().min(0).max(100),
  drivers: z.array(Driver).max(SCENARIO_LIMITS.issues).default([]),
  market: z.number().default(0),
  source: Source,
  zh: zh("label"),
});
export type Constituency = z.infer<typeof Constituency>;

/**
 * A threat: an issue set to a level at the resolution of a later round unless a deal covers it,
 * `inRounds` after the round it is announced in or, with `afterSummit`, that many rounds after the
 * summit round (0: at the summit's resolution), so that dated threats keep their dates whatever the
 * number of rounds.
 */
export const ThreatEffect = z.object({
  issue: Id,
  level: z.number().int().min(0).max(20),
  inRounds: z.number().int().min(0).max(10).default(0),
  afterSummit: z.number().int().min(0).max(10).optional(),
  date: z.string().max(40).optional(),
  zh: zh("date"),
});
export type ThreatEffect = z.infer<typeof ThreatEffect>;

/** What an event does when it is drawn or injected. */
export const Effects = z.object({
  market: z.number().min(-50).max(50).optional(),
  trust: z.number().min(-100).max(100).optional(),
  shocks: MeterChanges.optional(),
  threats: z.array(ThreatEffect).default([]),
});
export type Effects = z.infer<typeof Effects>;

/** A news event: scripted for a round or drawn from the deck by weight. */
export const NewsEvent = z.object({
  id: Id,
  title: z.string().min(1).max(120),
  text: z.string().max(1000),
  date: z.string().default(""),
  weight: z.number().min(0).default(0),
  effects: Effects.prefault({}),
  source: Source,
  zh: zh("title", "text", "date"),
});
export type NewsEvent = z.infer<typeof NewsEvent>;

/** A round of the plan; the last round is the leaders' summit. */
export const RoundPlan = z.object({
  label: z.string().min(1),
  date: z.string().default(""),
  events: z.array(Id).default([]),
  zh: zh("label", "date"),
});
export type RoundPlan = z.infer<typeof RoundPlan>;

/** A red line: levels of an issue a team's brief says it cannot accept. */
export const RedLine = z.object({
  issue: Id,
  levels: z.array(z.number().int().min(0)).min(1),
  reason: z.string().default(""),
  zh: zh("reason"),
});
export type RedLine = z.infer<typeof RedLine>;

const BriefText = z.string().max(4000).default("");

/**
 * A role's confidential brief (DESIGN: a two-level game inside each team): shown only to its seat
 * and the facilitator until the debrief, so the two people of a team must first agree with each other.
 */
export const RoleBrief = z.object({
  summary: z.string().min(1).max(1000),
  situation: BriefText,
  mandate: BriefText,
  pressures: BriefText,
  priorities: BriefText,
  /** The role's private reservation point, where it differs from the team's. */
  reservation: BriefText,
  zh: zh("summary", "situation", "mandate", "pressures", "priorities", "reservation"),
});
export type RoleBrief = z.infer<typeof RoleBrief>;

/** A team's confidential brief: points per level of every issue, red lines, constituencies. */
export const Brief = z.object({
  summary: z.string(),
  constituencies: z.string().default(""),
  points: z.record(Id, z.array(z.number())),
  redLines: z.array(RedLine).default([]),
  /** Each role's own brief, by role id. */
  roles: z.record(Id, RoleBrief).default({}),
  /** Where each issue's points come from, by issue. */
  sources: z.record(Id, z.string()).default({}),
  zh: zh("summary", "constituencies"),
});
export type Brief = z.infer<typeof Brief>;

/** Seconds each phase lasts in a timed session. */
export const PhaseDurations = z.object({
  preparation: z.number().int().min(5).default(600),
  news: z.number().int().min(5),
  caucus: z.number().int().min(5),
  table: z.number().int().min(5),
  summit: z.number().int().min(5),
  resolution: z.number().int().min(5),
});

/** A figure derived from the levels in force: `base` plus the values of the named issues' levels. */
export const Readout = z.object({
  id: Id,
  label: z.string().min(1),
  unit: z.string().default(""),
  base: z.number().default(0),
  issues: z.array(Id).min(1),
  source: Source,
  zh: zh("label", "unit"),
});
export type Readout = z.infer<typeof Readout>;

/** A complete scenario: everything a match needs, as data. */
const ScenarioShape = z.object({
  id: Id,
  title: z.string().min(1),
  summary: z.string().default(""),
  zh: zh("title", "summary"),
  teams: z.array(Team).length(2, "exactly 2 teams"),
  issues: z.array(Issue).min(1, "at least 1 issue").max(SCENARIO_LIMITS.issues),
  constituencies: z.array(Constituency).max(SCENARIO_LIMITS.constituencies),
  briefs: z.record(Id, Brief),
  events: z.array(NewsEvent).max(SCENARIO_LIMITS.events),
  /** Threats in force from the start: lapses already scheduled when the match opens. */
  scheduled: z.array(ThreatEffect).default([]),
  readouts: z.array(Readout).default([]),
  /** The negotiation rounds; the last is the leaders' summit. */
  rounds: z.array(RoundPlan).min(2, "at least 2 rounds").max(SCENARIO_LIMITS.rounds),
  /** The implementation rounds after the summit, on the real calendar. */
  implementation: z.array(RoundPlan).max(SCENARIO_LIMITS.rounds).default([]),
  phases: PhaseDurations,
  market: z.object({ start: z.number().positive(), agreementRally: z.number() }),
  trust: z.number().min(0).max(100),
  scoring: z.object({
    pressureWeight: z.number().min(0),
    summitBonus: z.number().min(0),
    redLinePenalty: z.number().min(0),
    /** Points a team loses for each breach of an agreement in force. */
    breachPenalty: z.number().min(0).default(0),
    /** Points a team loses per instalment it owed and delivered nothing of (less for a part). */
    missPenalty: z.number().min(0).default(0),
  }),
  reference: z.object({
    label: z.string(),
    date: z.string(),
    levels: z.record(Id, z.number().int().min(0)),
    notes: z.string().default(""),
    zh: zh("label", "date", "notes"),
  }),
});

/** A complete scenario whose cross-references (teams, issues, constituencies, events) all resolve. */
export const Scenario = ScenarioShape.superRefine(checkReferences);
export type Scenario = z.infer<typeof Scenario>;

type Ctx = z.RefinementCtx;

function checkReferences(s: z.output<typeof ScenarioShape>, ctx: Ctx): void {
  const fail = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const teams = new Set(s.teams.map((t) => t.id));
  const issues = new Map(s.issues.map((i) => [i.id, i]));
  const constituencies = new Set(s.constituencies.map((c) => c.id));
  const events = new Set(s.events.map((e) => e.id));
  const levelCount = (id: string) => issues.get(id)?.levels.length ?? 0;
  const unique = (ids: string[], path: (string | number)[], what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) fail([...path, i, "id"], `duplicate ${what} id "${id}"`);
      seen.add(id);
    });
  };
  unique(
    s.teams.map((t) => t.id),
    ["teams"],
    "team",
  );
  unique(
    s.issues.map((i) => i.id),
    ["issues"],
    "issue",
  );
  unique(
    s.constituencies.map((c) => c.id),
    ["constituencies"],
    "constituency",
  );
  unique(
    s.events.map((e) => e.id),
    ["events"],
    "event",
  );
  s.teams.forEach((t, i) => {
    if (!t.roles.some((r) => r.lead)) fail(["teams", i, "roles"], "at least 1 lead role");
    t.roles.forEach((r, j) => {
      const path = ["teams", i, "roles", j, "constituency"];
      if (r.constituency === undefined) return;
      if (r.lead) fail(path, "a lead cannot be a wild card");
      if (!s.constituencies.some((c) => c.id === r.constituency && c.team === t.id))
        fail(path, `no constituency "${r.constituency}" of team "${t.id}"`);
    });
    unique(
      t.roles.map((r) => r.id),
      ["teams", i, "roles"],
      "role",
    );
  });
  const checkMeters = (changes: Record<string, number> | undefined, path: (string | number)[]) => {
    for (const id of Object.keys(changes ?? {})) {
      if (!constituencies.has(id)) fail([...path, id], `unknown constituency "${id}"`);
    }
  };
  s.issues.forEach((issue, i) => {
    if (!teams.has(issue.holder)) fail(["issues", i, "holder"], `unknown team "${issue.holder}"`);
    if (issue.start >= issue.levels.length) fail(["issues", i, "start"], "start is not a level");
    checkMeters(issue.delivery?.delivered, ["issues", i, "delivery", "delivered"]);
    checkMeters(issue.delivery?.missed, ["issues", i, "delivery", "missed"]);
  });
  s.constituencies.forEach((c, i) => {
    if (!teams.has(c.team)) fail(["constituencies", i, "team"], `unknown team "${c.team}"`);
    c.drivers.forEach((d, j) => {
      const path = ["constituencies", i, "drivers", j];
      if (!issues.has(d.issue)) fail([...path, "issue"], `unknown issue "${d.issue}"`);
      else if (d.perLevel.length !== levelCount(d.issue))
        fail([...path, "perLevel"], `needs ${levelCount(d.issue)} numbers, one per level`);
    });
  });
  for (const team of teams) {
    const brief = s.briefs[team];
    if (!brief) {
      fail(["briefs", team], "missing brief");
      continue;
    }
    for (const issue of s.issues) {
      const points = brief.points[issue.id];
      if (!points) fail(["briefs", team, "points", issue.id], "missing points");
      else if (points.length !== issue.levels.length)
        fail(["briefs", team, "points", issue.id], `needs ${issue.levels.length} numbers`);
    }
    brief.redLines.forEach((r, i) => {
      const path = ["briefs", team, "redLines", i];
      if (!issues.has(r.issue)) fail([...path, "issue"], `unknown issue "${r.issue}"`);
      else if (r.levels.some((l) => l >= levelCount(r.issue)))
        fail([...path, "levels"], "a level out of range");
    });
  }
  for (const [id, brief] of Object.entries(s.briefs)) {
    const team = s.teams.find((t) => t.id === id);
    if (!team) fail(["briefs", id], `unknown team "${id}"`);
    for (const role of Object.keys(brief.roles))
      if (team && !team.roles.some((r) => r.id === role))
        fail(["briefs", id, "roles", role], `unknown role "${role}" of team "${id}"`);
  }
  const checkThreat = (threat: ThreatEffect, path: (string | number)[]) => {
    if (threat.level >= levelCount(threat.issue))
      fail(path, `no level ${threat.level} on issue "${threat.issue}"`);
  };
  s.events.forEach((e, i) => {
    checkMeters(e.effects.shocks, ["events", i, "effects", "shocks"]);
    e.effects.threats.forEach((threat, j) => {
      checkThreat(threat, ["events", i, "effects", "threats", j]);
    });
  });
  s.scheduled.forEach((threat, i) => {
    checkThreat(threat, ["scheduled", i]);
  });
  s.readouts.forEach((r, i) => {
    r.issues.forEach((id, j) => {
      if (!issues.has(id)) fail(["readouts", i, "issues", j], `unknown issue "${id}"`);
    });
  });
  for (const plan of ["rounds", "implementation"] as const)
    s[plan].forEach((r, i) => {
      r.events.forEach((id, j) => {
        if (!events.has(id)) fail([plan, i, "events", j], `unknown event "${id}"`);
      });
    });
  for (const issue of s.issues) {
    const level = s.reference.levels[issue.id];
    if (level === undefined) fail(["reference", "levels", issue.id], "missing level");
    else if (level >= issue.levels.length)
      fail(["reference", "levels", issue.id], "level out of range");
  }
}
