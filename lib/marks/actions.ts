import type { Connector } from "../engine/types";
import { whereClause } from "../filters/where";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef, ListState } from "../types";
import { markKeySql } from "./keys";
import { MARKS_TABLE } from "./table";

/** The key of one row (what its marks are kept under). */
export async function rowKey(db: Connector, ds: DatasetRef, row: number): Promise<string | null> {
  const { rows } = await db.query(`SELECT ${markKeySql(ds)} AS k FROM ${ident(ds.table)} WHERE __row = $1`, [row]);
  const k = rows[0]?.k;
  return k === null || k === undefined ? null : String(k);
}

/** The keys of every row the list holds (filters, search, check), each once. */
export async function listedKeys(db: Connector, ds: DatasetRef, state: ListState): Promise<string[]> {
  const params = new Params();
  const { rows } = await db.query(
    `SELECT DISTINCT ${markKeySql(ds)} AS k FROM ${ident(ds.table)} ${whereClause(ds, state, params)}`,
    params.values,
  );
  return rows.flatMap((r) => (r.k === null || r.k === undefined ? [] : [String(r.k)]));
}

/** How many of `keys` name a row of the dataset. */
export async function keysFound(db: Connector, ds: DatasetRef, keys: readonly string[]): Promise<number> {
  const unique = [...new Set(keys)];
  let found = 0;
  for (let i = 0; i < unique.length; i += 1000) {
    const params = new Params();
    const list = unique
      .slice(i, i + 1000)
      .map((k) => params.add(k))
      .join(", ");
    const { rows } = await db.query(
      `SELECT count(DISTINCT k) AS n FROM (SELECT ${markKeySql(ds)} AS k FROM ${ident(ds.table)}) WHERE k IN (${list})`,
      params.values,
    );
    found += Number(rows[0]?.n ?? 0);
  }
  return found;
}

export interface MarkedRow {
  row: number;
  preview: string;
  key: string;
  completion: number | null;
  mark: string | null;
  note: string;
}

/** The dataset's marked rows (the first `limit`, in row order), from its engine's marks table. */
export async function markedRows(db: Connector, ds: DatasetRef, scope: string, limit = 500): Promise<MarkedRow[]> {
  const { rows } = await db.query(
    `SELECT t.__row AS row, t.__preview AS preview, m.key, m.completion, m.mark, m.note ` +
      `FROM ${MARKS_TABLE} m JOIN ${ident(ds.table)} t ON m.key = ${markKeySql(ds)} ` +
      `WHERE m.scope = $1 ORDER BY t.__row, m.completion NULLS FIRST LIMIT ${Math.trunc(limit)}`,
    [scope],
  );
  return rows.map((r) => ({
    row: Number(r.row),
    preview: String(r.preview ?? ""),
    key: String(r.key),
    completion: r.completion === null ? null : Number(r.completion),
    mark: r.mark === null ? null : String(r.mark),
    note: String(r.note ?? ""),
  }));
}

/** How many of a scope's marks name no row of this dataset (kept all the same). */
export async function marksNotFound(db: Connector, ds: DatasetRef, scope: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*) AS n FROM ${MARKS_TABLE} WHERE scope = $1 AND key NOT IN (SELECT coalesce(${markKeySql(ds)}, '') FROM ${ident(ds.table)})`,
    [scope],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Other rows with the same key as `row` (a mark on one is on them all): the first `limit`, and how many. */
export async function sameKeyRows(
  db: Connector,
  ds: DatasetRef,
  key: string,
  row: number,
  limit = 5,
): Promise<{ rows: number[]; total: number }> {
  const { rows } = await db.query(
    `SELECT __row AS r, count(*) OVER () AS n FROM ${ident(ds.table)} WHERE ${markKeySql(ds)} = $1 AND __row <> $2 ORDER BY __row LIMIT ${Math.trunc(limit)}`,
    [key, row],
  );
  return { rows: rows.map((r) => Number(r.r)), total: Number(rows[0]?.n ?? 0) };
}
