import type { Scenario } from "../scenario/schema.ts";
import { type Agreement, type Board, type MatchState, threatRound } from "../state.ts";
import {
  done,
  findIssue,
  type GameEvent,
  otherTeam,
  player,
  type Rule,
  refuse,
  teamName,
} from "./kit.ts";
import { marketReaction, moveMarket } from "./market.ts";
import { moveTrust } from "./trust.ts";

/** Trust lost when a team escalates on its own. */
export const TRUST_ON_ESCALATION = -10;
/** Trust lost when the escalation breaks a term of an agreement in force. */
export const TRUST_ON_BREACH = -25;
/** Trust gained when a team eases on its own. */
export const TRUST_ON_GOODWILL = 3;

/** The agreement in force whose term on an issue the level would break: it sets a softer level. */
export function brokenAgreement(
  board: Pick<Board, "agreements">,
  issue: string,
  level: number,
): Agreement | undefined {
  const term = board.agreements.filter((a) => a.status === "in-force" && issue in a.levels).at(-1);
  return term && level < (term.levels[issue] ?? 0) ? term : undefined;
}

/**
 * A lead moves an issue its team holds, now or from a later round (DESIGN: unilateral moves;
 * SCENARIO-FACTS: threats with effective dates). Markets react to the announcement at once, except
 * to a domestic side payment. A move replaces any threat pending on the issue, so confirming the
 * current level withdraws a threat. A harder level than an agreement in force sets is a breach: it
 * is recorded, costs more trust, and lets the other side snap the agreement back.
 */
export const moveIssue: Rule<"issue/move"> = {
  who: "lead",
  phases: ["table"],
  targets: (scenario: Scenario, _board, actor) =>
    scenario.issues.filter((i) => i.holder === player(actor).team).map((i) => ({ issue: i.id })),
  permit(scenario, _board, actor, intent) {
    const issue = findIssue(scenario, intent.issue);
    if (!issue) return { code: "issue/unknown", message: `There is no issue "${intent.issue}".` };
    if (issue.holder !== player(actor).team)
      return {
        code: "issue/not-yours",
        message: `${issue.label} is ${teamName(scenario, issue.holder)}'s lever, not yours.`,
      };
    return undefined;
  },
  run(scenario, state, actor, intent) {
    const issue = findIssue(scenario, intent.issue);
    const current = state.levels[intent.issue];
    if (!issue || current === undefined)
      return refuse("issue/unknown", `There is no issue "${intent.issue}".`);
    if (intent.level >= issue.levels.length)
      return refuse("issue/level-out-of-range", `${issue.label} has no level ${intent.level}.`);
    const threatened = state.threats.some((t) => t.issue === issue.id);
    if (intent.level === current && intent.inRounds === 0 && !threatened)
      return refuse("issue/no-change", `${issue.label} is already at that level.`);
    const team = player(actor).team;
    const broken = brokenAgreement(state, issue.id, intent.level);
    let next: MatchState = state;
    if (!issue.domestic) {
      const reaction = marketReaction(scenario, state.levels, { [issue.id]: intent.level });
      const trust = broken
        ? TRUST_ON_BREACH
        : intent.level < current
          ? TRUST_ON_ESCALATION
          : TRUST_ON_GOODWILL;
      next = moveTrust(moveMarket(next, reaction), trust);
    }
    const events: GameEvent[] = [];
    if (broken) {
      const agreed = broken.levels[issue.id] ?? 0;
      next = {
        ...next,
        breaches: [
          ...next.breaches,
          {
            round: state.round,
            team,
            agreementId: broken.id,
            issue: issue.id,
            agreed,
            level: intent.level,
          },
        ],
      };
      events.push({
        type: "agreement/breached",
        to: "all",
        text: `${teamName(scenario, team)} breaks agreement ${broken.id} on ${issue.label}: ${teamName(scenario, otherTeam(scenario, team))} may snap it back.`,
        values: {
          team,
          agreement: broken.id,
          issue: issue.id,
          other: otherTeam(scenario, team),
        },
      });
    }
    const threats = next.threats.filter((t) => t.issue !== issue.id);
    const label = issue.levels[intent.level]?.label ?? String(intent.level);
    const by = teamName(scenario, issue.holder);
    if (intent.inRounds === 0) {
      next = { ...next, threats, levels: { ...next.levels, [issue.id]: intent.level } };
      return done(
        next,
        {
          type: "issue/moved",
          to: "all",
          text: `${by} moves ${issue.label}: ${label}.`,
          values: { team: issue.holder, issue: issue.id, level: intent.level },
        },
        ...events,
      );
    }
    const round = threatRound(state, state.round, intent);
    next = {
      ...next,
      threats: [...threats, { issue: issue.id, level: intent.level, round, source: issue.holder }],
    };
    return done(
      next,
      {
        type: "issue/threatened",
        to: "all",
        text: `${by} announces ${issue.label}: ${label}, from round ${round}.`,
        values: { team: issue.holder, issue: issue.id, level: intent.level, round },
      },
      ...events,
    );
  },
};
