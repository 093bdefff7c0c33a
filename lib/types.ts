/**
 * The domain's vocabulary, shared by every layer: which layout a dataset has, how a loaded dataset
 * is referred to, what the list shows (search, sort, filter clauses). Nothing here knows SQL or React.
 */

import type { DerivedTables } from "./datasets/derived";

export type LayoutId = "ultrachat_raw" | "ultrachat_200k" | "ultrafeedback" | "ultrafeedback_binarized" | "generic";

/** Where a dataset's tables are: the page's own DuckDB, or the app's server (`npm run serve`). */
export type EngineKind = "browser" | "server";

/** A dataset as the SQL layer sees it: its table, layout and own columns. */
export interface DatasetRef {
  table: string;
  /** The engine that holds it; none: the page's own. */
  engine?: EngineKind;
  /** The tables its workspace computed from it (check flags, overlaps …), read by the filters that use them. */
  derived?: DerivedTables;
  layout: LayoutId;
  /** The data's own columns, without the derived ones. */
  columns: string[];
  /** DuckDB types of those columns, where known. */
  columnTypes?: Record<string, string>;
  /** The file's own names of columns stored under another (see `ColumnNamer`), by stored name. */
  labels?: Record<string, string>;
  /** The search text is built (see `searchTextStatements`): a column of `table`, or `searchTable` alone. */
  indexed?: boolean;
  /** Where a search reads the search text (`__row` and `__text`): a server's copy in memory, the page's own table; none: `table`. */
  searchTable?: string;
  /** The search text is in `searchTable` alone, not a column of `table` (the page builds it so). */
  searchApart?: boolean;
  /** The search index of `searchTable`: each row's signature, row for row beside it (see lib/search/grams.ts). */
  grams?: string;
  /** The layout's late summary columns are built (see `LateSummary`). */
  lateBuilt?: boolean;
}

export interface Transfer {
  fetched: number;
  ranged: boolean;
  size: number;
}

/** A dataset open in the page, or still arriving. */
export interface LoadedDataset extends DatasetRef {
  /** What the page URL calls it (`ds=`): a sample id, `file:…`, `hf:…`, `url:…`. */
  id: string;
  name: string;
  /** The readable SQL name of its view (e.g. `ultrafeedback`), unique in the page. */
  sqlName: string;
  rows: number;
  files: string[];
  /** Where each file came from: its address, or its name for a file from this computer. */
  origins: string[];
  /** What identifies the files read: address, or name, size and time of change of a local file. */
  fingerprint?: string;
  /** Still streaming in: `rows` is the count so far. */
  loading?: boolean;
  /** For remote files: what was fetched, and whether by ranges. */
  transfer?: Transfer | null;
  /** What the load kept but changed or replaced, each naming the file, line and column. */
  warnings?: string[];
  /** Its copy in this browser's store: read from it (`reopened`), or kept after the load; or why it was not kept. */
  stored?: { at: number; bytes: number; reopened: boolean } | { problem: string };
}

export interface SortSpec {
  /** A list column, by its id or its name in links (`chars`, `mean_honesty`, a generic table's column). */
  column: string;
  desc: boolean;
}

/** Bounds, inclusive unless `maxExclusive` (a bin [lo, hi) of a chart); a missing bound is open. */
export interface Range {
  min: number | null;
  max: number | null;
  maxExclusive?: boolean;
}

/**
 * One condition of the filter state, as data: which field it constrains and how. A field is declared
 * once (by a layout spec, or for any column of any table) with its SQL, its URL form and its label.
 */
export type Clause =
  /**
   * A range; on a completion's value it may name its own scope (`any`, `all`, `model:<name>`; none:
   * the list's "Ratings of"), and with `all`, whether an N/A rating is skipped instead of failing.
   */
  | { field: string; op: "range"; range: Range; scope?: string; na?: "skip" }
  | { field: string; op: "in"; values: string[] }
  | { field: string; op: "has"; text: string }
  | { field: string; op: "on" }
  | { field: string; op: "at-least"; value: number }
  | { field: string; op: "is"; value: string; na?: "skip" };

export type ClauseOp = Clause["op"];

export interface ListState {
  search: string;
  sort: SortSpec | null;
  clauses?: Clause[];
  /** The list's columns, in order, by name; none: the layout's own choice. */
  columns?: string[];
  /** Settings of the checks the user changed, by key (thresholds, phrase lists). */
  checks?: Record<string, string[]>;
}

/** Which panes are open: the list beside (or above) the record, or one of them alone. */
export type Pane = "split" | "list" | "record";
