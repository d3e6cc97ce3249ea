import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apply,
  type Command,
  type LogEntry,
  type LogHeader,
  lastRound,
  legalCommands,
  type MatchState,
  makeHeader,
  openMatch,
  permit,
  replay,
  sealLog,
  step,
  viewFor,
} from "../../shared/index.ts";
import { deepFreeze, scenario } from "./helpers.ts";
import { type Choice, choice, commandFor } from "./random-commands.ts";

const header = (seed: number, rounds: number): LogHeader =>
  makeHeader({
    matchId: `prop-${seed}`,
    createdAt: "2026-11-28T00:00:00Z",
    scenario,
    seed,
    settings: { rounds, implementation: 1 },
  });

type Played = { states: MatchState[]; entries: LogEntry[]; tried: Command[]; header: LogHeader };

/** Plays random commands (legal and not) from a header, keeping every accepted state and entry. */
function play(seed: number, rounds: number, choices: readonly Choice[]): Played {
  const h = header(seed, rounds);
  let head = openMatch(h);
  const played: Played = { states: [head.state], entries: [], tried: [], header: h };
  choices.forEach((c, i) => {
    const command = commandFor(head.state, c);
    played.tried.push(command);
    const result = step(scenario, deepFreeze(head), command, i * 100);
    if (!result.ok) return;
    head = result.head;
    played.states.push(head.state);
    played.entries.push(result.entry);
  });
  return played;
}

const matches = fc.record({
  seed: fc.nat(0xffffffff),
  rounds: fc.integer({ min: 2, max: 5 }),
  choices: fc.array(choice, { minLength: 150, maxLength: 400, size: "max" }),
});

const RUNS = { numRuns: 40 };

/** Fails if a team's view of the state shows the other team's brief, caucus, drafts or meters. */
function expectNoLeak(last: MatchState): void {
  for (const team of scenario.teams) {
    const other = scenario.teams.find((t) => t.id !== team.id)?.id ?? "";
    const seen = viewFor(scenario, last, {
      kind: "team",
      team: team.id,
      role: team.roles[0]?.id ?? "",
    });
    const view = JSON.stringify(seen);
    expect(view).not.toContain(scenario.briefs[other]?.summary ?? "?");
    for (const line of last.teams[other]?.private?.caucus ?? [])
      expect(view).not.toContain(`"text":"${line.text}"`);
    expect(seen.teams[other]).not.toHaveProperty("private");
    for (const c of scenario.constituencies.filter((x) => x.team === other))
      expect(view).not.toContain(`"${c.id}":`);
  }
}

describe("properties of the rules", () => {
  it("replays any log of random play to the same state and hashes", () => {
    fc.assert(
      fc.property(matches, ({ seed, rounds, choices }) => {
        const played = play(seed, rounds, choices);
        const result = replay(JSON.parse(JSON.stringify(sealLog(played.header, played.entries))));
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.head.state).toEqual(played.states[played.states.length - 1]);
      }),
      RUNS,
    );
  });

  it("keeps every level, meter, capital, trust and market figure in range", () => {
    fc.assert(
      fc.property(matches, ({ seed, rounds, choices }) => {
        for (const s of play(seed, rounds, choices).states) {
          for (const issue of scenario.issues) {
            const level = s.levels[issue.id] ?? -1;
            expect(level).toBeGreaterThanOrEqual(0);
            expect(level).toBeLessThan(issue.levels.length);
          }
          for (const team of Object.values(s.teams)) {
            for (const meter of Object.values(team.private?.meters ?? {}))
              expect(meter >= 0 && meter <= 100).toBe(true);
            expect(team.private && team.private.capital >= 0 && team.private.capital <= 100).toBe(
              true,
            );
          }
          expect(s.trust >= 0 && s.trust <= 100).toBe(true);
          expect(s.market.index).toBeGreaterThan(0);
          expect(s.round >= 1 && s.round <= lastRound(s)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("never lets one team's seat change the other team's private state or levers", () => {
    fc.assert(
      fc.property(matches, ({ seed, rounds, choices }) => {
        const played = play(seed, rounds, choices);
        played.entries.forEach((entry, i) => {
          const { actor, intent } = entry.command;
          if (actor.kind !== "player") return;
          const before = played.states[i];
          const after = played.states[i + 1];
          if (!before || !after) throw new Error("missing state");
          const other = scenario.teams.find((t) => t.id !== actor.team)?.id ?? "";
          expect(after.teams[other]?.private?.caucus).toEqual(before.teams[other]?.private?.caucus);
          expect(after.teams[other]?.private?.drafts).toEqual(before.teams[other]?.private?.drafts);
          expect(after.teams[other]?.endorsed).toEqual(before.teams[other]?.endorsed);
          if (intent.type === "issue/move") {
            const held = scenario.issues.filter((x) => x.holder === other).map((x) => x.id);
            for (const id of held) expect(after.levels[id]).toBe(before.levels[id]);
          }
        });
      }),
      RUNS,
    );
  });

  it("never shows a team the other team's brief, caucus chat or drafts", () => {
    fc.assert(
      fc.property(matches, ({ seed, rounds, choices }) => {
        const live = play(seed, rounds, choices).states.filter((s) => s.phase !== "ended");
        const sampled = live.filter((_, i) => i % 25 === 0 || i === live.length - 1);
        expect(sampled.length).toBeGreaterThan(0);
        for (const state of sampled) expectNoLeak(state);
      }),
      RUNS,
    );
  });

  it("accepts a command only if legalCommands offered its type and target to that seat", () => {
    fc.assert(
      fc.property(matches, ({ seed, rounds, choices }) => {
        const played = play(seed, rounds, choices);
        played.entries.forEach((entry, i) => {
          const { actor, intent } = entry.command;
          const state = played.states[i];
          if (!state || actor.kind === "clock") return;
          const seat =
            actor.kind === "player"
              ? { kind: "team" as const, team: actor.team, role: actor.role }
              : { kind: "facilitator" as const };
          const offered = legalCommands(scenario, viewFor(scenario, state, seat));
          const match = offered.some(
            (a) =>
              a.type === intent.type &&
              Object.entries(a).every(([k, v]) => (intent as Record<string, unknown>)[k] === v),
          );
          expect(match, `${intent.type} accepted but not offered`).toBe(true);
        });
        const last = played.states[played.states.length - 1];
        if (!last) return;
        for (const c of played.tried) {
          const denied = permit(scenario, last, c.actor, c.intent);
          if (denied) expect(apply(scenario, last, c).ok).toBe(false);
        }
      }),
      RUNS,
    );
  });
});
