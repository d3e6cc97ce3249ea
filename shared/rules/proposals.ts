import type { Actor, Package } from "../commands.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { Board, MatchState, Proposal } from "../state.ts";
import {
  done,
  findIssue,
  type GameEvent,
  type Outcome,
  otherTeam,
  player,
  privateOf,
  type Rule,
  type RuleError,
  refuse,
  takeId,
  teamName,
  tenth,
  updatePrivate,
} from "./kit.ts";
import { marketReaction, moveMarket, moveTrust } from "./market.ts";
import { metersFor } from "./pressure.ts";

/** Capital a lead spends per point of pressure a package adds to its constituencies. */
export const SIGNING_COST_PER_POINT = 0.5;
/** Trust gained when a package is accepted. */
export const TRUST_ON_AGREEMENT = 8;

/** Checks a package against the scenario and the board (DESIGN: proposals are packages). */
export function checkPackage(
  scenario: Scenario,
  board: Board,
  pkg: Package,
): RuleError | undefined {
  for (const [id, level] of Object.entries(pkg.levels)) {
    const issue = findIssue(scenario, id);
    if (!issue) return { code: "package/unknown-issue", message: `There is no issue "${id}".` };
    if (level >= issue.levels.length)
      return {
        code: "package/level-out-of-range",
        message: `${issue.label} has no level ${level}.`,
      };
  }
  for (const c of pkg.commitments) {
    const issue = findIssue(scenario, c.issue);
    if (!issue?.delivery)
      return {
        code: "package/bad-commitment",
        message: `Nothing can be delivered on "${c.issue}".`,
      };
    if (c.by !== issue.holder)
      return {
        code: "package/bad-commitment",
        message: `Only ${teamName(scenario, issue.holder)} can deliver on ${issue.label}.`,
      };
    if (c.instalments.some((i) => i.round < board.round || i.round > board.rounds))
      return {
        code: "package/bad-commitment",
        message: `Instalments must fall in rounds ${board.round} to ${board.rounds}.`,
      };
  }
  const changes = Object.entries(pkg.levels).some(([id, level]) => board.levels[id] !== level);
  if (!changes && pkg.commitments.length === 0)
    return { code: "proposal/empty", message: "The package changes nothing on the table." };
  return undefined;
}

/** The capital a team's lead would spend to sign a package: the pressure it adds at home. */
export function signingCost(scenario: Scenario, board: Board, team: string, pkg: Package): number {
  const now = metersFor(scenario, board, team);
  const after = metersFor(scenario, board, team, { ...board.levels, ...pkg.levels });
  let added = 0;
  for (const [id, value] of Object.entries(after)) added += Math.max(0, value - (now[id] ?? value));
  return tenth(added * SIGNING_COST_PER_POINT);
}

function findProposal(board: Board, id: string): Proposal | undefined {
  return board.proposals.find((p) => p.id === id);
}

/** Checks that a proposal is open and was tabled by the other team. */
function permitAnswer(board: Board, actor: Actor, proposalId: string): RuleError | undefined {
  const proposal = findProposal(board, proposalId);
  if (!proposal)
    return { code: "proposal/unknown", message: `There is no proposal ${proposalId}.` };
  if (proposal.status !== "open")
    return { code: "proposal/not-open", message: `Proposal ${proposalId} is ${proposal.status}.` };
  if (proposal.by === player(actor).team)
    return { code: "proposal/own", message: "That is your own team's proposal." };
  return undefined;
}

function openProposals(board: Board) {
  return board.proposals.filter((p) => p.status === "open").map((p) => ({ proposalId: p.id }));
}

function setStatus(state: MatchState, id: string, status: Proposal["status"]): MatchState {
  return { ...state, proposals: state.proposals.map((p) => (p.id === id ? { ...p, status } : p)) };
}

function addProposal(
  scenario: Scenario,
  state: MatchState,
  by: string,
  pkg: Package,
  note: string | undefined,
  counterTo?: string,
): Outcome {
  const bad = checkPackage(scenario, state, pkg);
  if (bad) return { ok: false, error: bad };
  const [id, next] = takeId(state, "p");
  const proposal: Proposal = {
    id,
    by,
    round: state.round,
    package: pkg,
    note,
    counterTo,
    status: "open",
  };
  const verb = counterTo ? `counters ${counterTo} with` : "tables";
  return done(
    { ...next, proposals: [...next.proposals, proposal] },
    {
      type: "proposal/tabled",
      to: "all",
      text: `${teamName(scenario, by)} ${verb} proposal ${id}.`,
    },
  );
}

/** A seat tables a package for the other team. */
export const tableProposal: Rule<"proposal/table"> = {
  who: "player",
  phases: ["table"],
  run: (scenario, state, actor, intent) =>
    addProposal(scenario, state, player(actor).team, intent.package, intent.note),
};

