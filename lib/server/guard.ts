import { StatementType } from "@duckdb/node-api";

/** What a request asks of a statement: answer it, run it as a write, or only prepare it (a check). */
export type Kind = "read" | "write" | "prepare";

/** A statement the server will not run, and why, in words; nothing ran. */
export class Refused extends Error {
  readonly status = 403;
}

/** The statement's text without the comments before it. */
const lead = (sql: string) => sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, "");

const READS = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Whether the server runs a statement of this type for this kind of request. DuckDB itself keeps the
 * datasets unchanged (attached read-only) and reads no file or address (its switches are locked):
 * this keeps a session's writes to its own TEMP tables and variables, and refuses what would reach the
 * database's state (ATTACH, DETACH, USE, SET, COPY, INSTALL, LOAD, PRAGMA, CALL, transactions …).
 */
export function admit(kind: Kind, type: number, sql: string): void {
  if (kind === "prepare") return;
  const text = lead(sql);
  if (kind === "read") {
    if (READS.has(type)) return;
    throw new Refused("Only queries are answered as reads; this statement would change something. Nothing ran.");
  }
  if (READS.has(type)) return;
  const temp = /^CREATE\s+(OR\s+REPLACE\s+)?TEMP(ORARY)?\s+(TABLE|VIEW)\s/i.test(text);
  if (type === StatementType.CREATE && temp) return;
  if (type === StatementType.DROP && /^DROP\s+(TABLE|VIEW)\s/i.test(text)) return;
  // Rows in and out of the page's own tables (its marks): the datasets are read-only to DuckDB itself.
  if (type === StatementType.INSERT || type === StatementType.DELETE) return;
  if (type === StatementType.SET && /^SET\s+VARIABLE\s/i.test(text)) return;
  throw new Refused(
    `The server runs queries, and writes only to a page's own temporary tables and variables: this ` +
      `statement (${StatementType[type] ?? type}) is refused. Nothing ran.`,
  );
}
