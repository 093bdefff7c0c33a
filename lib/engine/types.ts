export type SqlParam = string | number | boolean | null;
export type PlainRow = Record<string, unknown>;

/** A statement with its values bound by position ($1, $2, …); values never enter the SQL text. */
export interface Query {
  sql: string;
  params: SqlParam[];
}

export interface ColumnInfo {
  name: string;
  /** The DuckDB type, as DuckDB spells it (VARCHAR, DOUBLE, STRUCT(…)[] …). */
  type: string;
}

/** What every statement answers: its columns, also when no row came back, and plain rows. */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: PlainRow[];
  /** With the `arrow` option, where the transport has it: the answer as an Arrow IPC stream, and no rows. */
  ipc?: Uint8Array;
}

export interface QueryOptions {
  /** Aborting drops the answer and, where the transport can, stops the statement. */
  signal?: AbortSignal;
  /**
   * The statement may run long (a console query): worth what stopping it midway costs where that is
   * not free (DuckDB-WASM runs it in slices then, with more round trips to its worker).
   */
  interruptible?: boolean;
  /** Parse and bind the statement as one prepared statement; several statements are refused. */
  single?: boolean;
  /** Only prepare it (DuckDB parses and binds it): nothing runs, the answer is empty. */
  prepareOnly?: boolean;
  /** Answer as Arrow IPC (`ipc`) where the transport holds Arrow anyway (an export passes it on unread). */
  arrow?: boolean;
  /**
   * The statement writes (creates, fills or drops a table, sets a variable): the answers kept of
   * reads are dropped, and a server runs it as a write. Without it a statement is a read.
   */
  write?: boolean;
  /**
   * A write into tables that only its caller reads (a console result, an export's order): the answers
   * kept of other reads stay good, so they are kept.
   */
  ownTables?: boolean;
}

/**
 * Transport only: SQL and bound values in, a typed result out. The browser's DuckDB-WASM, native
 * DuckDB and a server over HTTP each implement this and nothing more.
 */
export interface Connector {
  query(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<QueryResult>;
}

/** A backend that can take Arrow IPC batches into a table (the browser's ingest). */
export interface ArrowIngest {
  insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
}

/**
 * Files the user agreed to read (the page fetched them after a yes to their host), put where the
 * locked engine may read them (see `lockdown.ts`).
 */
export interface ApprovedFiles {
  /** Puts the bytes under a name of the page's choosing; answers the path a statement reads them by. */
  put(name: string, bytes: Uint8Array): Promise<string>;
  remove(path: string): Promise<void>;
}

/** Where the data lives, and what it can do beyond answering queries. */
export interface Backend {
  kind: "browser" | "native" | "server";
  connector: Connector;
  ingest?: ArrowIngest;
  files?: ApprovedFiles;
  /** Bytes the backend can hold in tables; loads are planned against it (the browser's tab). */
  memoryBudget?: number;
}

export class QueryAbortedError extends Error {
  constructor() {
    super("The query was cancelled");
    this.name = "AbortError";
  }
}

export const isAbort = (e: unknown) => e instanceof Error && e.name === "AbortError";
