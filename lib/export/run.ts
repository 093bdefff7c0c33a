import type { Connector, PlainRow, Query } from "../engine/types";
import { whereClause } from "../filters/where";
import { specOf } from "../layouts/registry";
import { sortColumn, columnSql } from "../sql/list";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import { derivedOf } from "../checks/flags";
import { markExportColumns, swappedColumns } from "../marks/sql";
import type { DatasetRef, ListState } from "../types";
import { own } from "../engine/values";
import { csvLine, idLine, jsonlLine, type ExportFormat } from "./encode";

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
  const sort = sortColumn(ds, state.sort, state.clauses);
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
  const order = `${columnSql(sort, params)} ${state.sort?.desc ? "DESC" : "ASC"} NULLS LAST, __row`;
  const positions = ident(derivedOf(ds).fresh("pos", ds.table));
  await db.query(
    `CREATE TEMP TABLE ${positions} AS SELECT __row, row_number() OVER (ORDER BY ${order}) AS pos FROM ${table} ${where}`,
    params.values,
    { write: true, ownTables: true },
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
    await db.query(`DROP TABLE IF EXISTS ${positions}`, [], { write: true, ownTables: true }).catch(() => undefined);
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

/** DuckDB types whose values JavaScript's numbers do not hold exactly: they travel as their exact text. */
const EXACT_NUMBER = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT|DECIMAL\(\d+,\s*\d+\))$/i;
const NESTED = /(\[\d*\]$|^STRUCT\(|^MAP\(|^UNION\()/i;

export interface ExportPlan {
  select: string;
  columns: string[];
  /** Columns read as the exact text of a number, which JSON Lines writes as that number. */
  numberText: string[];
}

/**
 * The SELECT list of an export: the columns it writes (or the id alone), each as DuckDB holds it.
 * JSON Lines reads integers beyond 2^53 and decimals as their exact text, to write them digit for
 * digit; CSV reads every value that is not text or nested as DuckDB's own text (CAST … AS VARCHAR).
 */
export function exportSelect(
  ds: DatasetRef,
  format: ExportFormat,
  types: ReadonlyMap<string, string> = new Map(),
  options: ExportOptions = {},
): ExportPlan {
  if (format === "ids") return { select: `${exportIdSql(ds)} AS id`, columns: ["id"], numberText: [] };
  const columns = exportColumns(ds);
  const numberText: string[] = [];
  const swapped = options.swap ? swappedColumns(ds) : new Map<string, string>();
  const select = columns.map((c) => {
    const type = types.get(c) ?? "";
    const value = swapped.get(c) ?? ident(c);
    const asText =
      format === "jsonl"
        ? EXACT_NUMBER.test(type)
        : format !== "parquet" && type !== "" && type !== "VARCHAR" && !NESTED.test(type);
    if (!asText) return value === ident(c) ? value : `${value} AS ${ident(c)}`;
    if (format === "jsonl") numberText.push(c);
    return `CAST(${value} AS VARCHAR) AS ${ident(c)}`;
  });
  const marks = options.marks ? markExportColumns(ds) : [];
  if (marks.length) {
    // The reader's mark and note, under names the data does not use.
    const [mark, note] = ds.columns.includes("mark") ? ["your_mark", "your_mark_note"] : ["mark", "mark_note"];
    select.push(`${marks[0]} AS ${ident(mark)}`, `${marks[1]} AS ${ident(note)}`);
    columns.push(mark, note);
  }
  return { select: select.join(", "), columns, numberText };
}

/** What an export adds to the rows: the reader's marks, and for binarized pairs the swaps applied. */
export interface ExportOptions {
  marks?: boolean;
  swap?: boolean;
}

/** The DuckDB types of a table's columns, by name. */
export async function columnTypes(db: Connector, table: string): Promise<Map<string, string>> {
  const { rows } = await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  return new Map(rows.map((r) => [String(r.column_name), String(r.column_type)]));
}

/** The lines of each page of rows as text: JSON Lines, CSV (its header before the first page), or ids. */
export async function* textLines(
  pages: AsyncGenerator<PlainRow[]>,
  format: Exclude<ExportFormat, "parquet">,
  columns: readonly string[],
  numberText: readonly string[] = [],
): AsyncGenerator<string[]> {
  let first = true;
  const exact = new Set(numberText);
  const csv = format === "csv" || format === "csv-raw";
  const safe = format === "csv";
  for await (const rows of pages) {
    const lines =
      format === "jsonl"
        ? rows.map((r) => jsonlLine(r, exact))
        : csv
          ? rows.map((r) =>
              csvLine(
                columns.map((c) => own(r, c)),
                safe,
              ),
            )
          : rows.map((r) => idLine(r, "id"));
    yield first && csv ? [csvLine(columns, safe), ...lines] : lines;
    first = false;
  }
  if (first && csv) yield [csvLine(columns, safe)];
}

/** The same text a page at a time, as one string each. */
export async function* textChunks(...args: Parameters<typeof textLines>): AsyncGenerator<string> {
  for await (const lines of textLines(...args)) yield lines.join("");
}
