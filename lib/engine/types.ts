export type SqlParam = string | number | boolean | null;
export type PlainRow = Record<string, unknown>;

/** The narrow interface every view and SQL helper talks to; tests plug native DuckDB in behind it. */
export interface Engine {
  /** Runs SQL with positional parameters ($1, $2, …) and returns plain rows. */
  query(sql: string, params?: readonly SqlParam[]): Promise<PlainRow[]>;
  /** Appends an Arrow IPC stream to a table, creating it when asked. */
  insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
}
