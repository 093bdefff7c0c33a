import { own } from "../engine/values";
import { columnType } from "../formats/column-names";
import { ident } from "../sql/ident";
import { specOf } from "../layouts/registry";
import type { Clause, ClauseOp, DatasetRef } from "../types";
import { inList, rangeSql, rangeText, type FilterField } from "./field";

/** The URL prefix of each kind of column clause: `range.score=1..3`, `in.source=flan`, `has.answer=tide`. */
const PREFIX: Record<"range" | "in" | "has", string> = { range: "range.", in: "in.", has: "has." };

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

export const isNumericType = (type: string | undefined) => type !== undefined && NUMERIC.test(type);

/** The id of the field that constrains `column` with `op` (range, in or has). */
export function columnFieldId(op: "range" | "in" | "has", column: string): string {
  return `${PREFIX[op]}${column}`;
}

/** Kinds of list column that hold a number per row: the measures a layout derives can be filtered by range. */
const MEASURE_KINDS = new Set(["mean", "spread", "score", "na", "count", "margin", "number", "chars"]);

/** A number the layout derives for each row (a mean, a spread, an N/A count), under its name in links. */
export interface Measure {
  name: string;
  /** Short, for the condition's chip ("Honesty avg"). */
  label: string;
  /** What it is, in words. */
  title: string;
  sql: string;
}

/** The layout's derived per-row numbers (its list's own columns, not the file's), by their readable names. */
export function measuresOf(ds: DatasetRef): Measure[] {
  return specOf(ds.layout)
    .listColumns(ds)
    .filter((c) => c.id.startsWith("__") && c.id !== "__row" && MEASURE_KINDS.has(c.kind))
    .map((c) => ({
      name: c.name ?? c.id,
      label: c.group ? `${c.group} ${c.header}` : c.header,
      title: c.title.charAt(0).toUpperCase() + c.title.slice(1),
      sql: c.sql,
    }));
}

const measureOf = (ds: DatasetRef, name: string) =>
  ds.columns.includes(name) ? undefined : measuresOf(ds).find((m) => m.name === name);

/** A column clause's field from its id, or null when the id is not one. */
export function columnField(id: string, labels?: Record<string, string>): FilterField | null {
  const op = (Object.keys(PREFIX) as (keyof typeof PREFIX)[]).find((k) => id.startsWith(PREFIX[k]));
  if (!op) return null;
  const column = id.slice(PREFIX[op].length);
  const shown = own(labels, column) ?? column;
  const col = ident(column);
  const applies = (ds: DatasetRef) => ds.columns.includes(column) || (op === "range" && !!measureOf(ds, column));
  const base = {
    id,
    op: op as ClauseOp,
    label: shown,
    level: "row" as const,
    param: id,
    accepts: (_: Clause, ds: DatasetRef) => applies(ds),
  };
  if (op === "range") {
    return {
      ...base,
      predicate: (c, { ds, params }) => {
        if (c.op !== "range" || !applies(ds)) return null;
        const measure = measureOf(ds, column);
        const expr = measure ? measure.sql : isNumericType(columnType(ds, column)) ? col : `TRY_CAST(${col} AS DOUBLE)`;
        return rangeSql(expr, c.range, params);
      },
      describe: (c, ds) => {
        const name = (ds && measureOf(ds, column)?.label) ?? shown;
        return c.op === "range" ? `${name} ${rangeText(c.range)}` : name;
      },
    };
  }
  if (op === "in") {
    return {
      ...base,
      predicate: (c, { ds, params }) =>
        c.op === "in" && c.values.length && applies(ds) ? inList(`CAST(${col} AS VARCHAR)`, c.values, params) : null,
      describe: (c) => (c.op === "in" ? `${shown} is ${c.values.map((v) => `“${v}”`).join(" or ")}` : shown),
    };
  }
  return {
    ...base,
    predicate: (c, { ds, params }) =>
      c.op === "has" && c.text !== "" && applies(ds)
        ? `contains(lower(CAST(${col} AS VARCHAR)), lower(${params.add(c.text)}))`
        : null,
    describe: (c) => (c.op === "has" ? `${shown} contains “${c.text}”` : shown),
  };
}
