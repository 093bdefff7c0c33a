import type { Connector, PlainRow, Query } from "../engine/types";
import { whereClause } from "../filters/where";
import { specOf } from "../layouts/registry";
import { sortColumn } from "../sql/list";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef, ListState } from "../types";
import { csvChunk, idsChunk, jsonlChunk, type ExportFormat } from "./encode";

export interface ExportProgress {
  rows: number;
  total: number;
  bytes: number;
}

/** Rows read from the database at a time. */
export const EXPORT_PAGE = 2000;

/** The columns an export writes: the layout's published ones (as read from JSON), or the data's own. */
export function exportColumns(ds: DatasetRef): string[] {
  const fields = specOf(ds.layout).fields;
  const own = new Set(ds.columns);
  return fields ? fields.map((f) => f.name).filter((n) => own.has(n)) : ds.columns;
}

/** What "ids only" writes: the layout's id (prompt_id, id; for raw UltraFeedback the sha256 of the instruction). */
export const exportIdSql = (ds: DatasetRef): string => {
  const id = specOf(ds.layout).idSql;
  if (id) return id;
  const named = ["prompt_id", "id"].find((c) => ds.columns.includes(c));
  return named ? ident(named) : "__row";
};

/**
 * The statements that read the selection — filters and search, in the list's order — a page at a
 * time. In row order, one small statement finds where each page ends, and a page reads a range of
 * row numbers (the database skips the rest by its zone maps); in another order the row numbers are put
 * in order once, in a temporary table, and each page joins its slice of it.
 */
export async function* selectionPageQueries(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  select: string,
  signal?: AbortSignal,
): AsyncGenerator<Query> {
  const params = new Params();
  const where = whereClause(ds, state, params);
  const sort = sortColumn(ds, state.sort);
  const table = ident(ds.table);
  if (!sort || (sort.id === "__row" && !state.sort?.desc)) {
    const { rows } = await db.query(
      `SELECT max(__row) AS last FROM (SELECT __row, (row_number() OVER (ORDER BY __row) - 1) // ${EXPORT_PAGE} AS page ` +
        `FROM ${table} ${where}) GROUP BY page ORDER BY page`,
      params.values,
    );
    let after = -1;
    for (const { last } of rows) {
      signal?.throwIfAborted();
      const p = new Params();
      p.values.push(...params.values);
      const range = `__row > ${p.add(after)} AND __row <= ${p.add(Number(last))}`;
      yield {
        sql: `SELECT ${select} FROM ${table} ${where ? `${where} AND ${range}` : `WHERE ${range}`} ORDER BY __row`,
        params: p.values,
      };
      after = Number(last);
    }
    return;
  }
  const order = `${sort.sql} ${state.sort?.desc ? "DESC" : "ASC"} NULLS LAST, __row`;
  const positions = `__export_positions`;
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${positions} AS SELECT __row, row_number() OVER (ORDER BY ${order}) AS pos FROM ${table} ${where}`,
    params.values,
  );
  try {
    const total = Number((await db.query(`SELECT count(*) AS n FROM ${positions}`)).rows[0]?.n ?? 0);
    for (let from = 0; from < total; from += EXPORT_PAGE) {
      signal?.throwIfAborted();
      yield {
        sql:
          `SELECT ${select} FROM ${positions} p JOIN ${table} USING (__row) ` +
          `WHERE p.pos > $1 AND p.pos <= $2 ORDER BY p.pos`,
        params: [from, from + EXPORT_PAGE],
      };
    }
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${positions}`).catch(() => undefined);
  }
}

/** The selection as plain rows, a page at a time (see `selectionPageQueries`). */
export async function* selectionPages(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  select: string,
  signal?: AbortSignal,
): AsyncGenerator<PlainRow[]> {
  for await (const q of selectionPageQueries(db, ds, state, select, signal)) {
    yield (await db.query(q.sql, q.params, { signal })).rows;
  }
}

/** The SELECT list of an export: the columns it writes, or the id alone. */
export function exportSelect(ds: DatasetRef, format: ExportFormat): { select: string; columns: string[] } {
  if (format === "ids") return { select: `${exportIdSql(ds)} AS id`, columns: ["id"] };
  const columns = exportColumns(ds);
  return { select: columns.map(ident).join(", "), columns };
}

/** Text formats (JSON Lines, CSV, ids), a chunk per page. */
export async function* textChunks(
  pages: AsyncGenerator<PlainRow[]>,
  format: Exclude<ExportFormat, "parquet">,
  columns: readonly string[],
): AsyncGenerator<string> {
  let first = true;
  for await (const rows of pages) {
    yield format === "jsonl"
      ? jsonlChunk(rows)
      : format === "csv"
        ? csvChunk(rows, columns, first)
        : idsChunk(rows, "id");
    first = false;
  }
  if (first && format === "csv") yield csvChunk([], columns, true);
}
