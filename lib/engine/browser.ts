import type { AsyncDuckDB, AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import { Schema, Table, type RecordBatch } from "apache-arrow";
import { memoryBudget } from "../ingest/memory";
import { APPROVED_DIR, LOCKDOWN } from "./lockdown";
import { ipcStream, resultOf } from "./plain";
import {
  QueryAbortedError,
  type Backend,
  type Connector,
  type QueryOptions,
  type QueryResult,
  type SqlParam,
} from "./types";

let started: Promise<Backend> | null = null;

/** One DuckDB per page: every caller (and StrictMode's second mount) shares this promise. */
export function getBrowserBackend(): Promise<Backend> {
  started ??= start().catch((e: unknown) => {
    started = null;
    throw e;
  });
  return started;
}

async function start(): Promise<Backend> {
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
  for (const sql of LOCKDOWN) await conn.query(sql);
  performance.mark("duckdb:ready");
  const connector = new WasmConnector(db, conn);
  const deviceMemory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return {
    kind: "browser",
    connector,
    memoryBudget: memoryBudget(deviceMemory),
    ingest: {
      insertArrowIPC: (table, ipc, create) => conn.insertArrowFromIPCStream(ipc, { name: table, create }),
    },
    files: {
      put: async (name, bytes) => {
        const path = `${APPROVED_DIR}${name}`;
        await db.registerFileBuffer(path, bytes);
        return path;
      },
      remove: async (path) => void (await db.dropFile(path)),
    },
  };
}

/**
 * DuckDB-WASM on its one connection. A statement with values runs as a prepared statement. One
 * without runs in one round trip to the worker; an interruptible one is sent as a pending query,
 * which the worker runs in slices, so that it can be stopped midway.
 */
class WasmConnector implements Connector {
  constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
  ) {}

  /** The engine's own Arrow IPC bytes of an answer (Arrow's JS writer garbles some types, intervals among them). */
  private async ipc(sql: string, params: readonly SqlParam[]): Promise<Uint8Array> {
    // The connection's id is not public; the bytes are only reachable through it.
    const id = (this.conn as unknown as { _conn: number })._conn;
    if (params.length === 0) return this.db.runQuery(id, sql);
    const stmt = await this.db.createPrepared(id, sql);
    try {
      return await this.db.runPrepared(id, stmt, [...params]);
    } finally {
      await this.db.closePrepared(id, stmt);
    }
  }

  async query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const { signal } = options;
    if (signal?.aborted) throw new QueryAbortedError();
    if (options.prepareOnly || (options.single && params.length === 0 && options.interruptible)) {
      // Preparing parses and binds one statement (several are refused) without running it.
      await (await this.conn.prepare(sql)).close();
      if (options.prepareOnly) return { columns: [], rows: [] };
    }
    if (options.arrow) {
      const ipc = ipcStream(await this.ipc(sql, params));
      if (signal?.aborted) throw new QueryAbortedError();
      return { columns: [], rows: [], ipc };
    }
    const answer = (table: Table) => {
      if (signal?.aborted) throw new QueryAbortedError();
      return resultOf(table);
    };
    if (params.length === 0 && !options.interruptible && !options.single) {
      return answer(await this.conn.query(sql));
    }
    if (params.length > 0 || !options.interruptible) {
      const stmt = await this.conn.prepare(sql);
      try {
        return answer(await stmt.query(...params));
      } finally {
        await stmt.close();
      }
    }
    const onAbort = () => void this.conn.cancelSent().catch(() => undefined);
    signal?.addEventListener("abort", onAbort);
    try {
      const reader = await this.conn.send(sql);
      const batches: RecordBatch[] = [];
      for await (const batch of reader) batches.push(batch);
      if (signal?.aborted) throw new QueryAbortedError();
      // A statement without a result (CREATE, INSERT …) may end its stream before any schema.
      return resultOf(
        batches.length ? new Table(batches) : new Table((reader.schema as Schema | null) ?? new Schema([])),
      );
    } catch (e) {
      if (signal?.aborted) throw new QueryAbortedError();
      throw e;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}
