import type { Intent } from "../commands.ts";
import { sha256Hex } from "../hash.ts";
import { type LegalAction, legalCommands } from "../legal.ts";
import { checkPackage, isRuleError, signingCost } from "../rules/proposals.ts";
import type { Scenario } from "../scenario/schema.ts";
import { crossedRedLines } from "../scoring.ts";
import { agreedLevels } from "../state.ts";
import type { View } from "../view.ts";
import { type BotStrategy, target, worth } from "./concession.ts";
import { buildOffer } from "./offer.ts";

/** How a bot plays: its strategy, how reliably it delivers (0–1), and a seed for its compliance draws. */
export type BotSettings = {
  readonly strategy: BotStrategy;
  readonly compliance: number;
  readonly seed: number;
};

/** A bot's decision: one intent (or none: nothing to do now) and the reason it gives. */
export type BotDecision = { readonly intent?: Intent; readonly reason: string };

/** A number in [0, 1) from a seed and a label: the same for the same inputs, on every host. */
function draw(seed: number, label: string): number {
  return Number.parseInt(sha256Hex(`${seed}:${label}`).slice(0, 8), 16) / 2 ** 32;
}

const has = (legal: readonly LegalAction[], type: Intent["type"]) =>
  legal.some((a) => a.type === type);

/**
 * What a bot in a seat does next, from that seat's view alone (never the other team's brief): it
 * delivers what is due, snaps back after a reported miss, accepts an offer that beats what it would
 * propose next, otherwise tables or counters with an offer at its strategy's target, endorses at the
 * summit when no red line is crossed, and marks its team ready when it has nothing left to do.
 */
export function decide(scenario: Scenario, view: View, bot: BotSettings): BotDecision {
  if (view.seat.kind !== "team") return { reason: "not seated" };
  const team = view.seat.team;
  const legal = legalCommands(scenario, view);
  const ready = view.teams[team]?.ready ?? false;
  const own = view.teams[team]?.private;

  const due = legal.find((a) => a.type === "commitment/deliver");
  if (due) {
    const luck = draw(bot.seed, `${due.commitmentId}/${due.instalment}`);
    const fraction = luck < bot.compliance ? 1 : luck < (1 + bot.compliance) / 2 ? 0.5 : 0;
    return {
      intent: {
        type: "commitment/deliver",
        commitmentId: String(due.commitmentId),
        instalment: Number(due.instalment),
        fraction,
      },
      reason: `deliver ${fraction * 100}%: compliance ${bot.compliance}, draw ${luck.toFixed(2)}`,
    };
  }
  const snap = legal.find((a) => a.type === "agreement/snapback");
  if (snap)
    return {
      intent: { type: "agreement/snapback", agreementId: String(snap.agreementId) },
      reason: "their delivery was reported short: snap back",
    };

  if (has(legal, "summit/endorse") && view.teams[team]?.endorsed === undefined) {
    const crossed = crossedRedLines(scenario, team, agreedLevels(view)).length;
    return {
      intent: { type: "summit/endorse", endorse: crossed === 0 },
      reason:
        crossed === 0
          ? "endorse: the deal crosses none of my red lines"
          : `decline: the deal crosses ${crossed} red line(s)`,
    };
  }

  if (view.phase === "table" && view.round <= view.rounds) {
    const aim = target(bot.strategy, scenario, view, team);
    const next = buildOffer(scenario, view, team, aim.value);
    const nextWorth = worth(scenario, view, team, next.levels);
    const open = view.proposals.filter((p) => p.status === "open" && p.by !== team);
    for (const proposal of [...open].reverse()) {
      const value = worth(scenario, view, team, proposal.package.levels);
      const affordable = (own?.capital ?? 0) >= signingCost(scenario, view, team, proposal.package);
      const clear =
        crossedRedLines(scenario, team, { ...agreedLevels(view), ...proposal.package.levels })
          .length === 0;
      if (
        has(legal, "proposal/accept") &&
        value >= Math.min(nextWorth, aim.value) &&
        affordable &&
        clear
      )
        return {
          intent: { type: "proposal/accept", proposalId: proposal.id },
          reason: `accept ${proposal.id}: worth ${value.toFixed(1)} to me, at least my next offer (${nextWorth.toFixed(1)}); ${aim.why}`,
        };
    }
    const lastOwn = view.proposals.filter((p) => p.by === team && p.round === view.round).at(-1);
    const repeat =
      isRuleError(checkPackage(scenario, view, next)) ||
      (lastOwn && JSON.stringify(lastOwn.package.levels) === JSON.stringify(next.levels));
    const latest = open.at(-1);
    if (!repeat && latest && has(legal, "proposal/counter"))
      return {
        intent: { type: "proposal/counter", proposalId: latest.id, package: next },
        reason: `counter ${latest.id} with an offer worth ${nextWorth.toFixed(1)}: ${aim.why}`,
      };
    if (!repeat && has(legal, "proposal/table"))
      return {
        intent: { type: "proposal/table", package: next },
        reason: `offer worth ${nextWorth.toFixed(1)} to me: ${aim.why}`,
      };
  }

  if (!ready && has(legal, "team/ready"))
    return { intent: { type: "team/ready", ready: true }, reason: "nothing more to do this phase" };
  return { reason: "waiting" };
}
