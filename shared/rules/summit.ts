import { done, player, type Rule, teamName } from "./kit.ts";

/** A lead endorses the framework at the leaders' summit, or declines to (DESIGN: the last round). */
export const endorse: Rule<"summit/endorse"> = {
  who: "lead",
  phases: ["summit"],
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const current = state.teams[team];
    if (!current) throw new Error(`Unknown team ${team}`);
    const next = {
      ...state,
      teams: { ...state.teams, [team]: { ...current, endorsed: intent.endorse } },
    };
    const verb = intent.endorse ? "endorses" : "declines to endorse";
    return done(next, {
      type: "summit/endorsed",
      to: "all",
      text: `${teamName(scenario, team)} ${verb} the framework.`,
    });
  },
};
