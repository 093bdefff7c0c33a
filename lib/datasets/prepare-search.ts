import { PREPARED_LAYOUTS, prepareFeatures } from "../pairs/features";
import { buildLateColumns, buildSearchIndex, buildSearchText, type IndexBuilder } from "../data/list";
import { ident } from "../sql/ident";
import { lateSummaries } from "../sql/late-columns";
import type { QueryManager } from "../query/manager";
import type { LoadedDataset } from "../types";
import type { WorkspaceState } from "./workspace-state";

interface Access {
  state(): WorkspaceState;
  subscribe(listener: () => void): () => void;
  set(patch: Partial<WorkspaceState>): void;
  queriesFor(ds: LoadedDataset): QueryManager;
  indexBuilder(ds: LoadedDataset): IndexBuilder | undefined;
}

/** Builds what a dataset reads once, then marks the dataset (if it is still the same table) with what `done` says. */
function buildThenMark<R>(
  id: string,
  ds: LoadedDataset,
  ws: Access,
  build: Promise<R>,
  done: (built: R) => Partial<LoadedDataset>,
): Promise<void> {
  return build
    .then((built) => {
      const current = ws.state().datasets.get(id);
      if (current?.table === ds.table)
        ws.set({ datasets: new Map(ws.state().datasets).set(id, { ...current, ...done(built) }) });
    })
    .catch(() => undefined);
}

/**
 * Builds a dataset's search text once (see `buildSearchText`), saying so while it is built. Its slices
 * wait behind the page's lists and counts, so the search that asked for it (and any after it) reads
 * the rows themselves meanwhile, and the list's answers kept so far stay: it writes its own table only.
 * Then, in the page's engine, its search index (see `buildSearchIndex`): searches scan the text
 * meanwhile, and through the index once it is whole.
 */
export function prepareSearch(id: string, ws: Access) {
  const state = ws.state();
  const ds = state.datasets.get(id);
  if (!ds || ds.loading || ds.indexed || state.preparing.has(id)) return;
  ws.set({ preparing: new Set(state.preparing).add(id) });
  const db = ws.queriesFor(ds).client({ priority: "panel", write: true, ownTables: true });
  const build = buildSearchText(db, ds);
  void buildThenMark(id, ds, ws, build, (built) => ({
    indexed: true,
    searchTable: built.searchTable,
    searchApart: built.searchApart,
  })).finally(() => {
    const preparing = new Set(ws.state().preparing);
    preparing.delete(id);
    ws.set({ preparing });
  });
  const index = ws.indexBuilder(ds);
  if (!index) return;
  const grams = build.then(async (built) => {
    const done = await buildSearchIndex(db, built, index);
    // Closed or replaced meanwhile: its index is dropped here, as it was not there when the dataset's tables were.
    if (done.grams && ws.state().datasets.get(id)?.table !== ds.table)
      await db.query(`DROP TABLE IF EXISTS ${ident(done.grams)}`);
    return done;
  });
  void buildThenMark(id, ds, ws, grams, (built) => ({ grams: built.grams }));
}

/** Builds a dataset's late summary columns once (see `LateSummary`); until then they are computed inline. */
export function prepareLate(id: string, ws: Access) {
  const ds = ws.state().datasets.get(id);
  // The builds under way are kept with the dataset's derived tables, which the workspace owns.
  const underWay = ds?.derived?.store<true>("late-build");
  if (!ds || !underWay || ds.loading || ds.lateBuilt || underWay.has(ds.table)) return;
  if (lateSummaries(ds.layout).length === 0) return;
  underWay.set(ds.table, true);
  const build = buildLateColumns(ws.queriesFor(ds).client({ priority: "panel", write: true }), ds);
  void buildThenMark(id, ds, ws, build, () => ({ lateBuilt: true })).finally(() => underWay.delete(ds.table));
}

/** How long the page's own requests must have stopped before a slice of work prepared ahead runs. */
const QUIET_MS = 1000;

/**
 * What a pairing reads of a dataset (its unit features), prepared once it has loaded, in slices that
 * each wait until no load runs (which they would slow) and the reader's requests have stopped for a
 * second (so a click waits for one short slice at most, and only when it comes during one).
 */
export function preparePairing(ds: LoadedDataset, ws: Access) {
  if (!PREPARED_LAYOUTS.includes(ds.layout)) return;
  const noLoads = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (ws.state().loads.length > 0) return;
        stop();
        resolve();
      };
      const stop = ws.subscribe(check);
      check();
    });
  const queries = ws.queriesFor(ds);
  const whenFree = async () => {
    do {
      await noLoads();
      await queries.whenQuiet(QUIET_MS);
    } while (ws.state().loads.length > 0);
  };
  void prepareFeatures(queries.client({ priority: "idle", write: true, ownTables: true }), ds, { whenFree });
}
