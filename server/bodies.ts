import { parseJson } from "../shared/index.ts";

/**
 * A request's body as text, or undefined when it is longer than `max` bytes (refused by its declared
 * length before it is read, or as soon as more than that has arrived) or its upload broke off.
 */
export async function boundedText(request: Request, max: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > max) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(read.value);
    }
  } catch {
    return undefined;
  }
  // As `Request.text()` reads it: UTF-8, a byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A request's body parsed as JSON (`{}` when empty), or undefined when too large or not JSON. */
export async function jsonBody(request: Request, max: number): Promise<unknown> {
  const text = await boundedText(request, max);
  const parsed = text === undefined ? undefined : parseJson(text || "{}");
  return parsed?.ok ? parsed.value : undefined;
}
