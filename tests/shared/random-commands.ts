import fc from "fast-check";
import {
  type Actor,
  type Command,
  type Intent,
  type LegalAction,
  legalCommands,
  type MatchState,
  type Package,
  viewFor,
} from "../../shared/index.ts";
import {
  CLOCK,
  CN_LEAD,
  CN_NEGOTIATOR,
  FACILITATOR,
  scenario,
  US_LEAD,
  US_USTR,
} from "./helpers.ts";

export const ACTORS: readonly Actor[] = [
  US_LEAD,
  US_USTR,
  CN_LEAD,
  CN_NEGOTIATOR,
  FACILITATOR,
  CLOCK,
];

/** Raw choices from which `commandFor` builds a command against the current state. */
export type Choice = readonly [actor: number, kind: number, a: number, b: number, c: number];

export const choice: fc.Arbitrary<Choice> = fc.tuple(
  fc.nat(ACTORS.length - 1),
  fc.nat(40),
  fc.nat(1000),
  fc.nat(1000),
  fc.nat(1000),
);

/** Actions always on offer that do not move a match on; picked less often. */
const CHATTER: readonly string[] = [
  "chat/team",
  "chat/table",
  "draft/save",
  "draft/delete",
  "statement/make",
  "phase/extend",
  "event/inject",
  "event/inject-custom",
  "match/pause",
  "team/ready",
];

/** Actions seldom on offer that matter; picked whenever they are, most of the time. */
const RARE: readonly string[] = [
  "proposal/accept",
  "commitment/deliver",
  "summit/endorse",
  "agreement/snapback",
];

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list[n % Math.max(1, list.length)];

/**
 * Builds a command from raw choices: four times in five a legal action offered to the seat by
 * `legalCommands`, filled with chosen details; otherwise a raw command aimed at what the state holds,
 * often illegal, so that both paths of the rules are exercised and matches get somewhere.
 */
export function commandFor(state: MatchState, choice: Choice): Command {
  const [actorIndex, kind, a, b, c] = choice;
  const actor = ACTORS[actorIndex] ?? FACILITATOR;
  if (c % 5 === 0) return rawCommand(state, choice);
  if (actor.kind === "clock") {
    return kind % 4 === 0
      ? { actor, intent: { type: "clock/deadline", round: state.round, phase: state.phase } }
      : rawCommand(state, [0, kind, a, b, c]);
  }
  const seat =
    actor.kind === "player"
      ? { kind: "team" as const, team: actor.team, role: actor.role }
      : { kind: "facilitator" as const };
  const offered = legalCommands(scenario, viewFor(scenario, state, seat)).filter(
    (action) => action.type !== "match/end" || kind === 40,
  );
  const core = offered.filter((action) => !CHATTER.includes(action.type));
  const rare = offered.filter((action) => RARE.includes(action.type));
  const action =
    b % 3 !== 0 && rare.length
      ? pick(rare, a)
      : kind % 4 !== 0 && core.length
        ? pick(core, a)
        : pick(offered, kind);
  return action
    ? { actor, intent: fill(state, actor, action, a, b, c) }
    : rawCommand(state, choice);
}

function packageFor(state: MatchState, a: number, b: number, c: number): Package {
  const issue = pick(scenario.issues, a);
  const other = pick(scenario.issues, b);
  return {
    levels: {
      [issue?.id ?? "x"]: a % (issue?.levels.length ?? 1),
      [other?.id ?? "x"]: c % (other?.levels.length ?? 1),
    },
    commitments:
      c % 3 === 0
        ? [
            {
              issue: "soybeans",
              by: "cn",
              instalments: [{ round: Math.min(state.rounds, state.round + (c % 2)), amount: 12 }],
            },
          ]
        : [],
    snapback: a % 2 === 0,
  };
}

