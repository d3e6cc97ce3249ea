import type { Scenario } from "../scenario/schema.ts";
import { done, findIssue, player, type Rule, refuse, teamName } from "./kit.ts";
import { marketReaction, moveMarket, moveTrust } from "./market.ts";

/** Trust lost when a team escalates on its own. */
export const TRUST_ON_ESCALATION = -10;
/** Trust gained when a team eases on its own. */
export const TRUST_ON_GOODWILL = 3;

/**
 * A lead moves an issue its team holds, now or from a later round (DESIGN: unilateral moves;
 * SCENARIO-FACTS: threats with effective dates). Markets react to the announcement at once. A move
 * replaces any threat pending on the issue, so confirming the current level withdraws a threat.
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
  run(scenario, state, _actor, intent) {
    const issue = findIssue(scenario, intent.issue);
    const current = state.levels[intent.issue];
    if (!issue || current === undefined)
      return refuse("issue/unknown", `There is no issue "${intent.issue}".`);
    if (intent.level >= issue.levels.length)
      return refuse("issue/level-out-of-range", `${issue.label} has no level ${intent.level}.`);
    const threatened = state.threats.some((t) => t.issue === issue.id);
    if (intent.level === current && intent.inRounds === 0 && !threatened)
      return refuse("issue/no-change", `${issue.label} is already at that level.`);
    const reaction = marketReaction(scenario, state.levels, { [issue.id]: intent.level });
    let next = moveTrust(
      moveMarket(state, reaction),
      intent.level < current ? TRUST_ON_ESCALATION : TRUST_ON_GOODWILL,
    );
    const threats = next.threats.filter((t) => t.issue !== issue.id);
    const label = issue.levels[intent.level]?.label ?? String(intent.level);
    const by = teamName(scenario, issue.holder);
    if (intent.inRounds === 0) {
      next = { ...next, threats, levels: { ...next.levels, [issue.id]: intent.level } };
      return done(next, {
        type: "issue/moved",
        to: "all",
        text: `${by} moves ${issue.label}: ${label}.`,
      });
    }
    const round = Math.min(state.round + intent.inRounds, state.rounds);
    next = {
      ...next,
      threats: [...threats, { issue: issue.id, level: intent.level, round, source: issue.holder }],
    };
    return done(next, {
      type: "issue/threatened",
      to: "all",
      text: `${by} announces ${issue.label}: ${label}, from round ${round}.`,
    });
  },
};
