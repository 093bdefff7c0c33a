import type { Field } from "apache-arrow";
import type * as ParquetWasm from "parquet-wasm/esm";
import type { PlainRow } from "../engine/types";
import { recordsToIPC } from "../formats/arrow-schema";
import { inferArrowFields } from "./encode";

type Module = Pick<typeof ParquetWasm, "Table" | "transformParquetStream" | "WriterPropertiesBuilder" | "Compression">;

/**
 * Parquet, streamed: each page becomes Arrow record batches that parquet-wasm writes as row groups
 * while the next page is read. A page is the database's own Arrow IPC (its types as they are), or
 * plain rows (the layout's nested types, or types read off the first page).
 */
export async function* parquetChunks(
  pq: Module,
  pages: AsyncGenerator<PlainRow[] | Uint8Array>,
  fields: Field[] | null,
  columns: readonly string[],
): AsyncGenerator<Uint8Array> {
  let schema = fields;
  const batches = new ReadableStream({
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (!schema) {
          // No rows: still a valid file, with the columns as text.
          schema = inferArrowFields([], columns);
          const table = pq.Table.fromIPCStream(recordsToIPC(schema, []));
          for (const b of table.recordBatches()) controller.enqueue(b);
        }
        controller.close();
        return;
      }
      let ipc: Uint8Array;
      if (next.value instanceof Uint8Array) {
        ipc = next.value;
        schema ??= [];
      } else {
        schema ??= inferArrowFields(next.value, columns);
        ipc = recordsToIPC(schema, next.value);
      }
      const table = pq.Table.fromIPCStream(ipc);
      for (const b of table.recordBatches()) controller.enqueue(b);
    },
  });
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  const bytes = await pq.transformParquetStream(batches, props);
  const reader = bytes.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value as Uint8Array;
  }
}
