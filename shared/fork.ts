import {
  forkBasis,
  hashAt,
  LOG_FORMAT,
  type LogHeader,
  type MatchLog,
  makeHeader,
  replayLog,
} from "./log.ts";

/**
 * A fork of a verified log, before its first entry: a new match, with the parent's scenario, seed
 * and settings, that opens in the state the parent reached at entry `at`. Refused, like a fork's
 * replay, if the parent had ended there.
 */
export function startFork(
  parent: MatchLog,
  at: number,
  fields: Pick<LogHeader, "matchId" | "createdAt">,
): ReturnType<typeof replayLog> {
  const hash = hashAt(parent, at);
  if (!hash)
    return {
      ok: false,
      error: {
        code: "log/parent",
        message: `The log holds ${parent.entries.length} entries: there is no entry ${at} to play on from.`,
      },
    };
  const header = makeHeader({
    ...fields,
    ...forkBasis(parent.header),
    fork: { matchId: parent.header.matchId, at, hash },
  });
  return replayLog({ format: LOG_FORMAT, header, entries: [], parent });
}
