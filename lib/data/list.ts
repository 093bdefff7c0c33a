import { cutText } from "../text/format";
import type { Connector } from "../engine/types";
import { own } from "../engine/values";
import { cellAlias, countQuery, listColumns, listQuery, positionQuery } from "../sql/list";
import { keepHits } from "../sql/hits";
import { lateColumnStatements } from "../sql/late-columns";
import { ident } from "../sql/ident";
import { indexedSearchTableSql, SEARCH_COLUMN, searchSliceSql, searchTextStatements, sliceStarts } from "../sql/search";
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
  /** The signatures of a column of search text, Arrow IPC in and out (see `signatureIpc`). */
  sign(textIpc: Uint8Array): Promise<Uint8Array>;
  /** Arrow IPC into a new table of that name. */
  insert(table: string, ipc: Uint8Array): Promise<void>;
}

/**
 * Builds the search text of a table (once), in a table of its own owned by the dataset, a slice of
 * rows per statement (see `searchTextStatements`); returns the dataset marked as searchable by it.
 * Given an `IndexBuilder`, each slice's text is signed as it is built and kept beside it: the search
 * index (see lib/search/grams.ts), which then narrows every search of three bytes or more.
 */
export async function buildSearchText<T extends DatasetRef>(db: Connector, ds: T, index?: IndexBuilder): Promise<T> {
  if (ds.indexed) return ds;
  const table = ds.derived ? ds.derived.slot(ds.table, "search") : `${ds.table}__search`;
  const [span] = (await db.query(`SELECT min(__row) AS first, max(__row) AS last FROM ${ident(ds.table)}`)).rows;
  const [first, last] = [Number(span?.first ?? 0), Number(span?.last ?? -1)];
  const built = { ...ds, indexed: true, searchTable: table, searchApart: true };
  if (!index) {
    for (const sql of searchTextStatements(ds, table, first, last)) await db.query(sql);
    return built;
  }
  const [slice, signed] = [`${table}_slice`, `${table}_signed`];
  await db.query(indexedSearchTableSql(table));
  try {
    for (const from of sliceStarts(first, last)) {
      await db.query(`CREATE OR REPLACE TEMP TABLE ${ident(slice)} AS ${searchSliceSql(ds, from)}`);
      const { ipc } = await db.query(`SELECT ${SEARCH_COLUMN} FROM ${ident(slice)}`, [], { arrow: true });
      if (!ipc) throw new Error("the engine did not answer the search text as Arrow");
      const signatures = await index.sign(ipc);
      await db.query(`DROP TABLE IF EXISTS ${ident(signed)}`);
      await index.insert(signed, signatures);
      // Both tables hold the slice's rows in the same order: the signatures were made in it.
      await db.query(
        `INSERT INTO ${ident(table)} SELECT s.__row, s.${SEARCH_COLUMN}, g.* FROM ${ident(slice)} s POSITIONAL JOIN ${ident(signed)} g`,
      );
    }
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${ident(slice)}`);
    await db.query(`DROP TABLE IF EXISTS ${ident(signed)}`);
  }
  return { ...built, grams: true };
}