/** A seat answers the other team's open proposal with a package of its own. */
export const counterProposal: Rule<"proposal/counter"> = {
  who: "player",
  phases: ["table"],
  targets: (_s, board) => openProposals(board),
  permit: (_s, board, actor, intent) => permitAnswer(board, actor, intent.proposalId),
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const outcome = addProposal(
      scenario,
      state,
      team,
      intent.package,
      intent.note,
      intent.proposalId,
    );
    if (!outcome.ok) return outcome;
    return { ...outcome, state: setStatus(outcome.state, intent.proposalId, "countered") };
  },
};

/**
 * The lead accepts the other team's open proposal (DESIGN: only a lead accepts). Signing spends
 * political capital equal to the pressure the package adds at home; markets rally at once, and the
 * levels take effect at the round's resolution.
 */
export const acceptProposal: Rule<"proposal/accept"> = {
  who: "lead",
  phases: ["table"],
  targets: (_s, board) => openProposals(board),
  permit: (_s, board, actor, intent) => permitAnswer(board, actor, intent.proposalId),
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const proposal = findProposal(state, intent.proposalId);
    if (!proposal) return refuse("proposal/unknown", `There is no proposal ${intent.proposalId}.`);
    const stale = checkPackage(scenario, state, proposal.package);
    if (stale) return { ok: false, error: stale };
    const cost = signingCost(scenario, state, team, proposal.package);
    const capital = privateOf(state, team).capital;
    if (cost > capital)
      return refuse(
        "capital/insufficient",
        `Signing would cost ${cost} political capital and you have ${capital}: domestic pressure is too high.`,
      );
    let next = updatePrivate(state, team, (own) => ({
      ...own,
      capital: tenth(own.capital - cost),
    }));
    next = setStatus(next, proposal.id, "accepted");
    const agreementId = `a${next.nextId}`;
    const commitments = proposal.package.commitments.map((terms, i) => ({
      id: `c${next.nextId + 1 + i}`,
      issue: terms.issue,
      by: terms.by,
      to: otherTeam(scenario, terms.by),
      instalments: terms.instalments.map((inst) => ({ round: inst.round, amount: inst.amount })),
    }));
    next = {
      ...next,
      nextId: next.nextId + 1 + commitments.length,
      agreements: [
        ...next.agreements,
        {
          id: agreementId,
          proposalId: proposal.id,
          round: state.round,
          status: "pending",
          levels: proposal.package.levels,
          before: {},
          commitments,
          snapback: proposal.package.snapback,
        },
      ],
    };
    const rally =
      scenario.market.agreementRally +
      marketReaction(scenario, state.levels, proposal.package.levels);
    next = moveTrust(moveMarket(next, rally), TRUST_ON_AGREEMENT);
    const event: GameEvent = {
      type: "proposal/accepted",
      to: "all",
      text: `${teamName(scenario, team)} accepts proposal ${proposal.id}: agreement ${agreementId} takes effect at resolution.`,
    };
    return done(next, event);
  },
};

/** A seat of the receiving team rejects an open proposal. */
export const rejectProposal: Rule<"proposal/reject"> = {
  who: "player",
  phases: ["table"],
  targets: (_s, board) => openProposals(board),
  permit: (_s, board, actor, intent) => permitAnswer(board, actor, intent.proposalId),
  run: (scenario, state, actor, intent) =>
    done(setStatus(state, intent.proposalId, "rejected"), {
      type: "proposal/rejected",
      to: "all",
      text: `${teamName(scenario, player(actor).team)} rejects proposal ${intent.proposalId}.`,
    }),
};

/** A seat of the proposing team withdraws its open proposal. */
export const withdrawProposal: Rule<"proposal/withdraw"> = {
  who: "player",
  phases: ["table"],
  targets: (_s, board) => openProposals(board),
  permit(_s, board, actor, intent) {
    const proposal = findProposal(board, intent.proposalId);
    if (!proposal)
      return { code: "proposal/unknown", message: `There is no proposal ${intent.proposalId}.` };
    if (proposal.by !== player(actor).team)
      return {
        code: "proposal/not-yours",
        message: "Only the team that tabled a proposal can withdraw it.",
      };
    if (proposal.status !== "open")
      return {
        code: "proposal/not-open",
        message: `Proposal ${proposal.id} is ${proposal.status}.`,
      };
    return undefined;
  },
  run: (scenario, state, actor, intent) =>
    done(setStatus(state, intent.proposalId, "withdrawn"), {
      type: "proposal/withdrawn",
      to: "all",
      text: `${teamName(scenario, player(actor).team)} withdraws proposal ${intent.proposalId}.`,
    }),
};

/** Marks every open proposal expired, as the table phase closes. */
export function expireProposals(state: MatchState): MatchState {
  return {
    ...state,
    proposals: state.proposals.map((p) => (p.status === "open" ? { ...p, status: "expired" } : p)),
  };
}
