import { concatBytes } from "../engine/bytes";
/** One line of a text file: its text, its 1-based number, bytes read so far, and bytes that were not UTF-8. */
export interface Line {
  text: string;
  line: number;
  bytes: number;
  /** Bytes that are not UTF-8, each read as U+FFFD (0 on a clean line). */
  invalid: number;
}

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const loose = new TextDecoder("utf-8", { ignoreBOM: true });

const countOf = (text: string, ch: string) => {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
};

/** The UTF-8 bytes of U+FFFD itself, which a file may hold as text. */
function replacementChars(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}

function decode(bytes: Uint8Array): { text: string; invalid: number } {
  try {
    return { text: fatal.decode(bytes), invalid: 0 };
  } catch {
    const text = loose.decode(bytes);
    return { text, invalid: Math.max(1, countOf(text, "\uFFFD") - replacementChars(bytes)) };
  }
}

/**
 * Splits a byte stream into text lines (1-based numbers), reporting bytes consumed so far. Lines are
 * cut at newline bytes before decoding, so a byte that is not UTF-8 is found on its own line and
 * counted (it is read as U+FFFD, never dropped). CRLF ends and a UTF-8 byte order mark are read as
 * a plain newline and nothing; a last line without a newline is a line.
 */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<Line> {
  const reader = stream.getReader();
  let pending: Uint8Array[] = [];
  let line = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    let start = 0;
    for (let nl = value.indexOf(10); nl !== -1; nl = value.indexOf(10, start)) {
      pending.push(value.subarray(start, nl));
      yield lineOf(concatBytes(pending), ++line, bytes);
      pending = [];
      start = nl + 1;
    }
    if (start < value.byteLength) pending.push(value.subarray(start));
  }
  if (pending.some((p) => p.byteLength > 0)) yield lineOf(concatBytes(pending), ++line, bytes);
}

/**
 * One line's bytes (without its newline) as a `Line`: a CR before the newline is dropped, and on
 * line 1 a UTF-8 byte order mark.
 */
export function lineOf(raw: Uint8Array, line: number, bytes: number): Line {
  if (raw.byteLength > 0 && raw[raw.byteLength - 1] === 13) raw = raw.subarray(0, -1);
  if (line === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) raw = raw.subarray(3);
  const { text, invalid } = decode(raw);
  return { text, line, bytes, invalid };
}

/** The lines of a part of a file that starts at the start of a line, numbered from `firstLine`. */
export function* segmentLines(bytes: Uint8Array, firstLine: number, end: number): Generator<Line> {
  let line = firstLine;
  let start = 0;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    yield lineOf(bytes.subarray(start, nl), line++, end);
    start = nl + 1;
  }
  if (start < bytes.byteLength) yield lineOf(bytes.subarray(start), line, end);
}

/** The line of a character offset, for JSON parse errors that report a position. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
