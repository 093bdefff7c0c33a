import { GenericColumns, recordsToIPC } from "../formats/arrow-schema";
import { RecordShapeError } from "../formats/normalize";
import { detectOrExplain, specOf } from "../layouts/registry";
import type { LayoutId } from "../types";
import { readLines, lineOfOffset } from "./lines";
import { IngestError } from "./protocol";

export type IngestEvent =
  /** The layout and the columns (stored names); again when a file of no layout gains or widens a column. */
  | { kind: "schema"; layout: LayoutId; columns: string[]; labels?: Record<string, string> }
  | { kind: "batch"; ipc: Uint8Array; rows: number; bytesDone: number };

const BATCH_ROWS = 2000;
const BATCH_CHARS = 8_000_000;

type Json = Record<string, unknown>;

/** Turns JSON Lines (or a JSON array of records) into Arrow batches of the detected layout. */
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

  const lines = readLines(stream);
  let arrayText: string[] | null = null;
  for await (const { text, line, bytes } of lines) {
    bytesDone = bytes;
    if (text.length > 0) sawBytes = true;
    if (arrayText) {
      arrayText.push(text);
      continue;
    }
    const trimmed = text.trim();
    if (trimmed.length === 0) continue;
    if (layout === null && total === 0 && pending.length === 0 && trimmed.startsWith("[")) {
      arrayText = [text];
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(trimmed);
    } catch (e) {
      throw new IngestError(name, `not valid JSON (${(e as Error).message})`, line);
    }
    const schema = accept(record, line);
    if (schema) yield schema;
    chars += trimmed.length;
    if (pending.length >= BATCH_ROWS || chars >= BATCH_CHARS) yield* flush();
  }

  if (arrayText) {
    const text = arrayText.join("\n");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const at = /position (\d+)/.exec(message);
      throw new IngestError(name, `not valid JSON (${message})`, at ? lineOfOffset(text, Number(at[1])) : undefined);
    }
    if (!Array.isArray(parsed)) throw new IngestError(name, "expected a JSON array of records or JSON Lines");
    for (const record of parsed) {
      const schema = accept(record, 0);
      if (schema) yield schema;
      if (pending.length >= BATCH_ROWS) yield* flush();
    }
  }
  if (pending.length > 0) yield* flush();
  if (!sawBytes) throw new IngestError(name, "the file is empty");
  if (total === 0) throw new IngestError(name, "the file has no rows");
}
