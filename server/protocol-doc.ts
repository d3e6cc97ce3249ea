import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import { FacilitatorIntent, LOG_VERSION, PlayerIntent, RULES } from "../shared/index.ts";
import { CLOSE_CODES, JoinOptions, SERVER_MESSAGES, SeatControl } from "../shared/protocol.ts";
import { MAX_FORK_BYTES } from "./forks.ts";
import {
  MAX_JOIN_BODY_BYTES,
  MAX_LOG_BYTES,
  MAX_SESSION_BYTES,
  MAX_SMALL_BODY_BYTES,
  ROUTE_LIMITS,
} from "./http.ts";
import {
  ChatLine,
  FacilitatorPrivate,
  MatchSchema,
  SeatState,
  TeamPrivate,
  TeamState,
} from "./projection.ts";
import { withPlans } from "./teaching-doc.ts";

type Json = { [key: string]: unknown };

/** A JSON schema rendered as a short TypeScript-like type. */
function typeOf(schema: Json): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return (alternatives as Json[]).map(typeOf).join(" | ");
  const limits = (min: unknown, max: unknown, unit = "") =>
    min !== undefined && max !== undefined
      ? ` ${min}–${max}${unit}`
      : max !== undefined
        ? ` ≤ ${max}${unit}`
        : "";
  switch (schema.type) {
    case "string":
      return schema.pattern
        ? "id"
        : `string${limits(schema.minLength, schema.maxLength, " chars")}`;
    case "integer":
      return `integer${limits(schema.minimum, schema.maximum)}`;
    case "number":
      return `number${limits(schema.minimum, schema.maximum)}`;
    case "boolean":
      return "boolean";
    case "array":
      return `${typeOf(schema.items as Json)}[]${limits(schema.minItems, schema.maxItems, " items")}`;
    case "object": {
      if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        return `{ [id]: ${typeOf(schema.additionalProperties as Json)} }`;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const fields = Object.entries((schema.properties as Record<string, Json>) ?? {}).map(
        ([name, field]) => `${name}${required.has(name) ? "" : "?"}: ${typeOf(field)}`,
      );
      return `{ ${fields.join("; ")} }`;
    }
    default:
      return "unknown";
  }
}

const inputSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;

function intentRows(union: typeof PlayerIntent | typeof FacilitatorIntent): string[] {
  return union.options.map((option) => {
    const schema = inputSchema(option);
    const properties = { ...(schema.properties as Record<string, Json>) };
    const type = String(properties.type?.const);
    delete properties.type;
    const rule = RULES[type as keyof typeof RULES];
    const fields = Object.keys(properties).length
      ? `\`${typeOf({ ...schema, properties, required: (schema.required as string[]).filter((r) => r !== "type") }).replaceAll("|", "\\|")}\``
      : "—";
    return `| \`${type}\` | ${rule.who} | ${rule.phases.join(", ")}${rule.whilePaused ? " (also paused)" : ""} | ${fields} |`;
  });
}

type Field = { name: string; type: unknown; tag?: number };

const PRIVATE = "its team and the facilitator only (a `StateView`)";
const FACILITATOR_ONLY = "the facilitator only (a `StateView`)";

/**
 * A schema class's fields, read from its metadata: who sees each, `seenBy` for the untagged and
 * `tagged` for those behind a view.
 */
function schemaRows(
  name: string,
  klass: unknown,
  seenBy = "everyone in the room",
  tagged = PRIVATE,
): string[] {
  const fields = Object.values(
    (klass as Record<symbol, Record<string, Field>>)[Symbol.metadata] ?? {},
  );
  return fields.map((field) => {
    const type = field.type as
      | Record<string, { name?: string } | string>
      | string
      | { name: string };
    const described =
      typeof type === "string"
        ? type
        : "map" in type
          ? `map<${typeof type.map === "string" ? type.map : type.map?.name}>`
          : "array" in type
            ? `array<${typeof type.array === "string" ? type.array : type.array?.name}>`
            : (type as { name: string }).name;
    return `| ${name} | \`${field.name}\` | \`${described}\` | ${field.tag !== undefined ? tagged : seenBy} |`;
  });
}

