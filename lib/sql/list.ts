import type { SqlParam } from "../engine/types";
import type { LayoutId } from "../formats/layouts";
import { layoutSummaries } from "./derive";
import { filterClauses, NO_FILTERS, type Filters } from "./filters";
import { ident } from "./ident";
import { Params } from "./params";
import { SEARCH_COLUMN, searchPredicate } from "./search";

export interface DatasetRef {
  table: string;
  layout: LayoutId;
  /** The data's own columns, without the derived ones. */
  columns: string[];
  /** The search column is built (see `searchColumnStatements`). */
  indexed?: boolean;
}

export interface SortSpec {
  column: string;
  desc: boolean;
}

export interface ListState {
  search: string;
  sort: SortSpec | null;
  filters?: Filters;
}

export interface Query {
  sql: string;
  params: SqlParam[];
}

const BASE = ["__row", "__preview", "__turns", "__chars"];

/** Columns a layout's list shows beyond the base ones (row, preview, turns, chars). */
export function listFields(ds: DatasetRef): string[] {
  switch (ds.layout) {
    case "generic":
      return genericListColumns(ds);
    case "ultrafeedback":
      return ["source", ...layoutSummaries("ultrafeedback").map(([name]) => name)];
    case "ultrafeedback_binarized":
      return ["score_chosen", "score_rejected", "__margin"];
    default:
      return [];
  }
}

/** Columns a list can be sorted by: the base ones and every column the layout's list shows. */
export function sortableColumns(ds: DatasetRef): string[] {
  return [...BASE, ...listFields(ds)];
}

export function genericListColumns(ds: DatasetRef): string[] {
  return ds.columns.slice(0, 8);
}

/** The WHERE clause of the current search and filters, with its values bound. */
export function whereClause(ds: DatasetRef, state: ListState, params: Params): string {
  const clauses: string[] = [];
  if (state.search.trim() !== "") {
    clauses.push(searchPredicate(ds.layout, ds.columns, params.add(state.search), ds.indexed));
  }
  clauses.push(...filterClauses(ds, state.filters ?? NO_FILTERS, params));
  return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
}

function orderBy(ds: DatasetRef, sort: SortSpec | null): string {
  if (!sort || !sortableColumns(ds).includes(sort.column) || sort.column === "__row") {
    return `ORDER BY __row${sort?.column === "__row" && sort.desc ? " DESC" : ""}`;
  }
  return `ORDER BY ${ident(sort.column)} ${sort.desc ? "DESC" : "ASC"} NULLS LAST, __row`;
}

/** Page bounds are numbers the list computes, never text: they are written as integers. */
const whole = (n: number) => String(Math.max(0, Math.trunc(Number(n) || 0)));

export function listQuery(ds: DatasetRef, state: ListState, offset: number, limit: number): Query {
  const params = new Params();
  const extra = listFields(ds)
    .map((c) =>
      ds.layout === "generic" ? `, left(CAST(${ident(c)} AS VARCHAR), 200) AS ${ident(c)}` : `, ${ident(c)}`,
    )
    .join("");
  const sql =
    `SELECT __row, __preview, __turns, __chars${extra} FROM ${ident(ds.table)} ${whereClause(ds, state, params)} ` +
    `${orderBy(ds, state.sort)} LIMIT ${whole(limit)} OFFSET ${whole(offset)}`;
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
  const inner = `SELECT __row, row_number() OVER (${orderBy(ds, state.sort)}) - 1 AS pos FROM ${ident(ds.table)} ${whereClause(ds, state, params)}`;
  return { sql: `SELECT pos FROM (${inner}) WHERE __row = ${params.add(row)}`, params: params.values };
}

export function recordQuery(ds: DatasetRef, row: number): Query {
  const skip = ds.indexed ? `__preview, ${SEARCH_COLUMN}` : "__preview";
  return { sql: `SELECT * EXCLUDE (${skip}) FROM ${ident(ds.table)} WHERE __row = $1`, params: [row] };
}

/** A key that changes whenever the rows or their order would (also while a table is still growing). */
export function listKey(ds: DatasetRef & { rows?: number }, state: ListState): string {
  return JSON.stringify([ds.table, ds.rows ?? null, state.search, state.sort, state.filters ?? NO_FILTERS]);
}
