import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import { deriveSelect } from "../sql/derive";
import type { DatasetRef } from "../types";

/** What the console refused, and why, in words; nothing was run. */
export class ConsoleRefusal extends Error {}

/** The table the console keeps its last result in, as the query gave it. */
export const CONSOLE_RAW = "__console_raw";
/** The result as the list shows it (with a row number); a new name each run, so no list shows old rows. */
export const consoleResult = (run: number) => `__console_result_${run}`;
let runs = 0;

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Whether the console may run this. DuckDB decides, by parsing: the text must prepare as exactly one
 * statement, and that statement must be a query (DuckDB can describe its result). DROP, DELETE,
 * UPDATE, INSERT, ALTER, CREATE, ATTACH, COPY, INSTALL, LOAD, SET, PRAGMA, transactions, and several
 * statements at once are refused before anything runs, so nothing loaded can be lost from here.
 */
export async function checkQuery(db: Connector, sql: string): Promise<void> {
  if (sql.trim() === "") throw new ConsoleRefusal("Write a query first.");
  try {
    await db.query(sql, [], { prepareOnly: true });
  } catch (e) {
    const message = firstLine(e);
    if (/multiple statements/i.test(message)) {
      throw new ConsoleRefusal(
        "The console runs one statement at a time, and this text holds several. Nothing was run.",
      );
    }
    throw e;
  }
  try {
    await db.query(`DESCRIBE ${sql}`, [], { prepareOnly: true });
  } catch {
    throw new ConsoleRefusal(
      "Only queries run in the console (SELECT, WITH, FROM, VALUES, DESCRIBE <table>): DuckDB does not read this " +
        "statement as a query, so it could change or remove what is loaded. Nothing was run.",
    );
  }
}

export interface ConsoleResult {
  /** The result as a table the list can show (no layout: its own columns). */
  ds: DatasetRef & { rows: number };
  ms: number;
}

/**
 * Runs a checked query into the console's result table: the rows as the query gave them, and a copy
 * with a row number that the list pages through. Only the query itself can be stopped midway.
 */
export async function runQuery(db: Connector, sql: string, signal?: AbortSignal): Promise<ConsoleResult> {
  await checkQuery(db, sql);
  const t0 = performance.now();
  await db.query(`CREATE OR REPLACE TEMP TABLE ${CONSOLE_RAW} AS ${sql}`, [], {
    single: true,
    interruptible: true,
    signal,
  });
  const ms = performance.now() - t0;
  const described = (await db.query(`DESCRIBE ${CONSOLE_RAW}`)).rows;
  const columns = described.map((r) => String(r.column_name));
  const columnTypes = Object.fromEntries(described.map((r) => [String(r.column_name), String(r.column_type)]));
  const table = consoleResult(++runs);
  await db.query(`DROP TABLE IF EXISTS ${ident(consoleResult(runs - 1))}`);
  await db.query(
    `CREATE TEMP TABLE ${ident(table)} AS SELECT ${deriveSelect("generic", 0, columns)} FROM ${ident(CONSOLE_RAW)}`,
  );
  const rows = Number((await db.query(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]?.n ?? 0);
  return { ds: { table, layout: "generic", columns, columnTypes, rows }, ms };
}
