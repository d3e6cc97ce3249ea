import type { Actor, CommitmentTerms, Package } from "../commands.ts";
import { canonicalJson } from "../hash.ts";
import type { Scenario } from "../scenario/schema.ts";
import { crossedRedLines } from "../scoring.ts";
import {
  agreedLevels,
  type Board,
  type LevelChange,
  lastRound,
  type MatchState,
  openThreats,
  type Proposal,
} from "../state.ts";
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
  takeIds,
  teamName,
  tenth,
  updatePrivate,
} from "./kit.ts";
import { marketReaction, moveMarket } from "./market.ts";
import { metersFor } from "./pressure.ts";
import { moveTrust, trustEffects } from "./trust.ts";

/** Capital a lead spends per point of pressure a package adds to its constituencies, at middling trust. */
export const SIGNING_COST_PER_POINT = 0.5;
/** Trust gained when a package is accepted. */
export const TRUST_ON_AGREEMENT = 8;

/** A package checked against the board: what it changes, and the package naming only those issues. */
export type CheckedPackage = {
  readonly package: Package;
  readonly changes: readonly LevelChange[];
};

const sameTerms = (a: readonly CommitmentTerms[], b: readonly CommitmentTerms[]) =>
  canonicalJson(a) === canonicalJson(b);

/**
 * Checks a package against the scenario and the board (DESIGN: packages name only what they change)
 * and works out its changes against the levels agreed now: an issue counts when its level differs or
 * when naming it calls off a threat pending on it. Issues that change nothing are dropped. A package
 * that changes nothing is refused, with its own code when it only repeats an agreement of this round.
 */
export function checkPackage(
  scenario: Scenario,
  board: Board,
  pkg: Package,
): CheckedPackage | RuleError {
  for (const [id, level] of Object.entries(pkg.levels)) {
    const issue = findIssue(scenario, id);
    if (!issue) return { code: "package/unknown-issue", message: `There is no issue "${id}".` };
    if (issue.domestic && level !== board.levels[id])
      return {
        code: "package/domestic-issue",
        message: `${issue.label} is decided at home, not at the table.`,
      };
    if (level >= issue.levels.length)
      return {
        code: "package/level-out-of-range",
        message: `${issue.label} has no level ${level}.`,
      };
  }
  const last = lastRound(board);
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
    if (c.instalments.some((i) => i.round < board.round || i.round > last))
      return {
        code: "package/bad-commitment",
        message: `Instalments must fall in rounds ${board.round} to ${last}.`,
      };
  }
  const agreed = agreedLevels(board);
  const threats = openThreats(board);
  const changes: LevelChange[] = [];
  for (const [issue, to] of Object.entries(pkg.levels)) {
    const from = agreed[issue] ?? to;
    const cancels = threats.find((t) => t.issue === issue);
    if (from !== to || cancels) changes.push({ issue, from, to, ...(cancels && { cancels }) });
  }
  const pending = board.agreements.filter((a) => a.status === "pending");
  const repeatsTerms =
    pkg.commitments.length > 0 &&
    pending.some((a) =>
      sameTerms(
        a.commitments.map(({ issue, by, instalments }) => ({
          issue,
          by,
          instalments: instalments.map(({ round, amount }) => ({ round, amount })),
        })),
        pkg.commitments,
      ),
    );
  if (changes.length === 0 && (pkg.commitments.length === 0 || repeatsTerms)) {
    const repeats =
      repeatsTerms || Object.entries(pkg.levels).some(([id, l]) => board.levels[id] !== l);
    return repeats
      ? {
          code: "proposal/repeats-agreement",
          message: "The package only repeats what was agreed this round.",
        }
      : { code: "proposal/no-change", message: "The package changes nothing on the table." };
  }
  const levels = Object.fromEntries(changes.map((c) => [c.issue, c.to]));
  return { package: { ...pkg, levels }, changes };
}

/** Whether a check of a package failed. */
export function isRuleError(checked: CheckedPackage | RuleError): checked is RuleError {
  return "code" in checked;
}

/**
 * The capital a team's lead would spend to sign a package: the pressure it adds at home, times what
 * trust makes of it (DESIGN: trust acts on the signing cost).
 */
export function signingCost(scenario: Scenario, board: Board, team: string, pkg: Package): number {
  const agreed = agreedLevels(board);
  const now = metersFor(scenario, board, team, agreed);
  const after = metersFor(scenario, board, team, { ...agreed, ...pkg.levels });
  let added = 0;
  for (const [id, value] of Object.entries(after)) added += Math.max(0, value - (now[id] ?? value));
  return tenth(added * SIGNING_COST_PER_POINT * trustEffects(board.trust).signing);
}