/** Every rule error code raised in the code, with the files that raise it. */
function errorCodes(root: string): string[] {
  const files = ["shared", "shared/rules", "server"].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(root, dir, f)),
  );
  const codes = new Map<string, Set<string>>();
  const pattern =
    /(?:refuse\(|code: |ServerError\(\s*\d+,|problem\(\s*\d+,|sendProblem\(\s*\w+,\s*\d+,|fail\()\s*["`]([a-z]+\/[a-z-]+)/g;
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(pattern)) {
      const code = match[1] ?? "";
      codes.set(code, (codes.get(code) ?? new Set()).add(relative(root, file)));
    }
  }
  return [...codes.keys()]
    .sort()
    .map((code) => `| \`${code}\` | ${[...(codes.get(code) ?? [])].sort().join(", ")} |`);
}

/** A size in bytes as documents give it: kB below a megabyte, MB from there. */
const byteSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${bytes / 1024} kB` : `${bytes / 1024 / 1024} MB`;

/** The protocol document, generated from the zod schemas, the rules table and the state schema. */
export function renderProtocol(root = resolve(import.meta.dirname, "..")): string {
  return `# Trade Truce protocol

Generated by \`npm run docs\` from the zod schemas, the rules table and the Colyseus state schema; a
test fails when this file and the code disagree.

## Rooms

One Colyseus room named \`match\` per table; its room id is the match id. Find a private table's
match ids with \`GET /api/join/:code\` (rate-limited), listed tables with \`GET /api/tables\`, or a
free seat with \`POST /api/quick\`. Join with \`client.joinById(matchId, options)\`:

\`${typeOf(inputSchema(JoinOptions))}\`

A new seat receives its \`token\` once, in the \`seat\` message: keep it to take the seat back
(\`{ seatToken }\`) after a restart or from another device. The facilitator joins with the secret
that \`POST /api/sessions\` returned. Observers see the public board only.

## Client → server: \`intent\`

\`room.send("intent", { ref?, intent })\`. The actor comes from the seat, never from the message; \`ref\`
(a string of at most 40 characters) comes back with the result. A seat may send up to 10 intents a
second (bursts of 20), counted per seat across reconnections; more are refused with
\`rate/limited\`, and a client that goes on flooding is disconnected (code ${CLOSE_CODES.flood}). Frames over 16 kB
close the connection. A message of any other type is answered with \`message/unknown\`. Close codes
(above Colyseus' own, 4000–4010): ${CLOSE_CODES.seatTakenElsewhere} the seat was taken up from another
connection, ${CLOSE_CODES.seatFreed} the facilitator freed the seat, ${CLOSE_CODES.flood} flood.

### Player intents

| intent | who | phases | fields |
|---|---|---|---|
${intentRows(PlayerIntent).join("\n")}

### Facilitator intents

| intent | who | phases | fields |
|---|---|---|---|
${intentRows(FacilitatorIntent).join("\n")}

The room's clock sends \`clock/deadline\` when a timed phase ends; clients cannot.

## Facilitator → server: \`seat-control\`

\`room.send("seat-control", ...)\` hands an empty or vacated seat to a bot, takes it back, or frees a
seat (its token opens nothing any more and its holder is disconnected with code ${CLOSE_CODES.seatFreed}):

\`${typeOf(inputSchema(SeatControl)).replaceAll("|", "\\|")}\`

A bot acts through the same path as a player's intent, with the reason for each decision in its log
entry's \`note\` and in a \`bot/reason\` event to its team. A player who comes back with the seat's
token takes the seat back from the bot.

## HTTP limits

Each limited route counts calls per client address and minute (${Object.entries(ROUTE_LIMITS)
    .map(([route, n]) => `${route} ${n}`)
    .join(", ")}); beyond that it answers 429. The address is the socket's peer; \`X-Forwarded-For\`
counts only when the peer is a proxy named in the \`TRUST_PROXY\` setting. An address that is not
validly percent-encoded is answered 400 (\`http/bad-url\`).

Each route reads its body as JSON up to a limit: ${byteSize(MAX_SMALL_BODY_BYTES)} for a quick match or a
log's origin, ${byteSize(MAX_SESSION_BYTES)} for a session, ${byteSize(MAX_FORK_BYTES)} for a fork,
${byteSize(MAX_LOG_BYTES)} for a log, ${byteSize(MAX_JOIN_BODY_BYTES)} for the matchmaker's join options. A
longer body is refused (413, or the route's invalid code for the smallest) if its length is declared,
and its connection is closed once the limit has arrived if not. The matchmaker takes only
\`Content-Type: application/json\` (415, \`http/media-type\`, for another).

## Server → client messages

| message | content |
|---|---|
${Object.entries(SERVER_MESSAGES)
  .map(([name, content]) => `| \`${name}\` | ${content} |`)
  .join("\n")}

## State

Sections that change as a whole (\`proposals\`, \`agreements\`, \`news\`, ...) are JSON strings of the
shared types of the same names. The state carries no log sequence number or hash, and an accepted
intent's \`result\` is \`{ ref, ok: true }\`: a team counting entries would learn when the other team
acts in private (drafts, caucus chat). Proposal, agreement and commitment ids are numbered per kind,
drafts per team.

| schema | field | type | seen by |
|---|---|---|---|
${[
  ...schemaRows("MatchSchema", MatchSchema, undefined, FACILITATOR_ONLY),
  ...schemaRows("TeamState", TeamState),
  ...schemaRows("TeamPrivate", TeamPrivate, PRIVATE),
  ...schemaRows("FacilitatorPrivate", FacilitatorPrivate, FACILITATOR_ONLY),
  ...schemaRows("SeatState", SeatState),
  ...schemaRows("ChatLine", ChatLine),
].join("\n")}

## Match logs

A log (format ${LOG_VERSION}, \`GET /api/matches/:id/log\`) is \`{ format, header, entries, end? }\`. Each
entry is \`{ seq, at, command, checkpoint?, hash }\`: \`hash\` is the SHA-256 of the previous entry's hash
(the header's digest for the first) and the entry's canonical JSON without \`hash\`, so any changed,
dropped, reordered or inserted entry is refused at the first bad entry (\`log/hash-mismatch\`,
\`log/sequence\`). \`checkpoint\` is the content digest of the state after the entry, present exactly
at checkpoints (every phase or round change, so the last entry of a finished match too, and every
\`header.checkpointEvery\`-th entry): replay applies
every command and refuses a log whose state differs from a checkpoint's digest at that checkpoint
(\`log/state-mismatch\`), so a divergence is caught at the next checkpoint. A log of another format or
rules version is refused naming both (\`log/version\`).

A fork (\`POST /api/forks?at=N&bots=team:strategy,...\` with a log as the body, or \`npm run -s cli --
fork\`) is a match played on from entry N of another: its header's \`fork\` is \`{ matchId, at, hash }\`
(the parent's match id, the entry and that entry's hash) and the log carries its parent's log as
\`parent\`, as it stood when the fork was made. Replay verifies the parent first and opens the fork in
the parent's state at that entry; a missing, altered or other parent is refused (\`log/parent\`).

## Error codes

Rule errors come back in \`result\` messages (\`{ ref, ok: false, code, message }\`), join errors as
the join's rejection (\`code: message\`), HTTP errors as \`{ ok: false, error: { code, message } }\`.
Join options that are not a JSON object are refused by the Colyseus matchmaker itself, before any
table sees them, with the message \`malformed request body\`; the matchmaker answers its own errors
(no such method or room, an expired reservation) with Colyseus' codes 520–524 as the HTTP status.

| code | raised in |
|---|---|
${errorCodes(root).join("\n")}
`;
}

if (process.argv[1] === import.meta.filename) {
  const root = resolve(import.meta.dirname, "..");
  writeFileSync(join(root, "docs", "protocol.md"), renderProtocol(root));
  const guide = join(root, "docs", "teaching.md");
  writeFileSync(guide, withPlans(readFileSync(guide, "utf8")));
}
