import { cutText } from "../text/format";
import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import { deriveSelect } from "../sql/derive";
import { PostgreSQL } from "@codemirror/lang-sql";
import type { DerivedTables } from "../datasets/derived";
import { dataObject } from "../engine/values";
import type { DatasetRef } from "../types";

/** What the console refused, and why, in words; nothing was run. */
export class ConsoleRefusal extends Error {}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The engine's refusal to read a file or an address (see `lockdown.ts`), said in words; other errors as they are. */
export function explainRefusal(e: unknown): unknown {
  const m = /Permission Error: Cannot access (?:file|directory) "([^"]*)"/.exec(firstLine(e));
  if (!m) return e;
  const what = m[1]!.length > 200 ? `${cutText(m[1]!, 200)}…` : m[1];
  return new ConsoleRefusal(
    `This query reads “${what}”, and the page’s database reads no file or address by itself. An http(s) address ` +
      "written whole in the query ('https://…') is read after you agree to its host; a file of this computer is " +
      "opened with Open files, then queried by its name. Nothing was read.",
  );
}

/**
 * The engine's message about the user's query, said once and about that query: a block the engine
 * repeats (DuckDB-WASM gives a parser error's "LINE 1: …" twice) is kept once, and the statement the
 * console wraps the query in (`CREATE … AS `) is taken out of the quoted line, its caret moved with it.
 */
export function ownError(e: unknown, wrapper = ""): Error {
  const message = firstLine(e);
  const blocks: string[] = [];
  for (const block of message.split(/\n\n/)) if (blocks[blocks.length - 1] !== block) blocks.push(block);
  const cleaned = blocks
    .map((block) => {
      const m = /^(LINE \d+: )(.*)\n( *)\^/.exec(block);
      if (!wrapper || !m || !m[2]!.startsWith(wrapper)) return block;
      const caret = Math.max(m[1]!.length, m[3]!.length - wrapper.length);
      return `${m[1]}${m[2]!.slice(wrapper.length)}\n${" ".repeat(caret)}^${block.slice(m[0].length)}`;
    })
    .join("\n\n");
  if (cleaned === message && e instanceof Error) return e;
  return new Error(cleaned);
}

/**
 * Whether the console may run this. DuckDB decides, by parsing: the text must prepare as exactly one
 * statement, and that statement must be a query (DuckDB can describe its result). DROP, DELETE,
 * UPDATE, INSERT, ALTER, CREATE, ATTACH, COPY, INSTALL, LOAD, SET, PRAGMA, transactions, and several
 * statements at once are refused before anything runs, so nothing loaded can be lost from here.
 */
/**
 * The query as a SELECT: DESCRIBE, SUMMARIZE and SHOW read only, but only a SELECT can be described
 * and kept, so they are run as the subquery they can be (`SELECT * FROM (DESCRIBE ultrafeedback)`).
 */
export function asQuery(sql: string): string {
  let first = "";
  PostgreSQL.language.parser.parse(sql).iterate({
    enter: (n) => {
      if (first || n.node.firstChild !== null || /Comment/.test(n.name)) return;
      first = sql.slice(n.from, n.to).toUpperCase();
    },
  });
  const bare = sql.trim().replace(/;\s*$/, "");
  return ["DESCRIBE", "SUMMARIZE", "SHOW"].includes(first) ? `SELECT * FROM (${bare})` : sql;
}

export async function checkQuery(db: Connector, sql: string): Promise<void> {
  if (sql.trim() === "") throw new ConsoleRefusal("Write a query first.");
  try {
    await db.query(sql, [], { prepareOnly: true });
  } catch (e) {
    const explained = explainRefusal(e);
    if (explained !== e) throw explained;
    const message = firstLine(e);
    if (/multiple statements/i.test(message)) {
      throw new ConsoleRefusal(
        "The console runs one statement at a time, and this text holds several. Nothing was run.",
      );
    }
    throw ownError(e);
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

/** What owns the console's tables among a workspace's derived ones: the last run's are kept. */
const CONSOLE = "console";

export interface ConsoleResult {
  /** The result as a table the list can show (no layout: its own columns). */
  ds: DatasetRef & { rows: number };
  /** The rows as the query gave them ("Open as dataset" reads them). */
  raw: string;
  /** The query as it ran. */
  sql: string;
  ms: number;
}

/**
 * Runs a checked query into the console's tables of the workspace: the rows as the query gave them,
 * and a copy with a row number that the list pages through (new names each run, so no list shows old
 * rows; the run before is dropped). Only the query itself can be stopped midway. The query is a read;
 * keeping its rows, the console's own writes, are said to be writes.
 */
export async function runQuery(
  db: Connector,
  derived: DerivedTables,
  sql: string,
  signal?: AbortSignal,
): Promise<ConsoleResult> {
  sql = asQuery(sql);
  await checkQuery(db, sql);
  const t0 = performance.now();
  // New names each run: no answer kept of the run before can be read as this one's.
  const raw = derived.fresh("raw", CONSOLE);
  const wrapper = `CREATE OR REPLACE TEMP TABLE ${ident(raw)} AS `;
  await db
    .query(`${wrapper}${sql}`, [], {
      single: true,
      interruptible: true,
      signal,
      write: true,
      ownTables: true,
    })
    .catch((e: unknown) => {
      const explained = explainRefusal(e);
      throw explained === e ? ownError(e, wrapper) : explained;
    });
  const ms = performance.now() - t0;
  const described = (await db.query(`DESCRIBE ${ident(raw)}`)).rows;
  const columns = described.map((r) => String(r.column_name));
  const columnTypes = dataObject(described.map((r) => [String(r.column_name), String(r.column_type)] as const));
  const table = derived.fresh("result", CONSOLE);
  await db.query(
    `CREATE TEMP TABLE ${ident(table)} AS SELECT ${deriveSelect("generic", 0, columns)} FROM ${ident(raw)}`,
    [],
    { write: true, ownTables: true },
  );
  const rows = Number((await db.query(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]?.n ?? 0);
  for (const old of derived.release(CONSOLE, [raw, table])) {
    await db.query(`DROP TABLE IF EXISTS ${ident(old)}`, [], { write: true, ownTables: true });
  }
  return {
    ds: { table, layout: "generic", columns, columnTypes: columnTypes as Record<string, string>, rows, derived },
    raw,
    sql,
    ms,
  };
}
