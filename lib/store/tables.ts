import type { Connector } from "../engine/types";
import { datasetTables } from "../ingest/append";
import { ident } from "../sql/ident";
import { lateSummaries } from "../sql/late-columns";
import { SEARCH_COLUMN } from "../sql/search";
import type { LayoutId } from "../types";
import type { StoredTable } from "./dataset-store";

/** Rows of a dataset read into one stored chunk (about 30 MB of UltraFeedback, less of the others). */
export const STORE_CHUNK_ROWS = 2000;

/**
 * A table's columns and their DuckDB types, as DESCRIBE gives them; the search column and the late
 * summaries are built again on first use, so a stored table is the table a load makes.
 */
export async function tableColumns(db: Connector, table: string, layout?: LayoutId): Promise<StoredTable["columns"]> {
  const late = new Set(layout ? lateSummaries(layout).map((s) => s.name) : []);
  const { rows } = await db.query(`SELECT column_name, column_type FROM (DESCRIBE ${ident(table)})`);
  return rows
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }))
    .filter((c) => c.name !== SEARCH_COLUMN && !late.has(c.name));
}

/**
 * The tables of a loaded dataset as the store keeps them: each table's columns, and its rows as Arrow
 * IPC chunks of `STORE_CHUNK_ROWS` dataset rows, in row order (the companion's rows of the same rows).
 */
export async function tablesToStore(
  db: Connector,
  ds: { table: string; layout: LayoutId },
  chunkRows = STORE_CHUNK_ROWS,
): Promise<{ suffix: string; columns: StoredTable["columns"]; chunks: AsyncIterable<Uint8Array> }[]> {
  const last = Number((await db.query(`SELECT max(__row) AS n FROM ${ident(ds.table)}`)).rows[0]?.n ?? -1);
  const out = [];
  for (const table of datasetTables(ds.table, ds.layout)) {
    const columns = await tableColumns(db, table, ds.layout);
    const order = columns.some((c) => c.name === "idx") && table !== ds.table ? "__row, idx" : "__row";
    const select = `SELECT ${columns.map((c) => ident(c.name)).join(", ")} FROM ${ident(table)}`;
    async function* chunks() {
      for (let from = 0; from <= last; from += chunkRows) {
        const { ipc } = await db.query(
          `${select} WHERE __row >= $1 AND __row < $2 ORDER BY ${order}`,
          [from, from + chunkRows],
          {
            arrow: true,
          },
        );
        if (!ipc) throw new Error("this engine does not answer in Arrow");
        yield ipc;
      }
    }
    out.push({ suffix: table.slice(ds.table.length), columns, chunks: chunks() });
  }
  return out;
}

/** Creates a stored table under `name` with its exact column types, for its chunks to be inserted into. */
export const createStoredTable = (name: string, table: StoredTable) =>
  `CREATE TABLE ${ident(name)} (${table.columns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`;
