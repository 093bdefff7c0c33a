import { GenericColumns, recordsToIPC } from "../formats/arrow-schema";
import { RecordShapeError } from "../formats/normalize";
import { detectOrExplain, specOf } from "../layouts/registry";
import type { LayoutId } from "../types";
import { lossyNumbers, quoteNumbers } from "./exact-numbers";
import { jsonErrorOffset } from "./json-error";
import { readLines, lineOfOffset } from "./lines";
import { IngestError } from "./protocol";

export type IngestEvent =
  /** The layout and the columns (stored names); again when a file of no layout gains or widens a column. */
  | { kind: "schema"; layout: LayoutId; columns: string[]; labels?: Record<string, string> }
  | { kind: "batch"; ipc: Uint8Array; rows: number; bytesDone: number }
  /** Something was kept but changed or replaced (a number a double cannot hold, bytes that are not UTF-8). */
  | { kind: "warning"; message: string };

const BATCH_ROWS = 2000;
const BATCH_CHARS = 8_000_000;

type Json = Record<string, unknown>;

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
    try {
      pending.push(specOf(layout).normalize(record as Json) as Json);
    } catch (e) {
      if (e instanceof RecordShapeError) throw new IngestError(name, `unexpected shape at ${e.message}`, line);
      throw e;
    }
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
  /** A line's text with the numbers a double would change written as their exact text, noted. */
  const exact = (text: string, lineOf: (offset: number) => number) => {
    const lossy = lossyNumbers(text);
    if (lossy.length === 0) return text;
    for (const n of lossy) notes.number(lineOf(n.from), n.column, n.text);
    return quoteNumbers(text, lossy);
  };

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
    if (pending.length >= BATCH_ROWS || chars >= BATCH_CHARS) yield* flush();
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

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What a load kept but changed, once per column and kind, with the first line and how often. */
class Notes {
  private readonly numbers = new Map<string, { line: number; text: string; count: number }>();
  private invalid: { line: number; bytes: number; lines: number; column: string | null; first: number } | null = null;

  constructor(private readonly file: string) {}

  number(line: number, column: string, text: string) {
    const seen = this.numbers.get(column);
    if (seen) seen.count++;
    else this.numbers.set(column, { line, text, count: 1 });
  }

  bytes(line: number, count: number, text: string) {
    if (this.invalid) {
      this.invalid.bytes += count;
      this.invalid.lines++;
      return;
    }
    this.invalid = { line, bytes: count, lines: 1, column: fieldWith(text, "\uFFFD"), first: count };
  }

  messages(typed: boolean): string[] {
    const out: string[] = [];
    for (const [column, n] of this.numbers) {
      const more = n.count > 1 ? ` (${plural(n.count - 1, "more number")} like it in this column)` : "";
      const value = Number(n.text);
      const kept = typed
        ? `read as ${Number.isFinite(value) ? String(value) : `${value}, marked off scale`}, the nearest a double holds`
        : "kept as text, digit for digit";
      out.push(
        `${this.file}, line ${n.line}, column “${column}”: ${n.text} is more than a double holds exactly; ${kept}${more}`,
      );
    }
    const bad = this.invalid;
    if (bad) {
      const where = bad.column === null ? "" : `, column “${bad.column}”`;
      const all = bad.lines > 1 ? ` (${plural(bad.bytes, "byte")} on ${plural(bad.lines, "line")} in all)` : "";
      out.push(
        `${this.file}, line ${bad.line}${where}: ${plural(bad.first, "byte")} that ${bad.first === 1 ? "is" : "are"} not UTF-8, read as “\uFFFD”${all}`,
      );
    }
    return out;
  }
}

/** The top-level field of a JSON line whose value holds a character (null when the line is not an object). */
function fieldWith(line: string, ch: string): string | null {
  try {
    const record = JSON.parse(line) as unknown;
    if (!record || typeof record !== "object" || Array.isArray(record)) return null;
    for (const [k, v] of Object.entries(record)) if (JSON.stringify(v).includes(ch)) return k;
  } catch {
    // a broken line is named by the parse that follows
  }
  return null;
}
