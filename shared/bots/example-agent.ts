import type { Agent } from "./agent.ts";
import { worth } from "./concession.ts";

/**
 * An example agent, the one the README shows: it asks for a fixed share of the best it could get,
 * lowering it as the rounds pass, and accepts any offer worth at least that. Run it with
 * `npm run -s cli -- tournament --seeds 5 --agent shared/bots/example-agent.ts`.
 */
const example: Agent = {
  name: "example",
  decide({ scenario, view, legal, random }) {
    if (view.seat.kind !== "team") return { reason: "not seated" };
    const team = view.seat.team;
    const aim = 90 - (30 * view.round) / view.rounds + 4 * random();
    for (const p of view.proposals.filter((x) => x.status === "open" && x.by !== team)) {
      const value = worth(scenario, view, team, p.package.levels);
      if (value >= aim && legal.some((a) => a.type === "proposal/accept"))
        return { intent: { type: "proposal/accept", proposalId: p.id }, reason: `worth ${value}` };
    }
    const due = legal.find((a) => a.type === "commitment/deliver");
    if (due) {
      const commitmentId = String(due.commitmentId);
      const instalment = Number(due.instalment);
      const intent = { type: "commitment/deliver", commitmentId, instalment, fraction: 1 } as const;
      return { intent, reason: "I keep my promises" };
    }
    if (legal.some((a) => a.type === "team/ready") && !view.teams[team]?.ready)
      return {
        intent: { type: "team/ready", ready: true },
        reason: `waiting for ${aim.toFixed(0)}`,
      };
    return { reason: "waiting" };
  },
};

export default example;
