import { nextRandom } from "../rng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { Agreement, Board, Commitment, Instalment, MatchState, Threat } from "../state.ts";
import {
  done,
  findIssue,
  type GameEvent,
  player,
  privateOf,
  type Rule,
  refuse,
  teamName,
  tenth,
  updatePrivate,
} from "./kit.ts";
import { marketReaction, moveMarket } from "./market.ts";
import { addShocks } from "./pressure.ts";
import { moveTrust, trustEffects } from "./trust.ts";

/** A reported delivery below this share of the promise lets the receiver invoke snapback. */
export const SNAPBACK_THRESHOLD = 0.9;
/** Trust lost per instalment missed in full. */
export const TRUST_PER_MISS = -15;
/** Trust lost when a team snaps an agreement back. */
export const TRUST_ON_SNAPBACK = -10;

type AgreementIndex = {
  readonly agreements: ReadonlyMap<string, Agreement>;
  readonly commitments: ReadonlyMap<string, readonly [Agreement, Commitment]>;
};
const indexes = new WeakMap<readonly Agreement[], AgreementIndex>();

/** Agreements and commitments by id, indexed once per agreements list (lists are immutable). */
function indexOf(board: Board): AgreementIndex {
  let index = indexes.get(board.agreements);
  if (!index) {
    index = {
      agreements: new Map(board.agreements.map((a) => [a.id, a])),
      commitments: new Map(
        board.agreements.flatMap((a) => a.commitments.map((c) => [c.id, [a, c] as const])),
      ),
    };
    indexes.set(board.agreements, index);
  }
  return index;
}

const findAgreement = (board: Board, id: string) => indexOf(board).agreements.get(id);
const findCommitment = (board: Board, id: string) => indexOf(board).commitments.get(id);

function updateCommitment(
  state: MatchState,
  id: string,
  change: (instalment: Instalment, index: number) => Instalment,
): MatchState {
  return {
    ...state,
    agreements: state.agreements.map((a) =>
      a.commitments.some((c) => c.id === id)
        ? {
            ...a,
            commitments: a.commitments.map((c) =>
              c.id === id ? { ...c, instalments: c.instalments.map(change) } : c,
            ),
          }
        : a,
    ),
  };
}

/** Splits meter changes into those of one team and the rest. */
function changesOf(
  scenario: Scenario,
  changes: Readonly<Record<string, number>>,
  team: string,
  own: boolean,
) {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([id]) => (scenario.constituencies.find((c) => c.id === id)?.team === team) === own,
    ),
  );
}

/** Whether an instalment is due in a round and not yet settled. */
function isDue(instalment: { round: number; delivered?: number }, round: number): boolean {
  return instalment.round === round && instalment.delivered === undefined;
}

/**
 * A seat of the delivering team delivers an instalment due this round, fully, partly or not at all
 * (DESIGN: compliance). It costs the deliverer capital and strains its own constituencies now; the
 * other side feels and sees it only at the next round's news, through a noisy report.
 */