/** Where a proposal is: ids are handed out in order and proposals only append, so pN is the N-th. */
function proposalIndex(board: Board, id: string): number {
  const at = Number(id.slice(1)) - 1;
  return board.proposals[at]?.id === id ? at : board.proposals.findIndex((p) => p.id === id);
}

function findProposal(board: Board, id: string): Proposal | undefined {
  return board.proposals[proposalIndex(board, id)];
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
  const at = proposalIndex(state, id);
  const proposal = state.proposals[at];
  if (!proposal) return state;
  const proposals = state.proposals.slice();
  proposals[at] = { ...proposal, status };
  return { ...state, proposals };
}

function addProposal(
  scenario: Scenario,
  state: MatchState,
  by: string,
  pkg: Package,
  note: string | undefined,
  counterTo?: string,
): Outcome {
  const checked = checkPackage(scenario, state, pkg);
  if (isRuleError(checked)) return { ok: false, error: checked };
  const [id, next] = takeId(state, "p");
  const proposal: Proposal = {
    id,
    by,
    round: state.round,
    package: checked.package,
    changes: checked.changes,
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
      values: {
        team: by,
        proposal: id,
        counter: counterTo ? "yes" : "no",
        counters: counterTo ?? "",
      },
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

/** Records, for each team, the red lines that levels it put its name to cross (DESIGN: red lines judge what a team signs). */
export function signRedLines(
  scenario: Scenario,
  state: MatchState,
  teams: readonly string[],
  levels: Readonly<Record<string, number>>,
): MatchState {
  let next = state;
  for (const team of teams) {
    const crossed = crossedRedLines(scenario, team, levels);
    const known = privateOf(next, team).redLines;
    const added = crossed.filter((issue) => !known.includes(issue));
    if (added.length)
      next = updatePrivate(next, team, (own) => ({ ...own, redLines: [...known, ...added] }));
  }
  return next;
}

/**
 * The lead accepts the other team's open proposal (DESIGN: only a lead accepts). Signing spends
 * political capital for the pressure the package adds at home, scaled by trust; markets rally at
 * once; both teams answer for any red line the agreed levels cross; the levels take effect at the
 * round's resolution.
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
    const checked = checkPackage(scenario, state, proposal.package);
    if (isRuleError(checked)) return { ok: false, error: checked };
    const pkg = checked.package;
    const cost = signingCost(scenario, state, team, pkg);
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
    next = signRedLines(scenario, next, [team, proposal.by], {
      ...agreedLevels(state),
      ...pkg.levels,
    });
    next = setStatus(next, proposal.id, "accepted");
    const [agreementId, numbered] = takeId(next, "a");
    const [commitmentIds, counted] = takeIds(numbered, "c", pkg.commitments.length);
    const commitments = pkg.commitments.map((terms, i) => ({
      id: commitmentIds[i] ?? "",
      issue: terms.issue,
      by: terms.by,
      to: otherTeam(scenario, terms.by),
      instalments: terms.instalments.map((inst) => ({ round: inst.round, amount: inst.amount })),
    }));
    next = {
      ...counted,
      agreements: [
        ...next.agreements,
        {
          id: agreementId,
          proposalId: proposal.id,
          round: state.round,
          status: "pending",
          levels: pkg.levels,
          before: {},
          cancelled: [],
          commitments,
          snapback: pkg.snapback,
        },
      ],
    };
    const rally =
      scenario.market.agreementRally + marketReaction(scenario, agreedLevels(state), pkg.levels);
    next = moveTrust(moveMarket(next, rally), TRUST_ON_AGREEMENT);
    const { signing } = trustEffects(state.trust);
    const event: GameEvent = {
      type: "proposal/accepted",
      to: "all",
      text: `${teamName(scenario, team)} accepts proposal ${proposal.id}: agreement ${agreementId} takes effect at resolution.`,
      values: { team, proposal: proposal.id, agreement: agreementId },
    };
    const costEvent: GameEvent = {
      type: "capital/spent",
      to: team,
      text: `Signing cost ${cost} political capital (trust ${state.trust}: ×${signing}).`,
      values: { cost, trust: state.trust, signing },
    };
    return done(next, event, costEvent);
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
      values: { team: player(actor).team, proposal: intent.proposalId },
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
      values: { team: player(actor).team, proposal: intent.proposalId },
    }),
};

/** Marks every open proposal expired, as the table phase closes. */
export function expireProposals(state: MatchState): MatchState {
  return {
    ...state,
    proposals: state.proposals.map((p) => (p.status === "open" ? { ...p, status: "expired" } : p)),
  };
}
