import type { Clause, DatasetRef } from "../types";

/** One mark of a chart as SQL counted it: a category, a bin [lo, hi), or a cell of a grid. */
export interface Mark {
  key: string;
  n: number;
  lo: number | null;
  hi: number | null;
  /** Grid cells: the bins along x and y, as keys. */
  x: string | null;
  y: string | null;
  ylo: number | null;
  yhi: number | null;
  /** For shares: how many the count is out of (null: out of the chart's total). */
  total: number | null;
}

/** What a chart may count beside its own dataset (the raw rows a binarized split came from). */
export interface ChartContext {
  partner: DatasetRef | null;
}

/**
 * A chart as data: what it counts (SQL over the dataset's rows, or over the completions of the rows),
 * which clause fields it sets when a mark is clicked, and so which clauses it leaves out when it
 * counts, to show the context of its own selection. Bins are made in SQL; the chart library draws.
 */
export interface ChartSpec {
  /** Its name in the page (`data-chart`): `rating-honesty`, `overall-vs-fine`, `margin`, `column-<name>`. */
  id: string;
  title: string;
  /** What one count is ("completions", "prompts", "pairs", "dialogues", "turns"). */
  unit: string;
  kind: "bars" | "histogram" | "grid";
  /** The relation it counts over: the dataset's rows, or the completions of those rows. */
  over: "rows" | "completions";
  /** The clause fields it sets, and leaves out when it counts. */
  fields: string[];
  /**
   * SQL over the relation `rel` giving key, lo, hi, x, y, ylo, yhi and n (any may be NULL but key and n).
   * Values never enter it: only column expressions and numbers the spec fixes.
   */
  aggregate(ds: DatasetRef, ctx: ChartContext): string;
  /** Keys always shown, in this order, even at count 0 (ratings 1–5). */
  keys?: string[];
  /** Shorter words for keys on the axis, where a key is too long to sit under its bar. */
  tickLabels?: Record<string, string>;
  /** Axis labels. */
  xLabel?: string;
  /** Bins that grow tenfold along the axis (lengths). */
  xLog?: boolean;
  yLabel?: string;
  /** The clauses a click on marks sets (several: a dragged span of bins); none when not linkable. */
  select?(marks: Mark[]): Clause[];
  /** Whether the current clauses select this mark (drawn darker). */
  isSelected?(mark: Mark, clauses: readonly Clause[]): boolean;
  /** A sentence under the chart. */
  note?: string;
  /** Facts shown beside it (a column's type, nulls, distinct values, range). */
  facts?: [string, string][];
  /** A line computed from the marks (a share), shown under the title. */
  summary?(marks: Mark[]): string | null;
  /** Only drawn when this holds (a chart that needs the raw rows loaded beside). */
  available?(ctx: ChartContext): boolean;
}