export const deliver: Rule<"commitment/deliver"> = {
  who: "player",
  phases: ["resolution"],
  targets: (_s, board, actor) =>
    dueInstalments(board)
      .filter(({ commitment }) => commitment.by === player(actor).team)
      .map(({ commitment, instalment }) => ({ commitmentId: commitment.id, instalment })),
  permit(_s, board, actor, intent) {
    const found = findCommitment(board, intent.commitmentId);
    if (!found)
      return {
        code: "commitment/unknown",
        message: `There is no commitment ${intent.commitmentId}.`,
      };
    const [agreement, commitment] = found;
    if (commitment.by !== player(actor).team)
      return { code: "commitment/not-yours", message: "Only the promising team delivers." };
    if (agreement.status !== "in-force")
      return {
        code: "commitment/not-in-force",
        message: `Agreement ${agreement.id} is ${agreement.status}.`,
      };
    const instalment = commitment.instalments[intent.instalment];
    if (instalment?.delivered !== undefined)
      return { code: "commitment/already-delivered", message: "That instalment has been settled." };
    if (!instalment || !isDue(instalment, board.round))
      return { code: "commitment/not-due", message: "That instalment is not due this round." };
    return undefined;
  },
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const found = findCommitment(state, intent.commitmentId);
    const delivery = found && findIssue(scenario, found[1].issue)?.delivery;
    if (!found || !delivery)
      return refuse("commitment/unknown", `There is no commitment ${intent.commitmentId}.`);
    const cost = tenth(delivery.capitalCost * intent.fraction);
    const capital = privateOf(state, team).capital;
    if (cost > capital)
      return refuse(
        "capital/insufficient",
        `Delivering costs ${cost} political capital and you have ${capital}.`,
      );
    let next = updateCommitment(state, intent.commitmentId, (inst, i) =>
      i === intent.instalment ? { ...inst, delivered: intent.fraction } : inst,
    );
    next = updatePrivate(next, team, (own) => ({ ...own, capital: tenth(own.capital - cost) }));
    next = addShocks(
      scenario,
      next,
      changesOf(scenario, delivery.delivered, team, true),
      intent.fraction,
    );
    const percent = Math.round(intent.fraction * 100);
    return done(next, {
      type: "commitment/delivered",
      to: team,
      text: `You deliver ${percent}% of instalment ${intent.instalment + 1} of ${intent.commitmentId}.`,
      values: { percent, instalment: intent.instalment + 1, commitment: intent.commitmentId },
    });
  },
};

/**
 * The instalments due this round under agreements in force and not yet delivered (DESIGN:
 * implementation): what the round's resolution settles as missed if it closes first.
 */
export function dueInstalments(
  board: Pick<Board, "agreements" | "round">,
): { readonly commitment: Commitment; readonly instalment: number }[] {
  return board.agreements
    .filter((a) => a.status === "in-force")
    .flatMap((a) => a.commitments)
    .flatMap((commitment) =>
      commitment.instalments.flatMap((due, instalment) =>
        isDue(due, board.round) ? [{ commitment, instalment }] : [],
      ),
    );
}

/** Settles every instalment due this round under an agreement in force that was not delivered: a full miss. */
export function settleMissed(state: MatchState): MatchState {
  const settle = (c: Commitment): Commitment => ({
    ...c,
    instalments: c.instalments.map((i) =>
      i.round === state.round && i.delivered === undefined ? { ...i, delivered: 0 } : i,
    ),
  });
  return {
    ...state,
    agreements: state.agreements.map((a) =>
      a.status === "in-force" ? { ...a, commitments: a.commitments.map(settle) } : a,
    ),
  };
}

/**
 * Reveals settled instalments of past rounds to the receiving side, late and noisily: the report is
 * the true amount off either way by up to the noise trust allows (`trustEffects`), drawn from the
 * match's RNG. The receiver's constituencies feel the delivery or the miss, and trust falls with the
 * shortfall.
 */
export function revealDeliveries(scenario: Scenario, state: MatchState): [MatchState, GameEvent[]] {
  let next = state;
  const events: GameEvent[] = [];
  for (const agreement of state.agreements.filter((a) => a.status === "in-force")) {
    for (const commitment of agreement.commitments) {
      const delivery = findIssue(scenario, commitment.issue)?.delivery;
      commitment.instalments.forEach((inst, index) => {
        if (
          !delivery ||
          inst.delivered === undefined ||
          inst.reported !== undefined ||
          inst.round >= next.round
        )
          return;
        const { noise: width } = trustEffects(next.trust);
        let noise: number;
        [noise, next] = drawNoise(next, width);
        const reported = tenth(inst.amount * inst.delivered * (1 + noise));
        const shortfall = 1 - inst.delivered;
        next = updateCommitment(next, commitment.id, (i, k) =>
          k === index ? { ...i, reported } : i,
        );
        next = addShocks(
          scenario,
          next,
          changesOf(scenario, delivery.delivered, commitment.by, false),
          inst.delivered,
        );
        next = addShocks(scenario, next, delivery.missed, shortfall);
        next = moveTrust(next, TRUST_PER_MISS * shortfall);
        events.push({
          type: "commitment/reported",
          to: "all",
          text: `Reports say ${teamName(scenario, commitment.by)} delivered about ${reported} of ${inst.amount} ${delivery.unit} due in round ${inst.round} (read within ±${Math.round(width * 100)}% at trust ${next.trust}).`,
          values: {
            team: commitment.by,
            issue: commitment.issue,
            reported,
            amount: inst.amount,
            round: inst.round,
            width: Math.round(width * 100),
            trust: next.trust,
          },
        });
      });
    }
  }
  return [next, events];
}

