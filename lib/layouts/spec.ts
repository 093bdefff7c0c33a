import type { LateSummary } from "../sql/late";
import type { Field } from "apache-arrow";
import type { FilterField } from "../filters/field";
import type { PlainRow } from "../engine/types";
import type { RecordData } from "../formats/canonical";
import type { Params } from "../sql/params";
import type { ChartSpec } from "../stats/types";
import type { DatasetRef, LayoutId } from "../types";
import type { TextPart } from "./common";

/** What is known of one column over a whole dataset, for its chart. */
export interface ColumnStats {
  name: string;
  /** The file's own name, where it is stored under another. */
  label: string;
  type: string;
  rows: number;
  nulls: number;
  distinct: number;
  min: number | null;
  max: number | null;
  /** min and max as text, for any type. */
  first: string | null;
  last: string | null;
}

/** How a list column's values are shown. */
export type CellKind =
  | "row"
  | "rating"
  | "text"
  | "count"
  | "mean"
  | "spread"
  | "score"
  | "margin"
  | "models"
  | "na"
  | "value"
  | "number"
  | "json"
  | "mark";

/** A column of the list: its SQL, its header, how it is shown and sorted. */
export interface ListColumn {
  id: string;
  /** Its name in links (`sort=chars.desc`); the id when not given. */
  name?: string;
  header: string;
  /** What the column holds, in words ("mean honesty over the completions"). */
  title: string;
  /** A header above several columns (an aspect over its mean and spread). */
  group?: string;
  /** A second, small line under the header (a column's type). */
  subtitle?: string;
  kind: CellKind;
  /** Width in pixels; the flexible text column has none. */
  width?: number;
  /** The value, over the dataset's table. */
  sql: string;
  /** Largest values first on the first click. */
  descFirst?: boolean;
  /** Matches of the search are marked in it. */
  highlight?: boolean;
  /** Offers no sort (its SQL is not what it shows: the mark column holds the row's key). */
  unsortable?: boolean;
  /**
   * Its SQL where a statement is built, binding what it needs (a model's name) as parameters; `sql`
   * then only names the column for keys.
   */
  bound?: (params: Params) => string;
}

/** A table kept beside a dataset's own, one row per nested item (UltraFeedback: per completion). */
export interface CompanionTable {
  /** Appended to the dataset's table name (`__c`) and to its readable name (`_completions`). */
  suffix: string;
  readable: string;
  /** Its columns that only the app reads, left out of the readable view. */
  hidden?: string[];
  /** Rows for the dataset rows numbered `from` and up of `relation` (SQL of the dataset's table). */
  select(relation: string, from: number): string;
}

/**
 * Everything one layout needs, in one place: how it is recognised and read, what is computed at load,
 * what search reads, what the list shows, how a record is shown, which filters it offers, and its nouns.
 * A new layout is a new spec and one line in the registry.
 */
export interface LayoutSpec {
  id: LayoutId;
  label: string;
  /** What one row is, singular and plural ("prompt", "prompts"). */
  noun: [string, string];
  /** Columns whose presence identifies the layout (any one of them). */
  signature: string[];
  /** Columns the views need; a file with the signature but without these is refused by name. */
  required: string[];
  /** Column types when the data arrives as JSON (Parquet keeps its own); none: inferred. */
  fields: Field[] | null;
  /** A JSON record in this layout's canonical shape (throws `RecordShapeError` naming the field). */
  normalize(record: Record<string, unknown>): object;
  /** The list preview, turns and characters of a row, as SQL over its columns. */
  derived(columns: readonly string[]): { preview: string; turns: string; chars: string };
  /** Further columns computed at load: name and SQL. */
  summaries: [string, string][];
  /** Summaries built on first use instead (see `LateSummary`). */
  late?: LateSummary[];
  companion?: CompanionTable;
  /** SQL expressions that together hold all the text of a row. */
  searchText(columns: readonly string[]): TextPart[];
  listColumns(ds: DatasetRef): ListColumn[];
  /** With "Ratings of: <model>": the list's columns showing that model's own ratings. */
  modelColumns?(model: string): ListColumn[];
  toRecord(row: PlainRow, ds: DatasetRef): RecordData;
  /** The filters this layout offers, in the order the filter bar shows them. */
  filters: FilterField[];
  /** Completion conditions (and the scope they apply to) as one condition on the row. */
  completionWhere?(
    predicates: string[],
    scope: string | null,
    ctx: { ds: DatasetRef; params: Params; na?: "skip" },
  ): string | null;
  /** SQL of a row's id, for "ids only" exports (prompt_id, id). */
  idSql?: string;
  /** The record below the list (wide records) or beside it. */
  stacked: boolean;
  /**
   * The charts of the stats panel. `columns` holds what is known of each column over the whole
   * dataset (type, nulls, distinct values, range), for tables whose charts follow their columns.
   */
  charts(ds: DatasetRef, columns: ColumnStats[]): ChartSpec[];
  /** Its charts follow its columns: what is known of each column is read first. */
  chartsFromColumns?: boolean;
  /** Offers the per-model summary of its completions. */
  modelSummary?: boolean;
  /** Its rows come from rows of this layout, found again by their prompt (binarized pairs → raw UltraFeedback). */
  rawPartner?: LayoutId;
}
