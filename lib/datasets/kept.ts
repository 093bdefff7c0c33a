import { isAbort, type Connector } from "../engine/types";
import { MemoryProblem } from "../ingest/memory";
import { loadSources, type IngestTarget, type LoadOptions, type LoadRequest } from "../ingest/load";
import { browserStore, storeFailure, type DatasetStore } from "../store/dataset-store";
import { storeKey, type SourceIdentity } from "../store/key";
import { identitiesOf, reopenStored } from "../store/reopen";
import { tablesToStore } from "../store/tables";
import type { LoadedDataset } from "../types";

/**
 * Loads that are kept in this browser: a dataset whose sources are unchanged (same identities, same
 * ingest version) opens from its stored copy; any other is read from its files and then stored, in
 * the background, while it is read.
 */
export class KeptDatasets {
  constructor(
    readonly store: DatasetStore | null = browserStore(),
    /** Says what became of a loaded table's copy: stored, or why not. */
    private readonly onStored: (table: string, stored: NonNullable<LoadedDataset["stored"]>) => void = () => undefined,
  ) {}

  async load(target: IngestTarget, request: LoadRequest, options: LoadOptions, keepWith: Connector) {
    const store = this.store;
    if (!store) return loadSources(target, request, options);
    // A server that cannot say what identifies its file (no ETag, no date) leaves nothing to compare: read it.
    const identities = await identitiesOf(request.sources, options.signal).catch((e: unknown) => {
      if (isAbort(e) || options.signal?.aborted) throw e;
      return null;
    });
    const key = identities && storeKey(identities);
    const meta = key ? await store.meta(key) : null;
    if (meta) {
      try {
        return await reopenStored(target, store, meta, request, options);
      } catch (e) {
        // (a copy too large for what is open is kept: it is not the copy that is wrong)
        if (isAbort(e) || options.signal?.aborted || e instanceof MemoryProblem) throw e;
        // A stored copy that cannot be read is read again from the files, and stored again.
        await store.remove(meta.key);
      }
    }
    const ds = await loadSources(target, request, options);
    if (key && identities) void this.keep(store, key, identities, ds, keepWith);
    return ds;
  }

  private async keep(store: DatasetStore, key: string, sources: SourceIdentity[], ds: LoadedDataset, db: Connector) {
    try {
      const meta = await store.save(
        {
          key,
          id: ds.id,
          name: ds.name,
          layout: ds.layout,
          labels: ds.labels,
          rows: ds.rows,
          files: ds.files,
          origins: ds.origins,
          fingerprint: ds.fingerprint,
          warnings: ds.warnings,
          sources,
        },
        await tablesToStore(db, ds),
      );
      this.onStored(ds.table, { at: meta.storedAt, bytes: meta.bytes, reopened: false });
    } catch (e) {
      this.onStored(ds.table, { problem: storeFailure(e) });
    }
  }
}
