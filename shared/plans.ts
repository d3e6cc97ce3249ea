import { roundPlan } from "./rules/phases.ts";
import type { Scenario } from "./scenario/schema.ts";
import type { Phase, PlayingPhase } from "./state.ts";

/**
 * A class plan (DESIGN: roles and preparation): the session settings a lesson of a given length
 * needs, and the minutes the teacher spends before the match (introduction, briefs) and after it
 * (the debrief). `minutes` is undefined for untimed homework.
 */
export type ClassPlan = {
  readonly id: string;
  readonly title: string;
  readonly minutes?: number;
  readonly introMinutes: number;
  readonly rounds: number;
  readonly implementationRounds: number;
  readonly timed: boolean;
  readonly preparation: boolean;
  readonly phaseSeconds: Readonly<Partial<Record<PlayingPhase, number>>>;
};

/** The class plans a session can start from. */
export const CLASS_PLANS: readonly ClassPlan[] = [
  {
    id: "class-50",
    title: "50-minute class",
    minutes: 50,
    introMinutes: 5,
    rounds: 3,
    implementationRounds: 0,
    timed: true,
    preparation: true,
    phaseSeconds: {
      preparation: 300,
      news: 20,
      caucus: 120,
      table: 300,
      summit: 120,
      resolution: 20,
    },
  },
  {
    id: "class-90",
    title: "90-minute class",
    minutes: 90,
    introMinutes: 5,
    rounds: 4,
    implementationRounds: 2,
    timed: true,
    preparation: true,
    phaseSeconds: {
      preparation: 600,
      news: 20,
      caucus: 150,
      table: 330,
      summit: 180,
      resolution: 30,
    },
  },
  {
    id: "homework",
    title: "Homework over several days (untimed)",
    introMinutes: 0,
    rounds: 4,
    implementationRounds: 2,
    timed: false,
    preparation: true,
    phaseSeconds: {},
  },
];

/** One step of a plan's timeline: a phase of a round, and when it starts, in seconds from the start. */
export type TimelineStep = {
  readonly round: number;
  readonly label: string;
  readonly phase: Phase;
  readonly seconds?: number;
  readonly startsAt?: number;
};

/** What a timeline reads of a scenario: its phase lengths and its rounds' labels. */
export type TimelineScenario = Pick<Scenario, "phases" | "rounds" | "implementation">;

/** The settings a timeline is drawn from: a plan, or a session's own. */
export type TimelineSettings = Pick<
  ClassPlan,
  "rounds" | "implementationRounds" | "timed" | "preparation" | "phaseSeconds"
>;

/**
 * The phases a session will run through, in order, with their lengths and start times when it is
 * timed (the scenario's phase lengths where the settings name none). Untimed phases end when both
 * teams are ready or the facilitator moves on.
 */
export function timeline(scenario: TimelineScenario, settings: TimelineSettings): TimelineStep[] {
  const steps: TimelineStep[] = [];
  let clock = 0;
  const add = (round: number, label: string, phase: PlayingPhase) => {
    const seconds = settings.timed
      ? (settings.phaseSeconds[phase] ?? scenario.phases[phase])
      : undefined;
    steps.push({
      round,
      label,
      phase,
      seconds,
      startsAt: seconds === undefined ? undefined : clock,
    });
    clock += seconds ?? 0;
  };
  if (settings.preparation) add(1, "Preparation", "preparation");
  const last = settings.rounds + settings.implementationRounds;
  for (let round = 1; round <= last; round++) {
    const { label } = roundPlan(scenario, settings.rounds, round);
    for (const phase of ["news", "caucus", "table"] as const) add(round, label, phase);
    if (round === settings.rounds) add(round, label, "summit");
    add(round, label, "resolution");
  }
  return steps;
}

/** How long a timed session's match runs, in seconds (0 when untimed). */
export function matchSeconds(steps: readonly TimelineStep[]): number {
  return steps.reduce((sum, step) => sum + (step.seconds ?? 0), 0);
}

/** Minutes and seconds: "5:00". */
export function minutesText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, "0")}`;
}

/** A line of a timeline as people read it: when (timed sessions), what, and its phases. */
export type TimelineRow = { readonly at?: string; readonly title: string; readonly detail: string };

/**
 * A session's timeline by rounds, as the lobby and the teacher's guide show it: the plan's
 * introduction, the preparation, each round with its phases and their lengths, and the debrief the
 * plan leaves room for.
 */
export function timelineRows(
  scenario: TimelineScenario,
  settings: TimelineSettings,
  plan?: Pick<ClassPlan, "minutes" | "introMinutes">,
): TimelineRow[] {
  const steps = timeline(scenario, settings);
  const intro = (plan?.introMinutes ?? 0) * 60;
  const at = (seconds: number | undefined) =>
    settings.timed && seconds !== undefined ? minutesText(intro + seconds) : undefined;
  const rows: TimelineRow[] = [];
  if (intro > 0)
    rows.push({ at: "0:00", title: "Introduction", detail: "the scenario, the roles, the briefs" });
  for (const step of steps) {
    const phase =
      step.seconds === undefined ? step.phase : `${step.phase} ${minutesText(step.seconds)}`;
    const title = step.phase === "preparation" ? "Preparation" : `${step.label}`;
    const last = rows[rows.length - 1];
    if (last && last.title === title && step.phase !== "preparation")
      rows[rows.length - 1] = { ...last, detail: `${last.detail}, ${phase}` };
    else
      rows.push({
        at: at(step.startsAt),
        title,
        detail: step.phase === "preparation" ? `worksheets, ${phase}` : phase,
      });
  }
  const total = matchSeconds(steps);
  if (plan?.minutes !== undefined)
    rows.push({
      at: at(total),
      title: "Debrief",
      detail: `${Math.round((plan.minutes * 60 - intro - total) / 60)} minutes`,
    });
  return rows;
}
