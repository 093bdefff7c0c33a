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
  // Rows in and out of the page's own tables (its marks), and its tables dropped: `writeTarget` names the
  // one table such a statement may reach, which must be the session's own (see `Session`).
  if (type === StatementType.DROP || type === StatementType.INSERT || type === StatementType.DELETE) return;
  if (type === StatementType.SET && /^SET\s+VARIABLE\s/i.test(text)) return;
  throw new Refused(
    `The server runs queries, and writes only to a page's own temporary tables and variables: this ` +
      `statement (${StatementType[type] ?? type}) is refused. Nothing ran.`,
  );
}

/** A bare or double-quoted identifier, alone (no catalog or schema before it), and its name. */
const IDENT = String.raw`([A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;
const unquote = (id: string) => (id.startsWith('"') ? id.slice(1, -1).replaceAll('""', '"') : id);

const TARGETS: [number, RegExp][] = [
  [
    StatementType.INSERT,
    new RegExp(String.raw`^INSERT\s+(?:OR\s+(?:REPLACE|IGNORE)\s+)?INTO\s+${IDENT}(?=[\s(;]|$)`, "i"),
  ],
  [StatementType.DELETE, new RegExp(String.raw`^DELETE\s+FROM\s+${IDENT}(?=[\s;]|$)`, "i")],
  [
    StatementType.DROP,
    new RegExp(String.raw`^DROP\s+(?:TABLE|VIEW)\s+(IF\s+EXISTS\s+)?${IDENT}\s*(?:CASCADE\s*|RESTRICT\s*)?;?\s*$`, "i"),
  ],
];

/**
 * The one table an INSERT, DELETE or DROP reaches, as its text names it; null for other statements.
 * Only a name alone is taken (DuckDB finds it among the session's TEMP tables first); a name with a
 * catalog or schema, or any other shape of these statements, is refused. The server itself holds
 * tables every page reads (the search text in memory), and DuckDB lets any connection write those.
 */
export function writeTarget(type: number, sql: string): { name: string; ifExists: boolean } | null {
  const rule = TARGETS.find(([t]) => t === type);
  if (!rule) return null;
  const m = rule[1].exec(lead(sql));
  if (!m) {
    throw new Refused(
      "A page writes only to its own temporary tables, named alone (no catalog or schema): this statement is refused. Nothing ran.",
    );
  }
  return type === StatementType.DROP
    ? { name: unquote(m[2]!), ifExists: Boolean(m[1]) }
    : { name: unquote(m[1]!), ifExists: false };
}
