import { seatKey } from "../state.ts";
import { done, findIssue, player, type Rule, refuse, roleOf } from "./kit.ts";

/**
 * A seat hands in its preparation worksheet (DESIGN: roles and preparation), as often as it likes
 * until the preparation phase ends; the last one counts. It stays private to the seat (and the
 * facilitator) until the match ends, when the debrief scores it.
 */
export const submitWorksheet: Rule<"worksheet/submit"> = {
  who: "member",
  phases: ["preparation"],
  run(scenario, state, actor, intent) {
    const { team, role } = player(actor);
    const { worksheet } = intent;
    const named = [
      ...Object.keys(worksheet.priorities),
      ...Object.keys(worksheet.theirPriorities),
      ...Object.keys(worksheet.prediction),
    ];
    if (
      !named.length &&
      worksheet.reservation === undefined &&
      worksheet.theirReservation === undefined
    )
      return refuse("worksheet/blank", "The worksheet is blank: answer at least one question.");
    const unknown = named.find((id) => !findIssue(scenario, id));
    if (unknown)
      return refuse("worksheet/unknown-issue", `No issue "${unknown}" in this scenario.`);
    for (const [id, level] of Object.entries(worksheet.prediction))
      if (level >= (findIssue(scenario, id)?.levels.length ?? 0))
        return refuse("worksheet/no-level", `Issue "${id}" has no level ${level}.`);
    const title = roleOf(scenario, team, role)?.title ?? role;
    return done(
      { ...state, worksheets: { ...state.worksheets, [seatKey(team, role)]: worksheet } },
      {
        type: "worksheet/submitted",
        to: team,
        text: `${title} handed in a worksheet.`,
        values: { team, role },
      },
    );
  },
};
