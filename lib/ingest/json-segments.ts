import { recordsToIPC } from "../formats/arrow-schema";
import { detectOrExplain, specOf } from "../layouts/registry";
import type { LayoutId } from "../types";
import { batchFull, exactText, jsonBatches, layoutRow, type IngestEvent } from "./json-batches";
import { segmentLines } from "./lines";
import { concatBytes } from "../engine/bytes";
import { Notes, type NotesData } from "./notes";
import { IngestError } from "./protocol";

/** A part of a file that starts at the start of a line and ends after a newline (or at the end of the file). */
export interface Segment {
  bytes: Uint8Array;
  /** The number of its first line, and the file's bytes read up to its end. */
  firstLine: number;
  end: number;
}

/** What a parser made of one segment: Arrow batches in order, what it noted, or the first error (with its line). */
export interface SegmentResult {
  batches: { ipc: Uint8Array; rows: number }[];
  notes: NotesData;
  error: string | null;
}

/** Parses segments somewhere (workers in the page), answering each in its own time. */
export interface SegmentParser {
  parse(name: string, layout: LayoutId, segment: Segment): Promise<SegmentResult>;
  /** How many segments it parses at once. */
  readonly width: number;
}

/** Bytes per segment: large enough that a batch's statements cost little per row, small enough to spread. */
export const SEGMENT_BYTES = 16 << 20;

/**
 * One segment of JSON Lines of a known layout as Arrow batches — what `jsonBatches` makes of the same
 * lines, line numbers and notes included. Runs in a parsing worker.
 */
export function parseSegment(name: string, layout: LayoutId, segment: Segment): SegmentResult {
  const notes = new Notes(name);
  const fields = specOf(layout).fields!;
  const batches: SegmentResult["batches"] = [];
  let pending: Record<string, unknown>[] = [];
  let chars = 0;
  const flush = () => {
    batches.push({ ipc: recordsToIPC(fields, pending), rows: pending.length });
    pending = [];
    chars = 0;
  };
  try {
    for (const { text, line, invalid } of segmentLines(segment.bytes, segment.firstLine, segment.end)) {
      if (invalid > 0) notes.bytes(line, invalid, text);
      const trimmed = text.trim();
      if (trimmed.length === 0) continue;
      let record: unknown;
      try {
        record = JSON.parse(exactText(notes, trimmed, () => line));
      } catch (e) {
        throw new IngestError(name, `not valid JSON (${(e as Error).message})`, line);
      }
      pending.push(layoutRow(name, layout, record, line));
      chars += trimmed.length;
      if (batchFull(pending.length, chars)) flush();
    }
    if (pending.length > 0) flush();
    return { batches, notes: notes.data(), error: null };
  } catch (e) {
    return { batches: [], notes: notes.data(), error: e instanceof Error ? e.message : String(e) };
  }
}

/** A byte stream cut into segments of about `size` bytes, each ending after a newline. */
export async function* segmentsOf(stream: ReadableStream<Uint8Array>, size = SEGMENT_BYTES): AsyncGenerator<Segment> {
  const reader = stream.getReader();
  let parts: Uint8Array[] = [];
  let held = 0;
  let line = 1;
  let end = 0;
  const whole = () => {
    if (parts.length > 1) parts = [concatBytes(parts)];
    return parts[0] ?? new Uint8Array();
  };
  // A segment's buffer is handed over (transferred) to its parser: what follows it is a copy.
  const cut = (all: Uint8Array, upTo: number): Segment => {
    const bytes = all.subarray(0, upTo);
    const rest = all.slice(upTo);
    const segment = { bytes, firstLine: line, end: end - rest.byteLength };
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) line++;
    parts = rest.byteLength ? [rest] : [];
    held = rest.byteLength;
    return segment;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    held += value.byteLength;
    end += value.byteLength;
    // the first newline past `size`; a line longer than that waits for its end
    while (held >= size) {
      const all = whole();
      const nl = all.indexOf(10, size - 1);
      if (nl === -1) break;
      yield cut(all, nl + 1);
    }
  }
  if (held > 0) yield cut(whole(), held);
}

/** The stream of `first` and then of the rest, for a file that turns out to need the one reader. */
function replay(first: Segment, rest: AsyncGenerator<Segment>): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(first.bytes);
        return;
      }
      const next = await rest.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value.bytes);
    },
    cancel: () => void rest.return(undefined),
  });
}

/** The layout of a file's first record, when it is JSON Lines of a known layout; null for anything else. */
function layoutOfFirstLine(segment: Segment): { layout: LayoutId; columns: string[] } | null {
  for (const { text } of segmentLines(segment.bytes, segment.firstLine, segment.end)) {
    const trimmed = text.trim();
    if (trimmed.length === 0) continue;
    if (!trimmed.startsWith("{")) return null;
    try {
      const record = JSON.parse(trimmed) as unknown;
      if (!record || typeof record !== "object" || Array.isArray(record)) return null;
      const columns = Object.keys(record);
      const detected = detectOrExplain(columns);
      return "problem" in detected || !specOf(detected.layout).fields ? null : { layout: detected.layout, columns };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * JSON Lines of a known layout parsed by several parsers at once, a segment each; batches, notes and
 * the first error come out in the file's order, exactly as `jsonBatches` gives them. Anything else
 * (one JSON document, a table of no layout, a first line that does not parse) is read by `jsonBatches`.
 */
export async function* parallelJsonBatches(
  name: string,
  stream: ReadableStream<Uint8Array>,
  parser: SegmentParser,
  size = SEGMENT_BYTES,
): AsyncGenerator<IngestEvent> {
  const segments = segmentsOf(stream, size);
  const head = await segments.next();
  if (head.done) return yield* jsonBatches(name, new Blob([]).stream());
  const known = layoutOfFirstLine(head.value);
  if (!known) return yield* jsonBatches(name, replay(head.value, segments));
  yield { kind: "schema", layout: known.layout, columns: known.columns };
  const notes = new Notes(name);
  const inFlight: { segment: Segment; result: Promise<SegmentResult> }[] = [];
  const send = (segment: Segment) => inFlight.push({ segment, result: parser.parse(name, known.layout, segment) });
  let rows = 0;
  send(head.value);
  let more = true;
  while (inFlight.length > 0) {
    // keep every parser busy, and one more segment ready, while the oldest is awaited
    while (more && inFlight.length <= parser.width) {
      const next = await segments.next();
      if (next.done) more = false;
      else send(next.value);
    }
    const { segment, result } = inFlight.shift()!;
    const parsed = await result;
    if (parsed.error) {
      void segments.return(undefined);
      throw new Error(parsed.error);
    }
    notes.merge(parsed.notes);
    for (const batch of parsed.batches) {
      rows += batch.rows;
      yield { kind: "batch", ipc: batch.ipc, rows: batch.rows, bytesDone: segment.end };
    }
  }
  if (rows === 0) throw new IngestError(name, "the file has no rows");
  for (const message of notes.messages(true)) yield { kind: "warning", message };
}
