import type { IntentType } from "../commands.ts";
import { legalCommands } from "../legal.ts";
import { checkPackage, isRuleError, signingCost } from "../rules/proposals.ts";
import type { Scenario } from "../scenario/schema.ts";
import { crossedRedLines } from "../scoring.ts";
import { agreedLevels, openThreats } from "../state.ts";
import type { View } from "../view.ts";
import { type Acceptance, accepts } from "./acceptance.ts";
import {
  type Agent,
  type AgentInput,
  type BotDecision,
  decisionPoint,
  seededRandom,
} from "./agent.ts";
import {
  type BotStrategy,
  progress,
  reservation,
  target,
  theirProposals,
  worth,
} from "./concession.ts";
import { buildOffer } from "./offer.ts";
import { frequencyModel } from "./opponent.ts";

/** How a built-in bot plays: its strategy, how reliably it delivers (0–1), its seed and acceptance. */
export type BotSettings = {
  readonly strategy: BotStrategy;
  readonly compliance: number;
  readonly seed: number;
  readonly acceptance?: Acceptance;
};

/** A bot's acceptance strategy: its own, else AC_next for the hardliner (it holds) and AC_combi for the rest. */
const acceptanceOf = (bot: BotSettings): Acceptance =>
  bot.acceptance ?? (bot.strategy === "hardliner" ? "next" : "combi");

/** What a bot that shares its team with a person leaves to that person, suggesting it instead. */
const TEAM_DECISIONS: ReadonlySet<IntentType> = new Set([
  "team/ready",
  "proposal/accept",
  "summit/endorse",
  "agreement/snapback",
]);

/** A built-in bot as an agent: the same interface any other agent plays through. */
export function builtInAgent(bot: BotSettings): Agent {
  return { name: bot.strategy, decide: (input) => negotiate(input, bot) };
}

/**
 * Asks an agent what a seat does next, from that seat's view alone, with its seeded random source
 * for this decision point. Beside a person (`people`), a bot never marks the team ready, signs,
 * endorses or snaps back for them: it suggests, and the person decides.
 */
export function runAgent(
  agent: Agent,
  scenario: Scenario,
  view: View,
  seed: number,
  options: { readonly clock?: number; readonly people?: boolean } = {},
): BotDecision & { readonly suggestion?: boolean } {
  if (view.seat.kind !== "team") return { reason: "not seated" };
  const decision = agent.decide({
    scenario,
    view,
    legal: legalCommands(scenario, view),
    clock: options.clock,
    random: seededRandom(seed, decisionPoint(view)),
  });
  if (options.people && decision.intent && TEAM_DECISIONS.has(decision.intent.type))
    return { reason: `I suggest: ${decision.reason}. The decision is yours.`, suggestion: true };
  return decision;
}

/** What a built-in bot in a seat does next (see `runAgent`). */
export function decide(
  scenario: Scenario,
  view: View,
  bot: BotSettings,
  options: { readonly clock?: number; readonly people?: boolean } = {},
): BotDecision & { readonly suggestion?: boolean } {
  return runAgent(builtInAgent(bot), scenario, view, bot.seed, options);
}

/**
 * The built-in bots' play: deliver what is due (per compliance), snap back in proportion to a
 * reported shortfall, endorse at the summit when no red line is crossed, accept by the acceptance
 * strategy, otherwise table or counter the package at the strategy's target that the other side is
 * estimated to like best — never one crossing its own red lines, never one already agreed, and none
 * once what is in force is worth its target — and mark the team ready when nothing is left to do.
 */
function negotiate(input: AgentInput, bot: BotSettings): BotDecision {
  const { scenario, view, legal, clock, random } = input;
  if (view.seat.kind !== "team") return { reason: "not seated" };
  const team = view.seat.team;
  const has = (type: IntentType) => legal.some((a) => a.type === type);

  const due = legal.find((a) => a.type === "commitment/deliver");
  if (due) {
    const luck = random();
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
  for (const snap of legal.filter((a) => a.type === "agreement/snapback")) {
    const owed = view.agreements
      .find((a) => a.id === snap.agreementId)
      ?.commitments.filter((c) => c.to === team)
      .flatMap((c) => c.instalments.filter((i) => i.reported !== undefined));
    const amount = owed?.reduce((sum, i) => sum + i.amount, 0) ?? 0;
    const shortfall = amount
      ? 1 - (owed?.reduce((sum, i) => sum + (i.reported ?? 0), 0) ?? 0) / amount
      : 1;
    if (random() < shortfall)
      return {
        intent: { type: "agreement/snapback", agreementId: String(snap.agreementId) },
        reason: `their deliveries were reported ${Math.round(100 * shortfall)}% short: snap back`,
      };
  }

  if (has("summit/endorse") && view.teams[team]?.endorsed === undefined) {
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
    const aim = target(bot.strategy, scenario, view, team, bot.seed, clock);
    const next = buildOffer(
      scenario,
      view,
      team,
      aim.value,
      frequencyModel(scenario, view, team),
      random,
    );
    const nextWorth = worth(scenario, view, team, next.levels);
    const offers = theirProposals(view, team);
    const best = Math.max(0, ...offers.map((p) => worth(scenario, view, team, p.package.levels)));
    const t = progress(view, clock);
    const floor = reservation(scenario, view, team);
    const capital = view.teams[team]?.private?.capital ?? 0;
    for (const proposal of offers.filter((p) => p.status === "open").reverse()) {
      const value = worth(scenario, view, team, proposal.package.levels);
      const outcome = { ...agreedLevels(view), ...proposal.package.levels };
      if (
        has("proposal/accept") &&
        !isRuleError(checkPackage(scenario, view, proposal.package)) &&
        capital >= signingCost(scenario, view, team, proposal.package) &&
        crossedRedLines(scenario, team, outcome).length === 0 &&
        accepts(acceptanceOf(bot), { offer: value, next: nextWorth, floor, t, best })
      )
        return {
          intent: { type: "proposal/accept", proposalId: proposal.id },
          reason: `accept ${proposal.id}: worth ${value.toFixed(1)} to me, my next offer ${nextWorth.toFixed(1)}; ${aim.why}`,
        };
    }
    const coming = Object.fromEntries(openThreats(view).map((t) => [t.issue, t.level]));
    const satisfied = worth(scenario, view, team, coming) >= aim.value;
    const lastOwn = view.proposals.filter((p) => p.by === team && p.round === view.round).at(-1);
    const repeat =
      isRuleError(checkPackage(scenario, view, next)) ||
      (lastOwn && JSON.stringify(lastOwn.package.levels) === JSON.stringify(next.levels));
    const latest = offers.filter((p) => p.status === "open").at(-1);
    if (!satisfied && !repeat && latest && has("proposal/counter"))
      return {
        intent: { type: "proposal/counter", proposalId: latest.id, package: next },
        reason: `counter ${latest.id} with an offer worth ${nextWorth.toFixed(1)}: ${aim.why}`,
      };
    if (!satisfied && !repeat && has("proposal/table"))
      return {
        intent: { type: "proposal/table", package: next },
        reason: `offer worth ${nextWorth.toFixed(1)} to me: ${aim.why}`,
      };
  }

  if (!view.teams[team]?.ready && has("team/ready"))
    return { intent: { type: "team/ready", ready: true }, reason: "nothing more to do this phase" };
  return { reason: "waiting" };
}
