import { compactor, dropDataset } from "../ingest/append";
import { memoryPlanner } from "../ingest/memory";
import { finishLoad } from "../ingest/finish";
import type { IngestTarget, LoadOptions, LoadRequest } from "../ingest/load";
import type { IngestSource } from "../ingest/protocol";
import { identifyRemote } from "../ingest/reader";
import type { LoadedDataset } from "../types";
import type { DatasetStore, StoredMeta } from "./dataset-store";
import { fileIdentity, type SourceIdentity } from "./key";
import { createStoredTable } from "./tables";

/** A stored copy's chunks, as the memory plan reads them: Arrow, about as large in the engine as on disk (1.3× planned). */
export const STORED_COPY = "stored copy.arrow";

/** What identifies each source of a load now; null when one cannot be told apart from a changed file. */
export async function identitiesOf(sources: readonly IngestSource[], signal?: AbortSignal) {
  const found: SourceIdentity[] = [];
  for (const s of sources) {
    const identity = s.kind === "file" ? fileIdentity(s) : await identifyRemote(s.url, s.name, signal);
    if (!identity) return null;
    found.push(identity);
  }
  return found;
}

/**
 * The items of `source` in order, the next one already asked for while the caller works on this one:
 * the store's read of a chunk runs while the engine inserts the one before.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const item = await next;
      if (item.done) return;
      next = it.next();
      // a read that fails while this item is worked on is thrown when it is reached, not unhandled
      next.catch(() => undefined);
      yield item.value;
    }
  } finally {
    await it.return?.();
  }
}

/**
 * Opens a dataset from its stored copy: each table created with its exact column types, its Arrow
 * chunks inserted in order (each read while the one before is inserted), then the same finish as a
 * load (the readable views). On failure its tables are dropped and the error is thrown (the caller
 * reads the files instead).
 */
export async function reopenStored(
  target: IngestTarget,
  store: DatasetStore,
  meta: StoredMeta,
  request: LoadRequest,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const { db } = target;
  const startedAt = performance.now();
  let bytesDone = 0;
  // Planned as a load is: what is open compressed first when it must be, this copy compressed as it comes
  // when it would not fit as it is; one that cannot fit at all is refused before anything is read.
  const compaction = compactor(db);
  const compress = await memoryPlanner(
    db,
    request.name,
    options.memory,
    compaction,
  )([{ name: STORED_COPY, bytes: meta.bytes }]);
  try {
    for (const [i, stored] of meta.tables.entries()) {
      const name = `${request.table}${stored.suffix}`;
      await db.query(createStoredTable(name, stored));
      for await (const ipc of readAhead(store.chunks(meta.key, i))) {
        options.signal?.throwIfAborted();
        const t0 = performance.now();
        await target.insertArrow(name, ipc, false);
        // (what bounds a reopen, for the benchmark)
        performance.measure("reopen:insert", { start: t0, end: performance.now() });
        if (compress) await compaction.appended(ipc.byteLength);
        bytesDone += ipc.byteLength + 4;
        options.onProgress?.({
          file: "this browser's stored copy",
          fileIndex: 0,
          fileCount: 1,
          rows: i === 0 ? Math.round((meta.rows * bytesDone) / Math.max(1, meta.bytes)) : meta.rows,
          bytesDone,
          bytesTotal: meta.bytes,
          fetched: null,
          ranged: null,
          plannedBytes: meta.bytes,
          doneBytes: 0,
          startedAt,
          at: performance.now(),
        });
      }
    }
    const { columns, columnTypes } = await finishLoad(db, {
      sqlName: request.sqlName,
      table: request.table,
      layout: meta.layout,
      labels: meta.labels,
    });
    if (compress) await compaction.now();
    return {
      id: request.id,
      table: request.table,
      derived: request.derived,
      layout: meta.layout,
      columns,
      columnTypes,
      labels: meta.labels,
      name: request.name,
      sqlName: request.sqlName,
      rows: meta.rows,
      files: meta.files,
      origins: meta.origins,
      fingerprint: meta.fingerprint,
      transfer: null,
      warnings: meta.warnings,
      stored: { at: meta.storedAt, bytes: meta.bytes, reopened: true },
    };
  } catch (e) {
    await dropDataset(db, { table: request.table, layout: meta.layout, derived: request.derived });
    throw e;
  }
}
