import { columnType } from "../formats/column-names";
import { own } from "../engine/values";
import type { Query } from "../engine/types";
import { scopeModel, whereClause } from "../filters/where";
import { specOf } from "../layouts/registry";
import { ownColumn, ROW_COLUMN } from "../layouts/common";
import type { ListColumn } from "../layouts/spec";
import type { DatasetRef, ListState, SortSpec } from "../types";
import { ident } from "./ident";
import { markColumn, marksVersion } from "../marks/sql";
import { Params } from "./params";
import { SEARCH_COLUMN } from "./search";

/**
 * The layout's list columns: with "Ratings of: <model>", that model's own ratings in place of the means
 * over every completion, where the layout has them.
 */
function layoutColumns(ds: DatasetRef, clauses?: ListState["clauses"]): ListColumn[] {
  const spec = specOf(ds.layout);
  const model = spec.modelColumns ? scopeModel(ds, clauses ?? []) : null;
  return model !== null ? spec.modelColumns!(model) : spec.listColumns(ds);
}

/** A column's SQL in a statement: a column that binds a value (the model a scope names) adds it to `params`. */
export const columnSql = (c: ListColumn, params: Params) => (c.bound ? c.bound(params) : c.sql);

/** Every column the list can show: the layout's, then the data's own that the layout does not show. */
export function availableColumns(ds: DatasetRef, clauses?: ListState["clauses"]): ListColumn[] {
  const layout = layoutColumns(ds, clauses);
  const taken = new Set(layout.map((c) => c.id));
  return [
    ...layout,
    ...ds.columns.filter((c) => !taken.has(c)).map((c) => ownColumn(c, columnType(ds, c), own(ds.labels, c))),
  ];
}

export const columnName = (c: ListColumn) => c.name ?? c.id;

/** The list's columns: the row number, then the chosen ones in their order, or the layout's choice. */
export function listColumns(ds: DatasetRef, chosen?: readonly string[], clauses?: ListState["clauses"]): ListColumn[] {
  if (!chosen?.length) return withMark(ds, layoutColumns(ds, clauses));
  const all = availableColumns(ds, clauses);
  // By its name in links (an older link may name a column by its id).
  const picked = chosen.flatMap((n) => all.find((c) => (columnName(c) === n || c.id === n) && c.id !== "__row") ?? []);
  return withMark(ds, [ROW_COLUMN, ...picked]);
}

/** The mark column after the row number, once the dataset has marks (it is not chosen: it follows them). */
function withMark(ds: DatasetRef, columns: ListColumn[]): ListColumn[] {
  const mark = markColumn(ds);
  if (!mark) return columns;
  const at = columns[0]?.id === "__row" ? 1 : 0;
  return [...columns.slice(0, at), mark, ...columns.slice(at)];
}

/** The list column a sort names, by its name in links or its id; null for one the list cannot show. */
export function sortColumn(ds: DatasetRef, sort: SortSpec | null, clauses?: ListState["clauses"]): ListColumn | null {
  if (!sort) return null;
  const columns = availableColumns(ds, clauses).filter((c) => !c.unsortable);
  const bare = sort.column.replace(/^__/, "");
  return (
    columns.find((c) => c.id === sort.column || (c.name ?? c.id) === sort.column) ??
    columns.find((c) => (c.name ?? c.id) === bare) ??
    null
  );
}

function orderBy(ds: DatasetRef, state: ListState, params: Params): string {
  const { sort } = state;
  const column = sortColumn(ds, sort, state.clauses);
  if (!column || column.id === "__row") return `ORDER BY __row${column && sort?.desc ? " DESC" : ""}`;
  return `ORDER BY ${columnSql(column, params)} ${sort!.desc ? "DESC" : "ASC"} NULLS LAST, __row`;
}

/** Page bounds are numbers the list computes, never text: they are written as integers. */
const whole = (n: number) => String(Math.max(0, Math.trunc(Number(n) || 0)));

/** The alias of the n-th list column in a page query: data column names never become aliases. */
export const cellAlias = (i: number) => `c${i}`;

/** In the order of the file with nothing left out, a row's position and its number agree. */
function inFileOrder(ds: DatasetRef, state: ListState, where: string): boolean {
  const column = sortColumn(ds, state.sort, state.clauses);
  return where === "" && (!column || (column.id === "__row" && !state.sort?.desc));
}

export function listQuery(ds: DatasetRef, state: ListState, offset: number, limit: number): Query {
  const params = new Params();
  const columns = listColumns(ds, state.columns, state.clauses);
  const select = ["__row", ...columns.map((c, i) => `${columnSql(c, params)} AS ${cellAlias(i)}`)].join(", ");
  const where = whereClause(ds, state, params);
  // No rows to skip: a page starts at a row number.
  if (inFileOrder(ds, state, where)) {
    const sql = `SELECT ${select} FROM ${ident(ds.table)} WHERE __row >= ${whole(offset)} ORDER BY __row LIMIT ${whole(limit)}`;
    return { sql, params: params.values };
  }
  const sql = `SELECT ${select} FROM ${ident(ds.table)} ${where} ${orderBy(ds, state, params)} LIMIT ${whole(limit)} OFFSET ${whole(offset)}`;
  return { sql, params: params.values };
}

export function countQuery(ds: DatasetRef, state: ListState): Query {
  const params = new Params();
  return {
    sql: `SELECT count(*) AS n FROM ${ident(ds.table)} ${whereClause(ds, state, params)}`,
    params: params.values,
  };
}

/** Where a row stands in the current order, so the list can scroll to it. */
export function positionQuery(ds: DatasetRef, state: ListState, row: number): Query {
  const params = new Params();
  const where = whereClause(ds, state, params);
  if (inFileOrder(ds, state, where)) {
    return {
      sql: `SELECT __row AS pos FROM ${ident(ds.table)} WHERE __row = ${params.add(row)}`,
      params: params.values,
    };
  }
  const inner = `SELECT __row, row_number() OVER (${orderBy(ds, state, params)}) - 1 AS pos FROM ${ident(ds.table)} ${where}`;
  return { sql: `SELECT pos FROM (${inner}) WHERE __row = ${params.add(row)}`, params: params.values };
}

export function recordQuery(ds: DatasetRef, row: number): Query {
  const skip = ds.indexed && !ds.searchApart ? `__preview, ${SEARCH_COLUMN}` : "__preview";
  return { sql: `SELECT * EXCLUDE (${skip}) FROM ${ident(ds.table)} WHERE __row = $1`, params: [row] };
}

/**
 * A key that changes whenever the rows or their order would (also while a table is still growing);
 * not when the search text is built, which finds the same rows faster.
 */
export function listKey(ds: DatasetRef & { rows?: number }, state: ListState): string {
  return JSON.stringify([
    ds.table,
    ds.rows ?? null,
    state.search,
    state.sort,
    state.clauses ?? [],
    state.checks ?? {},
    // What each column reads and how it is shown (a file's column types are known once it is read).
    listColumns(ds, state.columns, state.clauses).map((c) => `${c.kind}:${c.sql}`),
    // A computed overlap makes an `overlap=` clause take effect.
    ds.derived?.version ?? 0,
    // Marks set or taken back change what a `mark=` clause lists.
    marksVersion(ds, state.clauses),
  ]);
}
