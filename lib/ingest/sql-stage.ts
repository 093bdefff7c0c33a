import { Bool, type DataType, type Field, Float64, List, Struct, Utf8 } from "apache-arrow";
import type { DerivedTables } from "../datasets/derived";
import type { Connector } from "../engine/types";
import { detectOrExplain, layoutFields, specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import { deriveSelect } from "../sql/derive";
import { lateSelect } from "../sql/late-columns";
import { SEARCH_BYTES_COLUMN, searchTextSql } from "../sql/search";
import type { DatasetRef, LayoutId } from "../types";
import { finishLoad } from "./finish";

/**
 * Loading by DuckDB's own readers (a native DuckDB: the server, the benchmark, the tests): the files
 * are staged with `read_parquet` or `read_json` on every thread, then the same finish as the page's
 * loads (derived columns, the layout's companion, readable views). JSON of a known layout is typed
 * as the page's Arrow batches are, so both strategies make the same table.
 */

/** A file path the server was given, as an SQL string literal (paths are never data, still quoted). */
export const pathLiteral = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The DuckDB type of an Arrow field, so read_json stages rows exactly as the browser's Arrow batches do. */
export function duckType(type: DataType): string {
  if (type instanceof Utf8) return "VARCHAR";
  if (type instanceof Float64) return "DOUBLE";
  if (type instanceof Bool) return "BOOLEAN";
  if (type instanceof List) return `${duckType((type.children[0] as Field).type)}[]`;
  if (type instanceof Struct) {
    return `STRUCT(${type.children.map((f) => `"${f.name}" ${duckType(f.type)}`).join(", ")})`;
  }
  throw new Error(`no DuckDB type for ${String(type)}`);
}

/** read_json's `columns` argument for a layout, so JSON is typed as the browser's Arrow batches are. */
export function jsonColumns(layout: LayoutId): string {
  return `{${layoutFields(layout)
    .map((f) => `'${f.name}': '${duckType(f.type).replaceAll("'", "''")}'`)
    .join(", ")}}`;
}

const isParquet = (paths: readonly string[]) => paths.every((p) => /\.parquet$/i.test(p));

/** The reader of these files: Parquet as it is; JSON Lines typed as the layout's columns, or as read. */
export function readerSql(paths: readonly string[], layout: LayoutId | null): string {
  const list = `[${paths.map(pathLiteral).join(", ")}]`;
  if (isParquet(paths)) return `read_parquet(${list})`;
  const typed = layout && specOf(layout).fields ? `, columns = ${jsonColumns(layout)}` : "";
  return `read_json(${list}${typed}, format = 'newline_delimited', maximum_object_size = 268435456)`;
}

/** The layout of files from the columns DuckDB reads in them, or why they cannot be read as one. */
export async function detectFiles(db: Connector, paths: readonly string[]): Promise<{ layout: LayoutId }> {
  // The first file says the layout (its first rows, for JSON): all of them are checked as they are read.
  const { rows } = await db.query(
    `SELECT column_name FROM (DESCRIBE SELECT * FROM ${readerSql(paths.slice(0, 1), null)})`,
  );
  const detected = detectOrExplain(rows.map((r) => String(r.column_name)));
  if ("problem" in detected) throw new Error(`${paths[0]}: ${detected.problem}`);
  return detected;
}

export interface SqlLoad {
  table: string;
  derived: DerivedTables;
  /** Its readable SQL name (views); none: no views. */
  sqlName?: string;
  layout: LayoutId;
  paths: readonly string[];
  /**
   * A server's load: count the bytes of each row's search text as the files are read (what holding it
   * in memory takes) and compute the late summaries; the text itself is not stored (the server reads
   * it through a view, and copies it into memory: see `SearchText`).
   */
  search?: boolean;
  /** Called as the load moves from one step to the next, in words, with how far it is (0–1) where known. */
  onPhase?: (phase: string, done?: number) => void;
  /**
   * More connections to the same database: files are read that many at a time (two at once keep two
   * cores busy where one file's reading leaves them waiting on its writes).
   */
  lanes?: Connector[];
  /**
   * Number the rows in a column of each file's table, with an index on it (a database file: reading
   * one row of a table stored there by a scan decodes the text of the 2,048 rows around it).
   */
  rowIndex?: boolean;
}

/**
 * Reads the files one at a time, each whole into a table of its own with the derived columns (and
 * the search column) computed as it is read, on every thread; the dataset is the view of them all,
 * its rows numbered in file order from each part's own row order. Then the layout's companion and
 * the finish every load shares. One statement per file keeps DuckDB writing each part once, straight
 * to the database file, and lets the load say which file it is at.
 */
export async function loadFilesSql(db: Connector, load: SqlLoad): Promise<DatasetRef & { rows: number }> {
  const { table, layout } = load;
  const w = { write: true } as const;
  const typed = specOf(layout).fields;
  let columns: string[] = typed ? layoutFields(layout).map((f) => f.name) : [];
  if (!typed) {
    const { rows } = await db.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${readerSql(load.paths, null)})`);
    columns = rows.map((r) => String(r.column_name));
  }
  // A server builds what a search and the late summaries read as it loads: with every core, it costs little there.
  // A server builds what the late summaries read as it loads, and counts its search text: with every core, it costs little there.
  const search = load.search
    ? `, strlen(${searchTextSql(layout, columns)}) AS ${SEARCH_BYTES_COLUMN}${lateSelect(layout)}`
    : "";
  const part = (k: number) => ident(`${table}_p${k}`);
  const todo = load.paths.map((path, k) => ({ path, k }));
  let read = 0;
  const lane = async (conn: Connector) => {
    for (let next = todo.shift(); next; next = todo.shift()) {
      const { path, k } = next;
      const select = `SELECT ${deriveSelect(layout, null, columns)}${search} FROM ${readerSql([path], layout)}`;
      await conn.query(`CREATE TABLE ${part(k)} AS ${select}`, [], w);
      read++;
      if (load.paths.length > 1) load.onPhase?.(`read ${read} of ${load.paths.length} files`, read / load.paths.length);
    }
  };
  load.onPhase?.(load.paths.length > 1 ? `reading ${load.paths.length} files` : "reading the file", 0);
  await Promise.all([db, ...(load.lanes ?? [])].slice(0, load.paths.length).map(lane));
  // Numbered in file order: each part's rows from the count of the parts before it.
  const parts: string[] = [];
  let rows = 0;
  for (const k of load.paths.keys()) {
    if (load.rowIndex) {
      await db.query(`ALTER TABLE ${part(k)} ADD COLUMN __row BIGINT`, [], w);
      await db.query(`UPDATE ${part(k)} SET __row = ${rows} + rowid`, [], w);
      await db.query(`CREATE INDEX ${ident(`${table}_p${k}_row`)} ON ${part(k)} (__row)`, [], w);
      parts.push(`SELECT __row, * EXCLUDE (__row) FROM ${part(k)}`);
    } else {
      parts.push(`SELECT CAST(${rows} + rowid AS BIGINT) AS __row, * FROM ${part(k)}`);
    }
    rows += Number((await db.query(`SELECT count(*) AS n FROM ${part(k)}`)).rows[0]?.n ?? 0);
  }
  await db.query(`CREATE VIEW ${ident(table)} AS ${parts.join(" UNION ALL BY NAME ")}`, [], w);
  const companion = specOf(layout).companion;
  if (companion) {
    load.onPhase?.("one row per completion");
    await db.query(
      `CREATE TABLE ${ident(`${table}${companion.suffix}`)} AS ${companion.select(ident(table), 0)}`,
      [],
      w,
    );
  }
  const ref: DatasetRef = { table, layout, columns, derived: load.derived };
  if (load.search) ref.lateBuilt = true;
  if (load.sqlName) ref.columnTypes = (await finishLoad(db, { sqlName: load.sqlName, table, layout })).columnTypes;
  return { ...ref, rows };
}

/** Drops what `loadFilesSql` made of `paths` files: the dataset's view, each file's table and the companion. */
export async function dropFilesSql(db: Connector, ds: { table: string; layout: LayoutId }, paths: readonly string[]) {
  const w = { write: true } as const;
  await db.query(`DROP VIEW IF EXISTS ${ident(ds.table)}`, [], w);
  const companion = specOf(ds.layout).companion;
  const tables = [...paths.keys()].map((k) => `${ds.table}_p${k}`);
  if (companion) tables.push(`${ds.table}${companion.suffix}`);
  for (const t of tables) await db.query(`DROP TABLE IF EXISTS ${ident(t)}`, [], w);
}
