import { DataType, tableFromIPC, type Field } from "apache-arrow";
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
  // A page that fails (or a type the writer refuses) must end the export with its message: the writer
  // does not always pass an error of its input on, and would wait for ever.
  let fail: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const feed = async (controller: ReadableStreamDefaultController) => {
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
      const bad = unwritable(tableFromIPC(ipc).schema.fields);
      if (bad !== null) {
        throw new Error(
          `Parquet cannot hold the intervals of column “${bad}”: export it as JSON Lines or CSV, or make it text in the SQL console (CAST(… AS VARCHAR)) and export that`,
        );
      }
      schema ??= [];
    } else {
      schema ??= inferArrowFields(next.value, columns);
      ipc = recordsToIPC(schema, next.value);
    }
    const table = pq.Table.fromIPCStream(ipc);
    for (const b of table.recordBatches()) controller.enqueue(b);
  };
  const batches = new ReadableStream({
    async pull(controller) {
      try {
        await feed(controller);
      } catch (e) {
        fail(e);
        controller.error(e);
      }
    },
  });
  const props = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.SNAPPY).build();
  const bytes = await Promise.race([pq.transformParquetStream(batches, props), failed]);
  const reader = bytes.getReader();
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), failed]);
    if (done) return;
    yield value as Uint8Array;
  }
}

/** A column holding a type the Parquet writer has no encoding for (intervals), anywhere inside it. */
function unwritable(fields: readonly Field[]): string | null {
  const holds = (t: DataType): boolean => DataType.isInterval(t) || (t.children ?? []).some((c) => holds(c.type));
  return fields.find((f) => holds(f.type))?.name ?? null;
}
