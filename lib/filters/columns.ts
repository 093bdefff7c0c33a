import { own } from "../engine/values";
import { columnType } from "../formats/column-names";
import { ident } from "../sql/ident";
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

/** A column clause's field from its id, or null when the id is not one. */
export function columnField(id: string, labels?: Record<string, string>): FilterField | null {
  const op = (Object.keys(PREFIX) as (keyof typeof PREFIX)[]).find((k) => id.startsWith(PREFIX[k]));
  if (!op) return null;
  const column = id.slice(PREFIX[op].length);
  const shown = own(labels, column) ?? column;
  const col = ident(column);
  const applies = (ds: DatasetRef) => ds.columns.includes(column);
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
        const expr = isNumericType(columnType(ds, column)) ? col : `TRY_CAST(${col} AS DOUBLE)`;
        return rangeSql(expr, c.range, params);
      },
      describe: (c) => (c.op === "range" ? `${shown} ${rangeText(c.range)}` : shown),
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