/** Completes a legal action's details. */
function fill(
  state: MatchState,
  actor: Actor,
  action: LegalAction,
  a: number,
  b: number,
  c: number,
): Intent {
  const from = actor.kind === "player" ? actor.team : "facilitator";
  const pkg = packageFor(state, a, b, c);
  const details: Record<string, unknown> = {
    "proposal/table": { package: pkg },
    "proposal/counter": { package: pkg },
    "issue/move": {
      level: b % (scenario.issues.find((i) => i.id === action.issue)?.levels.length ?? 1),
      inRounds: c % 3,
    },
    "commitment/deliver": { fraction: (c % 5) / 4 },
    "statement/make": { text: `statement ${a}`, tone: b % 2 ? "firm" : "conciliatory" },
    "chat/team": { text: `${from} secret plan ${a}` },
    "chat/table": { text: `hello ${a}` },
    "draft/save": { title: `draft ${a}`, package: pkg },
    "team/ready": { ready: b % 4 !== 0 },
    "summit/endorse": { endorse: b % 4 !== 0 },
    "phase/extend": { seconds: 30 },
    "event/inject": { eventId: pick(scenario.events, a)?.id },
    "event/inject-custom": {
      event: { title: "Storm", text: "", effects: { market: -1, threats: [] } },
    },
  };
  return { ...(details[action.type] as object), ...action } as Intent;
}

function rawCommand(state: MatchState, [actorIndex, kind, a, b, c]: Choice): Command {
  const actor = ACTORS[actorIndex] ?? FACILITATOR;
  const issue = pick(scenario.issues, a) ?? scenario.issues[0];
  const other = pick(scenario.issues, b) ?? scenario.issues[0];
  const proposal = pick(state.proposals, b);
  const commitments = state.agreements.flatMap((x) => x.commitments);
  const commitment = pick(commitments, a);
  const pkg = {
    levels: {
      [issue?.id ?? "x"]: a % 4,
      [other?.id ?? "x"]: c % 4,
    },
    commitments:
      c % 3 === 0
        ? [
            {
              issue: "soybeans",
              by: "cn",
              instalments: [{ round: state.round + (c % 2), amount: 12 }],
            },
          ]
        : [],
    snapback: a % 2 === 0,
  };
  const drafts = actor.kind === "player" ? (state.teams[actor.team]?.private?.drafts ?? []) : [];
  const intents: Intent[] = [
    { type: "proposal/table", package: pkg },
    { type: "proposal/counter", proposalId: proposal?.id ?? "p0", package: pkg },
    { type: "proposal/accept", proposalId: proposal?.id ?? "p0" },
    { type: "proposal/accept", proposalId: proposal?.id ?? "p0" },
    { type: "proposal/reject", proposalId: proposal?.id ?? "p0" },
    { type: "proposal/withdraw", proposalId: proposal?.id ?? "p0" },
    { type: "issue/move", issue: issue?.id ?? "x", level: b % 4, inRounds: c % 3 },
    {
      type: "commitment/deliver",
      commitmentId: commitment?.id ?? "c0",
      instalment: b % 2,
      fraction: (c % 5) / 4,
    },
    { type: "agreement/snapback", agreementId: pick(state.agreements, c)?.id ?? "a0" },
    { type: "statement/make", text: `statement ${a}`, tone: b % 2 ? "firm" : "conciliatory" },
    {
      type: "chat/team",
      text: `${actor.kind === "player" ? actor.team : "nobody"} secret plan ${a}`,
    },
    { type: "chat/table", text: `hello ${a}` },
    { type: "draft/save", title: `draft ${a}`, package: pkg },
    { type: "draft/delete", draftId: pick(drafts, b)?.id ?? "d0" },
    { type: "team/ready", ready: b % 3 !== 0 },
    { type: "summit/endorse", endorse: b % 4 !== 0 },
    { type: "match/start" },
    { type: "phase/advance" },
    { type: "phase/advance" },
    { type: "phase/advance" },
    { type: "match/pause" },
    { type: "match/resume" },
    { type: "phase/extend", seconds: 30 },
    { type: "event/inject", eventId: pick(scenario.events, a)?.id ?? "x" },
    { type: "clock/deadline", round: state.round, phase: state.phase },
  ];
  const intent: Intent =
    kind === 40
      ? { type: "match/end" }
      : (intents[kind % intents.length] ?? { type: "phase/advance" });
  return { actor, intent };
}
