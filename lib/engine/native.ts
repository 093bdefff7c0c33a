import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { nativeVectorValue } from "./native-values";
import { dataObject } from "./values";
import {
  QueryAbortedError,
  type Connector,
  type PlainRow,
  type QueryOptions,
  type QueryResult,
  type SqlParam,
} from "./types";

/** Native DuckDB behind the same transport: the server's loads, tests, the benchmark, the sample generator. */
export class NativeEngine implements Connector {
  private constructor(
    readonly conn: DuckDBConnection,
    private readonly db: DuckDBInstance,
  ) {}

  static async open(path = ":memory:", options?: Record<string, string>): Promise<NativeEngine> {
    const db = await DuckDBInstance.create(path, options);
    return new NativeEngine(await db.connect(), db);
  }

  /** Another connection to the same database (statements on each run at the same time). */
  async another(): Promise<NativeEngine> {
    return new NativeEngine(await this.db.connect(), this.db);
  }

  /** Closes the connection and the database (its file is written and released). */
  close() {
    this.conn.closeSync();
    this.db.closeSync();
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
      const result = await this.conn.run(sql, params.length ? (params as DuckDBValue[]) : undefined);
      if (signal?.aborted) throw new QueryAbortedError();
      const names = result.columnNames();
      const types = result.columnTypes();
      const rows: PlainRow[] = [];
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const vectors = names.map((_, i) => chunk!.getColumnVector(i));
        for (let r = 0; r < chunk.rowCount; r++) {
          rows.push(dataObject(names.map((name, i) => [name, nativeVectorValue(vectors[i]!, r)] as const)));
        }
      }
      if (signal?.aborted) throw new QueryAbortedError();
      return { columns: names.map((name, i) => ({ name, type: String(types[i]) })), rows };
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
