import { createRequire } from "node:module";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { ipcStream, resultOf } from "../engine/plain";
import type { Connector, QueryOptions, QueryResult, SqlParam } from "../engine/types";

const require = createRequire(import.meta.url);

interface BlockingConnection {
  _conn: number;
}
interface BlockingDb {
  instantiate(progress: () => void): Promise<void>;
  open(config: object): void;
  connect(): BlockingConnection;
  registerFileText(name: string, text: string): void;
  runQuery(conn: number, sql: string): Uint8Array;
  createPrepared(conn: number, sql: string): number;
  runPrepared(conn: number, statement: number, params: unknown[]): Uint8Array;
  closePrepared(conn: number, statement: number): void;
  insertArrowFromIPCStream(conn: number, buffer: Uint8Array, options: { name: string; create: boolean }): void;
}

/**
 * DuckDB-WASM itself, the build the page runs, in Node (its blocking bundle): for tests of what the
 * browser's engine answers and how its Arrow results become plain rows. Results are the engine's own Arrow IPC
 * bytes, as they cross from the page's database worker.
 */
export class WasmNodeEngine implements Connector {
  private constructor(
    readonly db: BlockingDb,
    private readonly conn: BlockingConnection,
  ) {}

  static async open(): Promise<WasmNodeEngine> {
    const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
    const dist = join(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"), "..");
    const bundles = {
      mvp: { mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs") },
      eh: { mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs") },
    };
    const db = (await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME)) as BlockingDb;
    await db.instantiate(() => undefined);
    db.open({});
    return new WasmNodeEngine(db, db.connect());
  }

  /** An answer as the engine's Arrow IPC stream, as the page's exports read it. */
  ipc(sql: string, params: readonly SqlParam[] = []): Uint8Array {
    const id = this.conn._conn;
    if (params.length === 0) return ipcStream(this.db.runQuery(id, sql));
    const stmt = this.db.createPrepared(id, sql);
    try {
      return ipcStream(this.db.runPrepared(id, stmt, [...params]));
    } finally {
      this.db.closePrepared(id, stmt);
    }
  }

  /** Arrow IPC batches into a table, as the page's ingest puts them. */
  async insertIpc(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
    this.db.insertArrowFromIPCStream(this.conn._conn, ipc, { name: table, create });
  }

  async query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const id = this.conn._conn;
    if (options.arrow) return { columns: [], rows: [], ipc: this.ipc(sql, params) };
    if (options.prepareOnly) {
      this.db.closePrepared(id, this.db.createPrepared(id, sql));
      return { columns: [], rows: [] };
    }
    if (params.length === 0) return resultOf(tableFromIPC(this.db.runQuery(id, sql)));
    const stmt = this.db.createPrepared(id, sql);
    try {
      return resultOf(tableFromIPC(this.db.runPrepared(id, stmt, [...params])));
    } finally {
      this.db.closePrepared(id, stmt);
    }
  }
}
