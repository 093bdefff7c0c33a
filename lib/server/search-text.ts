import { statSync } from "node:fs";
import { totalmem } from "node:os";
import type { DuckDBInstance } from "@duckdb/node-api";
import { ident } from "../sql/ident";
import { SEARCH_COLUMN } from "../sql/search";

/**
 * The share of this machine's memory the search text of all served datasets may take: raw UltraChat's
 * 9.1 GB of text on a 24 GiB machine, with DuckDB's own limit (80 %) leaving room for its queries.
 */
export const SEARCH_MEMORY_SHARE = 0.45;
/**
 * The share of this machine's memory the served datasets' files may take in DuckDB's buffers, read
 * once at the start (the benchmark's five datasets: 6.2 GB; raw UltraChat's 9.3 GB is not read so).
 */
export const TABLE_MEMORY_SHARE = 0.3;

/** Where a served dataset's search text is read: its database file, or the serving database's memory. */
export type SearchIn = "file" | "copying" | "memory";
/** Where a served dataset's rows are read: its file, or DuckDB's buffers once the file was read through. */
export type TableIn = "file" | "reading" | "memory";

/** Runs one statement of the server's own on a connection of its own. */
async function runOn(db: Promise<DuckDBInstance>, sql: string): Promise<void> {
  const conn = await (await db).connect();
  try {
    await conn.run(sql);
  } finally {
    conn.closeSync();
  }
}

/** The name pages search a served dataset's text by: a view in the serving database. */
export const searchTableOf = (table: string) => `__search_${table}`;
const heldTableOf = (table: string) => `__held_${table}`;

/**
 * The search text of served datasets: each row's text lowercased (`searchTextSql`), not stored in the
 * dataset's file (writing it there cost raw UltraChat's first load 5 s a file) but computed by a view
 * every page's searches read. Once the server has started, the text of each dataset in turn is
 * computed into the serving database's memory while it fits `SEARCH_MEMORY_SHARE` of this machine's
 * memory, and its view then reads the copy (train_sft: a search 250 ms, against 650 ms and more from
 * the file). The rows are the same either way.
 */
export class SearchText {
  private held = 0;

  constructor(
    private readonly db: Promise<DuckDBInstance>,
    private readonly budget = totalmem() * SEARCH_MEMORY_SHARE,
  ) {}

  private run(sql: string) {
    return runOn(this.db, sql);
  }

  /** The view a search reads, computing `text` (an SQL expression of the table's columns) from the dataset's file; its name. */
  async expose(catalog: string, table: string, text: string): Promise<string> {
    const name = searchTableOf(table);
    await this.run(
      `CREATE OR REPLACE VIEW memory.main.${ident(name)} AS SELECT __row, ${text} AS ${SEARCH_COLUMN} FROM ${catalog}.main.${ident(table)}`,
    );
    return name;
  }

  /** Computes a dataset's text (`bytes` of it) into memory if it fits what is held already; whether it did. */
  async hold(catalog: string, table: string, text: string, bytes: number): Promise<boolean> {
    if (this.held + bytes > this.budget) return false;
    this.held += bytes;
    const held = `memory.main.${ident(heldTableOf(table))}`;
    try {
      await this.run(
        `CREATE TABLE ${held} AS SELECT __row, ${text} AS ${SEARCH_COLUMN} FROM ${catalog}.main.${ident(table)}`,
      );
      await this.run(
        `CREATE OR REPLACE VIEW memory.main.${ident(searchTableOf(table))} AS SELECT __row, ${SEARCH_COLUMN} FROM ${held}`,
      );
      return true;
    } catch {
      // Out of memory on the way: the view still reads the file.
      this.held -= bytes;
      await this.run(`DROP TABLE IF EXISTS ${held}`).catch(() => undefined);
      return false;
    }
  }
}

/**
 * Served datasets read once through, so that DuckDB keeps their blocks in its buffers: a statement then
 * reads memory, not the file (a record opened: 20 ms from the file, 5 ms so), and the data stays
 * attached read-only. Each dataset is read while the files read so far fit `TABLE_MEMORY_SHARE` of
 * this machine's memory.
 */
export class WarmTables {
  private taken = 0;

  constructor(
    private readonly db: Promise<DuckDBInstance>,
    private readonly budget = totalmem() * TABLE_MEMORY_SHARE,
  ) {}

  /** Reads every column of a dataset's table once, if its file fits what was read already; whether it did. */
  async read(catalog: string, table: string, file: string): Promise<boolean> {
    const bytes = statSync(/* turbopackIgnore: true */ file).size;
    if (this.taken + bytes > this.budget) return false;
    this.taken += bytes;
    try {
      await runOn(this.db, `SELECT max(hash(COLUMNS(*))) FROM ${catalog}.main.${ident(table)}`);
      return true;
    } catch {
      this.taken -= bytes;
      return false;
    }
  }
}
