import { agreedLevels, hasAgreement } from "../state.ts";
import { done, player, type Rule, teamName } from "./kit.ts";
import { signRedLines } from "./proposals.ts";

/**
 * A lead endorses the framework at the leaders' summit, or declines to (DESIGN: the last round).
 * There must be an agreement to endorse, and a lead who endorses answers for any red line the agreed
 * levels cross.
 */
export const endorse: Rule<"summit/endorse"> = {
  who: "lead",
  phases: ["summit"],
  permit: (_s, board) =>
    hasAgreement(board)
      ? undefined
      : { code: "summit/no-agreement", message: "There is no agreement to endorse." },
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const current = state.teams[team];
    if (!current) throw new Error(`Unknown team ${team}`);
    let next = {
      ...state,
      teams: { ...state.teams, [team]: { ...current, endorsed: intent.endorse } },
    };
    if (intent.endorse) next = signRedLines(scenario, next, [team], agreedLevels(state));
    const verb = intent.endorse ? "endorses" : "declines to endorse";
    return done(next, {
      type: "summit/endorsed",
      to: "all",
      text: `${teamName(scenario, team)} ${verb} the framework.`,
      values: { team, endorse: intent.endorse ? "yes" : "no" },
    });
  },
};
