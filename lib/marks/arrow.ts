import { Int32, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import type { MarkEntry } from "./types";

/** Marks as one Arrow IPC stream, in the marks table's columns (for the browser's bulk import). */
export function marksIpc(entries: readonly MarkEntry[]): Uint8Array {
  const col = <T>(f: (e: MarkEntry) => T) => entries.map(f);
  const table = new Table({
    scope: vectorFromArray(
      col((e) => e.scope),
      new Utf8(),
    ),
    key: vectorFromArray(
      col((e) => e.key),
      new Utf8(),
    ),
    completion: vectorFromArray(
      col((e) => e.completion),
      new Int32(),
    ),
    mark: vectorFromArray(
      col((e) => e.mark),
      new Utf8(),
    ),
    note: vectorFromArray(
      col((e) => e.note),
      new Utf8(),
    ),
    marked_at: vectorFromArray(
      col((e) => e.marked_at),
      new Utf8(),
    ),
  });
  return tableToIPC(table, "stream");
}
