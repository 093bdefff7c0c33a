import { columnLabel, columnType } from "../formats/column-names";
import type { Connector, Query } from "../engine/types";
import { isNumericType } from "../filters/columns";
import type { ColumnStats } from "../layouts/spec";
import { ident } from "../sql/ident";
import type { DatasetRef } from "../types";
import { CHARTED_COLUMNS } from "./columns";

const nested = (type: string) => /\[\]$|^STRUCT|^MAP|^UNION/i.test(type);

/** Per column, over the whole dataset: rows, nulls, distinct values, and the range (mosaic's field info). */
export function fieldInfoQuery(ds: DatasetRef): Query | null {
  const columns = ds.columns.slice(0, CHARTED_COLUMNS);
  if (!columns.length) return null;
  const parts = columns.flatMap((name, i) => {
    const c = ident(name);
    const type = columnType(ds, name) ?? "VARCHAR";
    const range = nested(type)
      ? [`NULL AS min${i}`, `NULL AS max${i}`, `NULL AS first${i}`, `NULL AS last${i}`]
      : isNumericType(type)
        ? [
            `CAST(min(${c}) AS DOUBLE) AS min${i}`,
            `CAST(max(${c}) AS DOUBLE) AS max${i}`,
            `CAST(min(${c}) AS VARCHAR) AS first${i}`,
            `CAST(max(${c}) AS VARCHAR) AS last${i}`,
          ]
        : [
            `NULL AS min${i}`,
            `NULL AS max${i}`,
            `left(CAST(min(${c}) AS VARCHAR), 40) AS first${i}`,
            `left(CAST(max(${c}) AS VARCHAR), 40) AS last${i}`,
          ];
    return [`count(${c}) AS nonnull${i}`, `count(DISTINCT ${c}) AS distinct${i}`, ...range];
  });
  return { sql: `SELECT count(*) AS total, ${parts.join(", ")} FROM ${ident(ds.table)}`, params: [] };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function fetchFieldInfo(db: Connector, ds: DatasetRef): Promise<ColumnStats[]> {
  const q = fieldInfoQuery(ds);
  if (!q) return [];
  const [r] = (await db.query(q.sql, q.params)).rows;
  if (!r) return [];
  const rows = Number(r.total);
  return ds.columns.slice(0, CHARTED_COLUMNS).map((name, i) => ({
    name,
    label: columnLabel(ds, name),
    type: columnType(ds, name) ?? "VARCHAR",
    rows,
    nulls: rows - Number(r[`nonnull${i}`]),
    distinct: Number(r[`distinct${i}`]),
    min: num(r[`min${i}`]),
    max: num(r[`max${i}`]),
    first: r[`first${i}`] === null || r[`first${i}`] === undefined ? null : String(r[`first${i}`]),
    last: r[`last${i}`] === null || r[`last${i}`] === undefined ? null : String(r[`last${i}`]),
  }));
}
