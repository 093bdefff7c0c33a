import type { Connector, PlainRow } from "../engine/types";
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

const without = (key: string) => (r: PlainRow) => {
  const out = { ...r };
  delete out[key];
  return out;
};

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
 * The selection — filters and search, in the list's order — a page at a time. In row order a page
 * starts after the last row of the one before (no rows skipped twice); in another order the row
 * numbers are put in order once, and each page reads its rows by number.
 */
export async function* selectionPages(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  select: string,
  signal?: AbortSignal,
): AsyncGenerator<PlainRow[]> {
  const params = new Params();
  const where = whereClause(ds, state, params);
  const sort = sortColumn(ds, state.sort);
  const table = ident(ds.table);
  if (!sort || (sort.id === "__row" && !state.sort?.desc)) {
    let last = -1;
    for (;;) {
      signal?.throwIfAborted();
      const p = new Params();
      p.values.push(...params.values);
      const cond = `${where ? `${where} AND` : "WHERE"} __row > ${p.add(last)}`;
      const { rows } = await db.query(
        `SELECT __row AS __export_row, ${select} FROM ${table} ${cond} ORDER BY __row LIMIT ${EXPORT_PAGE}`,
        p.values,
      );
      if (rows.length === 0) return;
      last = Number(rows[rows.length - 1]!.__export_row);
      yield rows.map(without("__export_row"));
      if (rows.length < EXPORT_PAGE) return;
    }
  }
  const order = `${sort.sql} ${state.sort?.desc ? "DESC" : "ASC"} NULLS LAST, __row`;
  const positions = `__export_positions`;
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${positions} AS SELECT __row, row_number() OVER (ORDER BY ${order}) AS pos FROM ${table} ${where}`,
    params.values,
  );
  try {
    for (let from = 0; ; from += EXPORT_PAGE) {
      signal?.throwIfAborted();
      const { rows } = await db.query(
        `SELECT p.pos AS __export_pos, ${select} FROM ${positions} p JOIN ${table} USING (__row) ` +
          `WHERE p.pos > $1 AND p.pos <= $2 ORDER BY p.pos`,
        [from, from + EXPORT_PAGE],
      );
      if (rows.length === 0) return;
      yield rows.map(without("__export_pos"));
      if (rows.length < EXPORT_PAGE) return;
    }
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${positions}`).catch(() => undefined);
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
