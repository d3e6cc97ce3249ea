import { Protocol } from "@colyseus/core";
import { type Decoder, Encoder, Reflection, type StateView } from "@colyseus/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { knownFrom } from "../../client/board.ts";
import { MatchSchema, project, sharedView } from "../../server/projection.ts";
import {
  type MatchState,
  makeHeader,
  openMatch,
  publicScenario,
  roleBriefsFor,
  type Seat,
  step,
  viewFor,
  worksheetsFor,
} from "../../shared/index.ts";
import type { WireState } from "../../shared/protocol.ts";
import { scenario } from "../shared/helpers.ts";
import { choice, commandFor } from "../shared/random-commands.ts";

const SEATS: readonly Seat[] = [
  { kind: "team", team: "us", role: "treasury" },
  { kind: "team", team: "us", role: "ustr" },
  { kind: "team", team: "cn", role: "negotiator" },
  { kind: "observer" },
  { kind: "facilitator" },
];

/** A client as the SDK builds one: a decoder from the server's handshake, behind its seat's view. */
type Wire = { seat: Seat; view: StateView; decoder: Decoder };

/**
 * The room's state, encoded as Colyseus encodes it (shared changes once, then each view's) and
 * decoded as the SDK decodes it, for each seat.
 */
function connect(root: MatchSchema): { encoder: Encoder; clients: Wire[] } {
  const encoder = new Encoder(root);
  const clients = SEATS.map((seat) => ({
    seat,
    view: sharedView(root, seat),
    decoder: Reflection.decode(Reflection.encode(encoder)),
  }));
  const shared = { offset: 1 };
  encoder.encodeAll(shared);
  for (const client of clients)
    client.decoder.decode(encoder.encodeAllView(client.view, shared.offset, { ...shared }), {
      offset: 1,
    });
  encoder.discardChanges();
  return { encoder, clients };
}

/** Sends one patch to every client, as `broadcastPatch` does: encoded once per view. */
function patch(encoder: Encoder, clients: readonly Wire[]): void {
  if (!encoder.hasChanges) return;
  encoder.sharedBuffer[0] = Protocol.ROOM_STATE_PATCH;
  const it = { offset: 1 };
  encoder.encode(it);
  const sharedOffset = it.offset;
  const encoded = new Map<StateView, Uint8Array>();
  for (const client of clients) {
    const bytes =
      encoded.get(client.view) ?? encoder.encodeView(client.view, sharedOffset, it).slice();
    encoded.set(client.view, bytes);
    client.decoder.decode(bytes, { offset: 1 });
  }
  encoder.discardChanges();
}

const matches = fc.record({
  seed: fc.nat(0xffffffff),
  choices: fc.array(choice, { minLength: 150, maxLength: 400 }),
});

describe("the wire state", () => {
  it("decodes, for every seat and any reachable state, to exactly that seat's view", () => {
    fc.assert(
      fc.property(matches, ({ seed, choices }) => {
        let head = openMatch(
          makeHeader({
            matchId: `wire-${seed}`,
            createdAt: "2026-11-28T00:00:00Z",
            scenario,
            seed,
            settings: { rounds: 3, implementation: 1 },
          }),
        );
        const root = new MatchSchema();
        project(root, scenario, undefined, head.state, {});
        const { encoder, clients } = connect(root);
        const check = (state: MatchState) => {
          for (const client of clients) {
            const decoded = client.decoder.state.toJSON() as WireState;
            const own = {
              roleBriefs: roleBriefsFor(scenario, client.seat),
              worksheets: worksheetsFor(state, client.seat),
            };
            expect(knownFrom(decoded, client.seat, publicScenario(scenario), own).view).toEqual(
              viewFor(scenario, state, client.seat),
            );
          }
        };
        check(head.state);
        choices.forEach((c, i) => {
          const result = step(scenario, head, commandFor(head.state, c), i * 100);
          if (!result.ok) return;
          project(root, scenario, head.state, result.head.state, {});
          head = result.head;
          patch(encoder, clients);
          if (i % 20 === 0) check(head.state);
        });
        check(head.state);
      }),
      { numRuns: 60 },
    );
  });
});
