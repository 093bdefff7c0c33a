/** Splits a byte stream into text lines (1-based numbers), reporting bytes consumed so far. */
export async function* readLines(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<{ text: string; line: number; bytes: number }> {
  const decoder = new TextDecoder("utf-8");
  const reader = stream.getReader();
  let pending = "";
  let line = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) {
      bytes += value.byteLength;
      pending += decoder.decode(value, { stream: true });
    }
    if (done) pending += decoder.decode();
    let start = 0;
    for (let nl = pending.indexOf("\n", start); nl !== -1; nl = pending.indexOf("\n", start)) {
      line++;
      const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: pending.slice(start, end), line, bytes };
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (done) break;
  }
  if (pending.length > 0) yield { text: pending, line: line + 1, bytes };
}

/** The line of a character offset, for JSON parse errors that report a position. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
