import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from "parquet-wasm";
import type { Field } from "apache-arrow";
import { recordsToIPC } from "../../lib/formats/arrow-schema";

export function writeText(path: string, text: string | Uint8Array) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function writeJsonl(path: string, rows: readonly object[]) {
  writeText(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

/** Writes rows as Parquet (Snappy, small row groups so loads arrive in several batches). */
export function writeParquetFile(
  path: string,
  fields: readonly Field[],
  rows: readonly Record<string, unknown>[],
  rowGroup = 16,
) {
  const table = WasmTable.fromIPCStream(recordsToIPC(fields, rows));
  const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setMaxRowGroupSize(rowGroup).build();
  writeText(path, writeParquet(table, props));
}
