import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import type { Engine, PlainRow, SqlParam } from "./types";

/** Native DuckDB behind the same interface, for tests and the benchmark's reference numbers. */
export class NativeEngine implements Engine {
  private constructor(readonly conn: DuckDBConnection) {}

  static async open(): Promise<NativeEngine> {
    const db = await DuckDBInstance.create(":memory:");
    return new NativeEngine(await db.connect());
  }

  async query(sql: string, params: readonly SqlParam[] = []): Promise<PlainRow[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
    return reader.getRowObjectsJS().map((r) => normalize(r) as PlainRow);
  }

  insertArrowIPC(): Promise<void> {
    return Promise.reject(new Error("Arrow IPC ingestion runs in the browser engine"));
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
