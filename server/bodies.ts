/**
 * A request's body as text, or undefined when it is larger than `max` characters: refused by its
 * declared length before it is read, or by what arrived.
 */
export async function boundedText(request: Request, max: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return undefined;
  const text = await request.text();
  return text.length > max ? undefined : text;
}
