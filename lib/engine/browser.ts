import type { AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import { tableToIPC, type Field, type Table } from "apache-arrow";
import { memoryBudget } from "../ingest/memory";
import { resultOf } from "./plain";
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
  performance.mark("duckdb:ready");
  const connector = new WasmConnector(conn);
  const deviceMemory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return {
    kind: "browser",
    connector,
    memoryBudget: memoryBudget(deviceMemory),
    ingest: {
      insertArrowIPC: (table, ipc, create) => conn.insertArrowFromIPCStream(ipc, { name: table, create }),
    },
  };
}

/**
 * DuckDB-WASM on its one connection. A statement with values runs as a prepared statement. One
 * without runs in one round trip to the worker; an interruptible one is sent as a pending query,
 * which the worker runs in slices, so that it can be stopped midway.
 */
class WasmConnector implements Connector {
  constructor(private readonly conn: AsyncDuckDBConnection) {}

  async query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const { signal } = options;
    if (signal?.aborted) throw new QueryAbortedError();
    if (options.prepareOnly || (options.single && params.length === 0 && options.interruptible)) {
      // Preparing parses and binds one statement (several are refused) without running it.
      await (await this.conn.prepare(sql)).close();
      if (options.prepareOnly) return { columns: [], rows: [] };
    }
    const answer = (table: Table) => {
      if (signal?.aborted) throw new QueryAbortedError();
      return options.arrow ? { columns: [], rows: [], ipc: tableToIPC(table, "stream") } : resultOf(table);
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
      const batches: { toArray(): ArrayLike<unknown> }[] = [];
      for await (const batch of reader) batches.push(batch);
      if (signal?.aborted) throw new QueryAbortedError();
      // A statement without a result (CREATE, INSERT …) may end its stream before any schema.
      const schema = (reader.schema as { fields: Field[] } | undefined) ?? { fields: [] };
      return resultOf({
        schema,
        toArray: () => batches.flatMap((b) => Array.from(b.toArray())),
      });
    } catch (e) {
      if (signal?.aborted) throw new QueryAbortedError();
      throw e;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}
