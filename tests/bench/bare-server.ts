/**
 * The framework's floor for the server benchmark: a bare Colyseus room with a comparable state (a
 * map of a dozen numbers, one changed per message), the same patch rate and the same answer after
 * the patch as the game's room, and nothing else.
 */
import { type Client, defineRoom, defineServer, Room } from "@colyseus/core";
import { type SchemaType, schema, t } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";

const BareState = schema({ values: t.map("float64"), seq: t.uint32() }, "BareState");

class BareRoom extends Room<{ state: SchemaType<typeof BareState> }> {
  override maxClients = 4;

  override messages = {
    intent: (client: Client, message: { ref?: string }) => {
      this.state.seq += 1;
      const key = `k${this.state.seq % 12}`;
      this.state.values.set(key, (this.state.values.get(key) ?? 0) + 1);
      client.send(
        "result",
        { ref: message?.ref, ok: true, seq: this.state.seq },
        { afterNextPatch: true },
      );
    },
  };

  override onCreate(): void {
    this.state = new BareState();
    for (let i = 0; i < 12; i++) this.state.values.set(`k${i}`, i);
  }
}

const port = Number(process.env.PORT ?? 2582);
await defineServer({
  greet: false,
  transport: new WebSocketTransport(),
  rooms: { bare: defineRoom(BareRoom) },
}).listen(port);
console.log(`bare server ready on ${port}`);
