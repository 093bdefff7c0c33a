import type { Connector } from "../engine/types";
import type { ListColumn } from "../layouts/spec";
import { listColumns, listKey } from "../sql/list";
import type { DatasetRef, ListState, SortSpec } from "../types";
import { fetchListPage, type ListRow } from "./list";

export interface FrameRange {
  /** The first position, and the one after the last. */
  rowStart: number;
  rowEnd: number;
  /** Another order than the frame's own. */
  orderBy?: SortSpec | null;
  signal?: AbortSignal;
}

/**
 * Rows a list shows, however they are made: how many, which columns, and a range of them on demand
 * (the shape of hightable's DataFrame). A list consumes one and knows nothing of where its rows come
 * from: a dataset's selection, aligned pairs, a console result.
 */
export interface DataFrame<R = ListRow> {
  numRows: number;
  columns: readonly ListColumn[];
  /** Changes whenever the rows or their order would: what a consumer keeps of it is keyed by it. */
  key: string;
  fetch(range: FrameRange): Promise<R[]>;
}

/** The rows a dataset lists under `state` (search, filters, checks, marks, order), from its engine. */
export function datasetFrame(
  ds: DatasetRef & { rows?: number },
  state: ListState,
  numRows: number,
  db: (signal?: AbortSignal) => Connector,
  epoch: number | string = 0,
): DataFrame {
  return {
    numRows,
    columns: listColumns(ds, state.columns, state.clauses),
    key: `${listKey(ds, state)}#${epoch}`,
    fetch: ({ rowStart, rowEnd, orderBy, signal }) =>
      fetchListPage(
        db(signal),
        ds,
        orderBy === undefined ? state : { ...state, sort: orderBy },
        rowStart,
        Math.max(0, rowEnd - rowStart),
      ),
  };
}
