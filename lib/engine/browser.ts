import type { AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import { rowsOf } from "./plain";
import type { Engine, SqlParam } from "./types";

let started: Promise<Engine> | null = null;

/** One DuckDB per page: every caller (and StrictMode's second mount) shares this promise. */
export function getEngine(): Promise<Engine> {
  started ??= start().catch((e: unknown) => {
    started = null;
    throw e;
  });
  return started;
}

async function start(): Promise<Engine> {
  performance.mark("duckdb:start");
  const duckdb = await import("@duckdb/duckdb-wasm");
  const base = `${window.location.origin}/duckdb`;
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: `${base}/duckdb-mvp.wasm`, mainWorker: `${base}/duckdb-browser-mvp.worker.js` },
    eh: { mainModule: `${base}/duckdb-eh.wasm`, mainWorker: `${base}/duckdb-browser-eh.worker.js` },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ filesystem: { forceFullHTTPReads: false } });
  const conn = await db.connect();
  // Offline, an autoload attempt corrupts the instance; a clean catalog error is better.
  await conn.query("SET autoload_known_extensions = false");
  await conn.query("SET autoinstall_known_extensions = false");
  performance.mark("duckdb:ready");
  return new BrowserEngine(conn);
}

class BrowserEngine implements Engine {
  constructor(private readonly conn: AsyncDuckDBConnection) {}

  async query(sql: string, params: readonly SqlParam[] = []) {
    if (params.length === 0) return rowsOf(await this.conn.query(sql));
    const stmt = await this.conn.prepare(sql);
    try {
      return rowsOf(await stmt.query(...params));
    } finally {
      await stmt.close();
    }
  }

  async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean) {
    await this.conn.insertArrowFromIPCStream(ipc, { name: table, create });
  }
}
