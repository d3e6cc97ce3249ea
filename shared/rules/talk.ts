import {
  appendCapped,
  done,
  PLAYING,
  player,
  privateOf,
  type Rule,
  refuse,
  takeId,
  tenth,
  updatePrivate,
} from "./kit.ts";
import { moveMarket } from "./market.ts";
import { addShocks } from "./pressure.ts";
import { checkPackage, isRuleError } from "./proposals.ts";
import { moveTrust } from "./trust.ts";

/** Chat lines kept in the state per channel; the match log keeps them all. */
export const CHAT_HISTORY = 200;
/** Drafts a team may keep at once. */
export const MAX_DRAFTS = 12;
/** Market move, in percent, of a conciliatory (up) or firm (down) public statement. */
export const STATEMENT_MARKET_MOVE = 0.3;

/**
 * A seat (a wild card too: it lobbies here) writes in its team's private caucus chat, in any
 * phase. Chat raises no event: the line is in the state its readers receive, and an event would only
 * send it to them a second time.
 */
export const teamChat: Rule<"chat/team"> = {
  who: "member",
  phases: ["setup", ...PLAYING, "ended"],
  whilePaused: true,
  run(_s, state, actor, intent) {
    const { team, role } = player(actor);
    const line = { round: state.round, team, role, text: intent.text };
    return done(
      updatePrivate(state, team, (own) => ({
        ...own,
        caucus: appendCapped(own.caucus, line, CHAT_HISTORY),
      })),
    );
  },
};

/** A seat writes in the chat across the table, which both teams and observers read. */
export const tableChat: Rule<"chat/table"> = {
  who: "player",
  phases: ["table", "summit", "resolution", "ended"],
  whilePaused: true,
  run(_s, state, actor, intent) {
    const { team, role } = player(actor);
    const line = { round: state.round, team, role, text: intent.text };
    return done({ ...state, tableChat: appendCapped(state.tableChat, line, CHAT_HISTORY) });
  },
};

/**
 * A seat makes a public statement: a conciliatory one lifts markets and trust a little; a firm one
 * plays to the home crowd (its team's pressure eases a point) and unsettles markets. Each further
 * statement of a team in the same phase has half the effect of the one before, so repeating a line
 * adds at most as much again as saying it once.
 */
export const makeStatement: Rule<"statement/make"> = {
  who: "player",
  phases: ["table", "summit"],
  run(scenario, state, actor, intent) {
    const { team, role } = player(actor);
    const { round, phase } = state;
    const line = { round, phase, team, role, text: intent.text, tone: intent.tone };
    const earlier = state.statements.filter(
      (s) => s.team === team && s.round === round && s.phase === phase,
    ).length;
    const scale = 0.5 ** earlier;
    let next = { ...state, statements: appendCapped(state.statements, line, CHAT_HISTORY) };
    if (intent.tone === "conciliatory")
      next = moveTrust(moveMarket(next, STATEMENT_MARKET_MOVE * scale), tenth(scale));
    else {
      const own = Object.fromEntries(
        scenario.constituencies.filter((c) => c.team === team).map((c) => [c.id, -1]),
      );
      next = addShocks(scenario, moveMarket(next, -STATEMENT_MARKET_MOVE * scale), own, scale);
    }
    return done(next, { type: "statement/made", to: "all", text: intent.text });
  },
};

/** A seat saves a draft package that only its team sees. */
export const saveDraft: Rule<"draft/save"> = {
  who: "player",
  phases: ["setup", ...PLAYING],
  whilePaused: true,
  run(scenario, state, actor, intent) {
    const team = player(actor).team;
    if (privateOf(state, team).drafts.length >= MAX_DRAFTS)
      return refuse(
        "draft/too-many",
        `A team keeps at most ${MAX_DRAFTS} drafts; delete one first.`,
      );
    const checked = checkPackage(scenario, state, intent.package);
    if (isRuleError(checked) && !checked.code.startsWith("proposal/"))
      return { ok: false, error: checked };
    const [id, next] = takeId(state, "d", `d:${team}`);
    const draft = { id, title: intent.title, package: intent.package };
    return done(
      updatePrivate(next, team, (own) => ({ ...own, drafts: [...own.drafts, draft] })),
      {
        type: "draft/saved",
        to: team,
        text: `Draft ${id} saved: ${intent.title}.`,
        values: { draft: id, title: intent.title },
      },
    );
  },
};

/** A seat deletes one of its team's drafts. */
export const deleteDraft: Rule<"draft/delete"> = {
  who: "player",
  phases: ["setup", ...PLAYING],
  whilePaused: true,
  targets: (_s, board, actor) =>
    (board.teams[player(actor).team]?.private?.drafts ?? []).map((d) => ({ draftId: d.id })),
  permit(_s, board, actor, intent) {
    const drafts = board.teams[player(actor).team]?.private?.drafts ?? [];
    return drafts.some((d) => d.id === intent.draftId)
      ? undefined
      : { code: "draft/unknown", message: `Your team has no draft ${intent.draftId}.` };
  },
  run(_s, state, actor, intent) {
    const team = player(actor).team;
    return done(
      updatePrivate(state, team, (own) => ({
        ...own,
        drafts: own.drafts.filter((d) => d.id !== intent.draftId),
      })),
      {
        type: "draft/deleted",
        to: team,
        text: `Draft ${intent.draftId} deleted.`,
        values: { draft: intent.draftId },
      },
    );
  },
};