function drawNoise(state: MatchState, width: number): [number, MatchState] {
  const [value, rng] = nextRandom(state.rng);
  return [(value * 2 - 1) * width, { ...state, rng }];
}

/** Whether a reported delivery under an agreement fell short enough to allow snapback. */
export function hasReportedMiss(agreement: Agreement): boolean {
  return agreement.commitments.some((c) =>
    c.instalments.some(
      (i) => i.reported !== undefined && i.reported < i.amount * SNAPBACK_THRESHOLD,
    ),
  );
}

/** Whether the other team than `team` broke a term of the agreement. */
function breachedAgainst(board: Board, agreement: Agreement, team: string): boolean {
  return board.breaches.some((b) => b.agreementId === agreement.id && b.team !== team);
}

/**
 * A lead snaps an agreement back (SCENARIO-FACTS: suspensions that can snap back) when the other
 * side broke one of its terms, or when a delivery owed under a snapback clause was reported short.
 * The issues the snapping team conceded return to where they would be without the agreement: their
 * levels before it, or the level of a threat it called off that has since come due; a threat not yet
 * due is armed again.
 */
export const snapBack: Rule<"agreement/snapback"> = {
  who: "lead",
  phases: ["table", "resolution"],
  targets: (_s, board) =>
    board.agreements.filter((a) => a.status === "in-force").map((a) => ({ agreementId: a.id })),
  permit(_s, board, actor, intent) {
    const agreement = findAgreement(board, intent.agreementId);
    if (!agreement)
      return { code: "agreement/unknown", message: `There is no agreement ${intent.agreementId}.` };
    if (agreement.status !== "in-force")
      return {
        code: "agreement/not-in-force",
        message: `Agreement ${agreement.id} is ${agreement.status}.`,
      };
    const team = player(actor).team;
    if (breachedAgainst(board, agreement, team)) return undefined;
    if (!agreement.snapback)
      return { code: "agreement/no-snapback", message: "This agreement has no snapback clause." };
    if (!agreement.commitments.some((c) => c.to === team) || !hasReportedMiss(agreement))
      return {
        code: "agreement/no-miss",
        message: "No delivery owed to your team has been reported missed.",
      };
    return undefined;
  },
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    const agreement = findAgreement(state, intent.agreementId);
    if (!agreement)
      return refuse("agreement/unknown", `There is no agreement ${intent.agreementId}.`);
    const own = Object.keys(agreement.before).filter(
      (id) => findIssue(scenario, id)?.holder === team,
    );
    const passed = (t: Threat) =>
      t.round < state.round || (t.round === state.round && state.phase === "resolution");
    const restored: Record<string, number> = {};
    const rearmed = agreement.cancelled.filter((t) => own.includes(t.issue) && !passed(t));
    for (const id of own) {
      const fired = agreement.cancelled.find((t) => t.issue === id && passed(t));
      restored[id] = fired ? fired.level : (agreement.before[id] ?? 0);
    }
    let next: MatchState = {
      ...state,
      levels: { ...state.levels, ...restored },
      threats: [...state.threats.filter((t) => !own.includes(t.issue)), ...rearmed],
      agreements: state.agreements.map((a) =>
        a.id === agreement.id ? { ...a, status: "snapped-back" } : a,
      ),
    };
    next = moveTrust(
      moveMarket(next, marketReaction(scenario, state.levels, restored)),
      TRUST_ON_SNAPBACK,
    );
    const breach = breachedAgainst(state, agreement, team);
    return done(next, {
      type: "agreement/snapped-back",
      to: "all",
      text: `${teamName(scenario, team)} snaps back agreement ${agreement.id} after ${breach ? "a breach" : "a missed delivery"}.`,
      values: { team, agreement: agreement.id, why: breach ? "breach" : "missed" },
    });
  },
};
