import { GenericColumns, recordsToIPC } from "../formats/arrow-schema";
import { RecordShapeError } from "../formats/normalize";
import { detectOrExplain, specOf } from "../layouts/registry";
import type { LayoutId } from "../types";
import { lossyNumbers, quoteNumbers } from "./exact-numbers";
import { jsonErrorOffset } from "./json-error";
import { readLines, lineOfOffset } from "./lines";
import { IngestError } from "./protocol";
import { Notes } from "./notes";

export type IngestEvent =
  /** The layout and the columns (stored names); again when a file of no layout gains or widens a column. */
  | { kind: "schema"; layout: LayoutId; columns: string[]; labels?: Record<string, string> }
  | { kind: "batch"; ipc: Uint8Array; rows: number; bytesDone: number }
  /** Something was kept but changed or replaced (a number a double cannot hold, bytes that are not UTF-8). */
  | { kind: "warning"; message: string };

const BATCH_ROWS = 2000;
const BATCH_CHARS = 8_000_000;

type Json = Record<string, unknown>;

/** A parsed record as a row of a layout: an object, normalized to the layout's fields. */
export function layoutRow(name: string, layout: LayoutId, record: unknown, line: number): Json {
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    throw new IngestError(name, "expected a JSON object (one record per line)", line);
  }
  try {
    return specOf(layout).normalize(record as Json) as Json;
  } catch (e) {
    if (e instanceof RecordShapeError) throw new IngestError(name, `unexpected shape at ${e.message}`, line);
    throw e;
  }
}

/** A line's text with the numbers a double would change written as their exact text, each noted. */
export function exactText(notes: Notes, text: string, lineOf: (offset: number) => number): string {
  const lossy = lossyNumbers(text);
  if (lossy.length === 0) return text;
  for (const n of lossy) notes.number(lineOf(n.from), n.column, n.text);
  return quoteNumbers(text, lossy);
}

/** Rows of a batch: at most this many, or this many characters of JSON. */
export const batchFull = (rows: number, chars: number) => rows >= BATCH_ROWS || chars >= BATCH_CHARS;

/**
 * Turns JSON Lines into Arrow batches of the detected layout; also one JSON document — an array of
 * records, or a single object, each over one line or many (pretty-printed) — read whole.
 */
export async function* jsonBatches(name: string, stream: ReadableStream<Uint8Array>): AsyncGenerator<IngestEvent> {
  let layout: LayoutId | null = null;
  const generic = new GenericColumns();
  let pending: Json[] = [];
  let chars = 0;
  let total = 0;
  let bytesDone = 0;
  let sawBytes = false;

  function accept(record: unknown, line: number): IngestEvent | null {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new IngestError(name, "expected a JSON object (one record per line)", line);
    }
    let event: IngestEvent | null = null;
    if (layout === null) {
      const columns = Object.keys(record);
      const detected = detectOrExplain(columns);
      if ("problem" in detected) throw new IngestError(name, detected.problem, line);
      layout = detected.layout;
      // A file of no layout announces its columns with each batch that changes them (see `flush`).
      if (specOf(layout).fields) event = { kind: "schema", layout, columns };
    }
    pending.push(layoutRow(name, layout, record, line));
    return event;
  }

  function* flush(): Generator<IngestEvent> {
    const fixed = layout ? specOf(layout).fields : null;
    let ipc: Uint8Array;
    if (fixed) ipc = recordsToIPC(fixed, pending);
    else {
      const { rows, changed } = generic.observe(pending);
      if (changed) {
        const labels = generic.namer.renamed ? { ...generic.namer.labels } : undefined;
        yield { kind: "schema", layout: layout ?? "generic", columns: generic.columns, labels };
      }
      ipc = recordsToIPC(generic.fields(), rows);
      generic.settle();
    }
    const rows = pending.length;
    total += rows;
    pending = [];
    chars = 0;
    yield { kind: "batch", ipc, rows, bytesDone };
  }

  const notes = new Notes(name);
  const exact = (text: string, lineOf: (offset: number) => number) => exactText(notes, text, lineOf);

  const lines = readLines(stream);
  /** A file read as one JSON document (an array, or an object over several lines), and its first line. */
  let documentText: string[] | null = null;
  let documentStart = 0;
  for await (const { text, line, bytes, invalid } of lines) {
    bytesDone = bytes;
    if (invalid > 0) notes.bytes(line, invalid, text);
    if (text.length > 0) sawBytes = true;
    if (documentText) {
      documentText.push(text);
      continue;
    }
    const trimmed = text.trim();
    if (trimmed.length === 0) continue;
    const first = layout === null && total === 0 && pending.length === 0;
    if (first && trimmed.startsWith("[")) {
      documentText = [text];
      documentStart = line;
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(exact(trimmed, () => line));
    } catch (e) {
      // An object that goes on past its first line: the file is one pretty-printed document.
      if (first && trimmed.startsWith("{")) {
        documentText = [text];
        documentStart = line;
        continue;
      }
      throw new IngestError(name, `not valid JSON (${(e as Error).message})`, line);
    }
    const schema = accept(record, line);
    if (schema) yield schema;
    chars += trimmed.length;
    if (batchFull(pending.length, chars)) yield* flush();
  }

  if (documentText) {
    const text = documentText.join("\n");
    const lineAt = (offset: number) => documentStart - 1 + lineOfOffset(text, offset);
    let parsed: unknown;
    try {
      parsed = JSON.parse(exact(text, lineAt));
    } catch (e) {
      const at = jsonErrorOffset(text);
      throw new IngestError(name, `not valid JSON (${(e as Error).message})`, at === null ? undefined : lineAt(at));
    }
    if (Array.isArray(parsed)) {
      for (const record of parsed) {
        const schema = accept(record, 0);
        if (schema) yield schema;
        if (pending.length >= BATCH_ROWS) yield* flush();
      }
    } else if (parsed !== null && typeof parsed === "object") {
      const schema = accept(parsed, documentStart);
      if (schema) yield schema;
    } else throw new IngestError(name, "expected a JSON object, an array of objects, or JSON Lines");
  }
  if (pending.length > 0) yield* flush();
  if (!sawBytes) throw new IngestError(name, "the file is empty");
  if (total === 0) throw new IngestError(name, "the file has no rows");
  // A layout of known columns reads numbers as doubles; a table of no layout keeps such a column as text.
  const typed = layout !== null && specOf(layout).fields !== null;
  for (const message of notes.messages(typed)) yield { kind: "warning", message };
}
