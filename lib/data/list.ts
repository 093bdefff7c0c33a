import { cutText } from "../text/format";
import type { Connector } from "../engine/types";
import { own } from "../engine/values";
import { cellAlias, countQuery, listColumns, listQuery, positionQuery } from "../sql/list";
import { keepHits } from "../sql/hits";
import { lateColumnStatements } from "../sql/late-columns";
import { ident } from "../sql/ident";
import { rowSpan } from "./row-span";
import { SEARCH_COLUMN, SEARCH_SLICE_ROWS, searchTextStatements, sliceStarts } from "../sql/search";
import type { DatasetRef, ListState } from "../types";

export type Cell = string | number | null;

export interface ListRow {
  row: number;
  preview: string;
  turns: number | null;
  chars: number | null;
  /** The layout's further list columns, by column id: numbers, or short text. */
  cells: Record<string, Cell>;
}

const BASE: Record<string, "preview" | "turns" | "chars"> = {
  __preview: "preview",
  __turns: "turns",
  __chars: "chars",
};

/** Nested values are shown as JSON, cut short; a list cell never holds a whole long text. */
function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "object") {
    const json = JSON.stringify(v);
    return json.length > 300 ? `${cutText(json, 300)}…` : json;
  }
  return String(v);
}

const asNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A search is read once into the rows it matches (see `keepHits`); inline where that could not be done. */
const searched = (db: Connector, ds: DatasetRef, state: ListState) =>
  keepHits(db, ds, state.search).catch(() => undefined);

export async function fetchListPage(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  offset: number,
  limit: number,
): Promise<ListRow[]> {
  await searched(db, ds, state);
  const q = listQuery(ds, state, offset, limit);
  const columns = listColumns(ds, state.columns, state.clauses);
  const { rows } = await db.query(q.sql, q.params);
  return rows.map((r) => {
    const out: ListRow = { row: Number(r.__row), preview: "", turns: null, chars: null, cells: {} };
    columns.forEach((c, i) => {
      const v = r[cellAlias(i)];
      const base = own(BASE, c.id);
      if (base === "preview") out.preview = String(v ?? "");
      else if (base) out[base] = asNumber(v);
      else if (c.id !== "__row") out.cells[c.id] = cell(v);
    });
    return out;
  });
}

export async function fetchCount(db: Connector, ds: DatasetRef, state: ListState): Promise<number> {
  await searched(db, ds, state);
  const q = countQuery(ds, state);
  const [r] = (await db.query(q.sql, q.params)).rows;
  return Number(r?.n ?? 0);
}

export async function fetchPosition(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  row: number,
): Promise<number | null> {
  await searched(db, ds, state);
  const q = positionQuery(ds, state, row);
  const [r] = (await db.query(q.sql, q.params)).rows;
  return r ? Number(r.pos) : null;
}

/** Builds the late summary columns of a table (once); returns the dataset marked as having them. */
export async function buildLateColumns<T extends DatasetRef>(db: Connector, ds: T): Promise<T> {
  if (ds.lateBuilt) return ds;
  for (const sql of lateColumnStatements(ds)) await db.query(sql);
  return { ...ds, lateBuilt: true };
}

/** What building the search index asks of the page: signing text off its thread, and Arrow into a table. */
export interface IndexBuilder {
  /** The signatures of a slice of search text, Arrow IPC in and out (see `signatureIpc`). */
  sign(textIpc: Uint8Array): Promise<Uint8Array>;
  /** Arrow IPC into a table: a new one, or appended to it. */
  insert(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
}

/**
 * Builds the search text of a table (once), in a table of its own owned by the dataset, a slice of
 * rows per statement (see `searchTextStatements`); returns the dataset marked as searchable by it.
 */
export async function buildSearchText<T extends DatasetRef>(db: Connector, ds: T): Promise<T> {
  if (ds.indexed) return ds;
  const table = ds.derived ? ds.derived.slot(ds.table, "search") : `${ds.table}__search`;
  const [first, last] = await rowSpan(db, ds.table);
  for (const sql of searchTextStatements(ds, table, first, last)) await db.query(sql);
  return { ...ds, indexed: true, searchTable: table, searchApart: true };
}

/**
 * Builds the search index of a dataset whose search text is built apart (see lib/search/grams.ts):
 * each slice of that text signed off the engine's thread, the signatures appended to a table of
 * their own, row for row in the text's order (checked at the end: a table out of step is dropped and
 * the search goes on without it). Returns the dataset marked with the index's table.
 */
export async function buildSearchIndex<T extends DatasetRef>(db: Connector, ds: T, index: IndexBuilder): Promise<T> {
  if (ds.grams || !ds.indexed || !ds.searchApart || !ds.searchTable) return ds;
  const text = ds.searchTable;
  const table = ds.derived ? ds.derived.slot(ds.table, "search_grams") : `${text}_grams`;
  const [first, last] = await rowSpan(db, text);
  if (last < first) return ds;
  await db.query(`DROP TABLE IF EXISTS ${ident(table)}`);
  try {
    await signSlices(db, text, table, first, last, index);
    const [apart] = (
      await db.query(
        `SELECT count(*) AS n FROM ${ident(text)} t POSITIONAL JOIN ${ident(table)} g WHERE t.__row IS DISTINCT FROM g.__row`,
      )
    ).rows;
    if (Number(apart?.n) !== 0) throw new Error(`the search index of ${ds.table} is out of step with its text`);
  } catch (e) {
    // (also when the dataset was closed meanwhile: no table of it is left behind)
    await db.query(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
    throw e;
  }
  return { ...ds, grams: table };
}

/** Each slice of the search text signed and its signatures appended, in order (see `buildSearchIndex`). */
async function signSlices(
  db: Connector,
  text: string,
  table: string,
  first: number,
  last: number,
  index: IndexBuilder,
) {
  // A slice is signed while the engine reads out the next one; signatures go in in the text's order.
  let signing: Promise<Uint8Array> | null = null;
  let created = false;
  const put = async (signed: Promise<Uint8Array>) => {
    await index.insert(table, await signed, !created);
    created = true;
  };
  for (const from of sliceStarts(first, last)) {
    const slice = `SELECT __row, ${SEARCH_COLUMN} FROM ${ident(text)} WHERE __row >= ${from} AND __row < ${from + SEARCH_SLICE_ROWS}`;
    const { ipc } = await db.query(slice, [], { arrow: true });
    if (!ipc) throw new Error("the engine did not answer the search text as Arrow");
    const next = index.sign(ipc);
    // (a signature under way when a step before it fails is not waited for, nor left unhandled)
    next.catch(() => undefined);
    if (signing) await put(signing);
    signing = next;
  }
  if (signing) await put(signing);
}
