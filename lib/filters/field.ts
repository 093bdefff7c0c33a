import type { Clause, ClauseOp, DatasetRef, Range } from "../types";
import type { Params } from "../sql/params";

export interface PredicateContext {
  ds: DatasetRef;
  params: Params;
  /** The check settings the user changed (`x.<key>` in links), by key. */
  settings?: Record<string, string[]>;
}

export interface Choice {
  value: string;
  label: string;
  group?: string;
}

/**
 * A filterable field: what a clause on it means in SQL, how it reads in a link and in words, and how
 * the filter bar offers it. Layout specs declare their fields; every column of every table has some too.
 */
export interface FilterField {
  id: string;
  op: ClauseOp;
  label: string;
  /**
   * `row`: a condition on the dataset's row. `completion`: a condition one completion must meet; all
   * of them together, under the `scope` clause, make one condition on the row (see the layout's spec).
   */
  level: "row" | "completion" | "scope";
  /** The URL parameter (repeated for `in`). */
  param: string;
  predicate(clause: Clause, ctx: PredicateContext): string | null;
  /** Whether a clause means something on this dataset (a valid value, a column it has). */
  accepts?(clause: Clause, ds: DatasetRef): boolean;
  /** The clause in words (the dataset, for a field whose words depend on what its workspace computed). */
  describe(clause: Clause, ds?: DatasetRef): string;
  /** For ranges: the scale the inputs offer. */
  bounds?: { min: number; max: number; step: number };
  /** For `at-least`: the threshold a tick sets. */
  defaultValue?: number;
  /** For `is`: the values offered (facets: the values of other fields, by field id). */
  choices?: (facets: Record<string, FacetValue[]>) => Choice[];
  /** For `in`: the values the data holds, with how many rows have each. */
  facet?: (ds: DatasetRef) => { sql: string; params: [] };
  /** A longer explanation, for the control's title. */
  help?: string;
  /** No control in the filter bar (charts set it); shown as a chip while set. */
  hidden?: boolean;
  /** A scope that may say how an N/A rating counts when every completion must meet the conditions. */
  naChoice?: boolean;
  /** For `is`: values earlier links used, by the value that replaced them (an old link still works). */
  renamed?: Readonly<Record<string, string>>;
}

export interface FacetValue {
  value: string;
  n: number;
}

export const isOpenRange = (r: Range | null | undefined): r is null | undefined =>
  !r || (r.min === null && r.max === null);

export function rangeSql(expr: string, r: Range | null | undefined, params: Params): string | null {
  if (isOpenRange(r)) return null;
  if (r.maxExclusive) {
    const below = r.max !== null ? `${expr} < ${params.add(r.max)}` : null;
    const above = r.min !== null ? `${expr} >= ${params.add(r.min)}` : null;
    return [above, below].filter(Boolean).join(" AND ");
  }
  if (r.min !== null && r.max !== null) return `${expr} BETWEEN ${params.add(r.min)} AND ${params.add(r.max)}`;
  if (r.min !== null) return `${expr} >= ${params.add(r.min)}`;
  return `${expr} <= ${params.add(r.max)}`;
}

export const inList = (expr: string, values: readonly string[], params: Params) =>
  `${expr} IN (${values.map((v) => params.add(v)).join(", ")})`;

const num = (n: number) => String(n);

export function rangeText(r: Range): string {
  const max = r.max === null ? "" : `${r.maxExclusive ? "<" : ""}${num(r.max)}`;
  if (r.min !== null && r.max !== null)
    return r.min === r.max && !r.maxExclusive ? `= ${num(r.min)}` : `${num(r.min)}–${max}`;
  return r.min !== null ? `≥ ${num(r.min)}` : r.maxExclusive ? `< ${num(r.max!)}` : `≤ ${num(r.max!)}`;
}

/** A range on one SQL expression. */
export function rangeField(
  id: string,
  label: string,
  level: "row" | "completion",
  expr: string,
  bounds: { min: number; max: number; step: number },
  param = id,
): FilterField {
  return {
    id,
    op: "range",
    label,
    level,
    param,
    bounds,
    predicate: (c, { params }) => (c.op === "range" ? rangeSql(expr, c.range, params) : null),
    describe: (c) => (c.op === "range" ? `${label} ${rangeText(c.range)}` : label),
  };
}

/** Values of one SQL expression, any of which qualifies. */
export function valuesField(
  id: string,
  label: string,
  level: "row" | "completion",
  expr: string,
  param = id,
): FilterField {
  return {
    id,
    op: "in",
    label,
    level,
    param,
    predicate: (c, { params }) => (c.op === "in" && c.values.length ? inList(expr, c.values, params) : null),
    describe: (c) => (c.op === "in" ? `${label}: ${c.values.join(", ")}` : label),
  };
}

/** A condition that is on or off. */
export function flagField(id: string, label: string, sql: string, param = id): FilterField {
  return { id, op: "on", label, level: "row", param, predicate: () => sql, describe: () => label };
}
