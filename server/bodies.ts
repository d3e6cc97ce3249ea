import { parseJson } from "../shared/index.ts";

/**
 * A request's body as text, or undefined when it is longer than `max` bytes: refused by its
 * declared length before it is read, or as soon as more than that has arrived.
 */
export async function boundedText(request: Request, max: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return undefined;
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A request's body parsed as JSON (`{}` when empty), or undefined when too large or not JSON. */
export async function jsonBody(request: Request, max: number): Promise<unknown> {
  const text = await boundedText(request, max);
  const parsed = text === undefined ? undefined : parseJson(text || "{}");
  return parsed?.ok ? parsed.value : undefined;
}
