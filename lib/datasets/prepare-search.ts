import { buildLateColumns, buildSearchColumn } from "../data/list";
import { lateSummaries } from "../sql/late-columns";
import type { QueryManager } from "../query/manager";
import type { LoadedDataset } from "../types";
import type { WorkspaceState } from "./workspace-state";

interface Access {
  state(): WorkspaceState;
  set(patch: Partial<WorkspaceState>): void;
  queriesFor(ds: LoadedDataset): QueryManager;
}

/** Builds a dataset's search column once (see `buildSearchColumn`), saying so while it is built. */
export function prepareSearch(id: string, ws: Access) {
  const state = ws.state();
  const ds = state.datasets.get(id);
  if (!ds || ds.loading || ds.indexed || state.preparing.has(id)) return;
  ws.set({ preparing: new Set(state.preparing).add(id) });
  buildSearchColumn(ws.queriesFor(ds).client({ priority: "list", write: true }), ds)
    .then(() => {
      const current = ws.state().datasets.get(id);
      if (current?.table === ds.table) {
        ws.set({ datasets: new Map(ws.state().datasets).set(id, { ...current, indexed: true }) });
      }
    })
    .catch(() => undefined)
    .finally(() => {
      const preparing = new Set(ws.state().preparing);
      preparing.delete(id);
      ws.set({ preparing });
    });
}

/** Builds a dataset's late summary columns once (see `LateSummary`); until then they are computed inline. */
export function prepareLate(id: string, ws: Access) {
  const ds = ws.state().datasets.get(id);
  if (!ds || ds.loading || ds.lateBuilt || lateSummaries(ds.layout).length === 0 || building.has(ds.table)) return;
  building.add(ds.table);
  buildLateColumns(ws.queriesFor(ds).client({ priority: "panel", write: true }), ds)
    .then(() => {
      const current = ws.state().datasets.get(id);
      if (current?.table === ds.table) {
        ws.set({ datasets: new Map(ws.state().datasets).set(id, { ...current, lateBuilt: true }) });
      }
    })
    .catch(() => undefined)
    .finally(() => building.delete(ds.table));
}

/** Tables whose late columns are being built (a table name is never reused within a page). */
const building = new Set<string>();
