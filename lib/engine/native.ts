import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import {
  QueryAbortedError,
  type Connector,
  type PlainRow,
  type QueryOptions,
  type QueryResult,
  type SqlParam,
} from "./types";

/** Native DuckDB behind the same transport, for tests, the benchmark and the sample generator. */
export class NativeEngine implements Connector {
  private constructor(readonly conn: DuckDBConnection) {}

  static async open(path = ":memory:"): Promise<NativeEngine> {
    const db = await DuckDBInstance.create(path);
    return new NativeEngine(await db.connect());
  }

  async query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const { signal } = options;
    if (signal?.aborted) throw new QueryAbortedError();
    if (options.single || options.prepareOnly) {
      // Preparing parses and binds one statement; several are refused.
      const prepared = await this.conn.prepare(sql);
      prepared.destroySync();
      if (options.prepareOnly) return { columns: [], rows: [] };
    }
    const onAbort = () => this.conn.interrupt();
    signal?.addEventListener("abort", onAbort);
    try {
      const reader = await this.conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
      if (signal?.aborted) throw new QueryAbortedError();
      const names = reader.columnNames();
      const types = reader.columnTypes();
      return {
        columns: names.map((name, i) => ({ name, type: String(types[i]) })),
        rows: reader.getRowObjectsJS().map((r) => normalize(r) as PlainRow),
      };
    } catch (e) {
      if (signal?.aborted) throw new QueryAbortedError();
      throw e;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Rows only, for tests and scripts that read a statement's answer directly. */
  async rows(sql: string, params: readonly SqlParam[] = []): Promise<PlainRow[]> {
    return (await this.query(sql, params)).rows;
  }
}

function normalize(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === "object" && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  }
  return v;
}
