import { Int32, makeData, makeVector, Table, tableToIPC, Utf8 } from "apache-arrow";
import type { MarkEntry } from "./types";

/** A validity bitmap (bit set: a value), and how many are null. */
function validity(present: readonly boolean[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(present.length / 8));
  let nullCount = 0;
  present.forEach((p, i) => {
    if (p) nullBitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  });
  return { nullBitmap, nullCount };
}

// Vectors are made from their buffers: Arrow's builders compile code at run time, which the page's
// Content-Security-Policy forbids.
function text(values: readonly (string | null)[]) {
  const encoder = new TextEncoder();
  const bytes = values.map((v) => (v === null ? new Uint8Array(0) : encoder.encode(v)));
  const valueOffsets = new Int32Array(values.length + 1);
  bytes.forEach((b, i) => (valueOffsets[i + 1] = valueOffsets[i]! + b.length));
  const data = new Uint8Array(valueOffsets[values.length]!);
  bytes.forEach((b, i) => data.set(b, valueOffsets[i]!));
  const { nullBitmap, nullCount } = validity(values.map((v) => v !== null));
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap, valueOffsets, data }));
}

function int32(values: readonly (number | null)[]) {
  const { nullBitmap, nullCount } = validity(values.map((v) => v !== null));
  const data = Int32Array.from(values, (v) => v ?? 0);
  return makeVector(makeData({ type: new Int32(), length: values.length, nullCount, nullBitmap, data }));
}

/** Marks as one Arrow IPC stream, in the marks table's columns (for the browser's bulk import). */
export function marksIpc(entries: readonly MarkEntry[]): Uint8Array {
  const table = new Table({
    scope: text(entries.map((e) => e.scope)),
    key: text(entries.map((e) => e.key)),
    completion: int32(entries.map((e) => e.completion)),
    mark: text(entries.map((e) => e.mark)),
    note: text(entries.map((e) => e.note)),
    marked_at: text(entries.map((e) => e.marked_at)),
  });
  return tableToIPC(table, "stream");
}
