import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DerivedTables } from "../datasets/derived";
import type { NativeEngine } from "../engine/native";
import { appendStaged } from "../ingest/append";
import { jsonColumns, loadFilesSql } from "../ingest/sql-stage";
import { layoutFields } from "../layouts/registry";
import type { DatasetRef, LayoutId } from "../types";

export { duckType, jsonColumns } from "../ingest/sql-stage";

/** One workspace's derived tables per engine of a test, as one page has. */
const registries = new WeakMap<NativeEngine, DerivedTables>();
export function derivedFor(engine: NativeEngine): DerivedTables {
  let derived = registries.get(engine);
  if (!derived) registries.set(engine, (derived = new DerivedTables("t")));
  return derived;
}

/** Loads whole files (Parquet, or JSON Lines of a known layout) by DuckDB's readers, as a server loads them. */
export async function loadFiles(
  engine: NativeEngine,
  table: string,
  layout: LayoutId,
  paths: readonly string[],
): Promise<DatasetRef> {
  return loadFilesSql(engine, { table, layout, paths, derived: derivedFor(engine) });
}

const dir = mkdtempSync(join(tmpdir(), "explorer-test-"));
let counter = 0;

/**
 * Loads records of a known layout into native DuckDB through the same append step the browser uses,
 * in batches of `batch` rows so the later-batch path is exercised too.
 */
export async function loadRecords(
  engine: NativeEngine,
  table: string,
  layout: LayoutId,
  records: readonly Record<string, unknown>[],
  batch = 3,
): Promise<DatasetRef> {
  const columns = layoutFields(layout).map((f) => f.name);
  const types = jsonColumns(layout);
  for (let offset = 0; offset < records.length; offset += batch) {
    const path = join(dir, `batch-${++counter}.jsonl`);
    writeFileSync(
      path,
      records
        .slice(offset, offset + batch)
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n",
    );
    const staging = `${table}_staging`;
    await engine.query(`CREATE TABLE ${staging} AS SELECT * FROM read_json('${path}', columns = ${types})`);
    await appendStaged(engine, { table, layout, columns }, staging, offset);
  }
  return { table, layout, columns, derived: derivedFor(engine) };
}

/** Loads a generic table from JSON Lines records as the browser would (its own columns, types as read). */
export async function loadGeneric(
  engine: NativeEngine,
  table: string,
  records: readonly Record<string, unknown>[],
): Promise<DatasetRef> {
  const path = join(dir, `generic-${++counter}.jsonl`);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const staging = `${table}_staging`;
  await engine.query(`CREATE TABLE ${staging} AS SELECT * FROM read_json('${path}')`);
  const described = (await engine.query(`DESCRIBE ${staging}`)).rows;
  const columns = described.map((r) => String(r.column_name));
  await appendStaged(engine, { table, layout: "generic", columns }, staging, 0);
  const columnTypes = Object.fromEntries(described.map((r) => [String(r.column_name), String(r.column_type)]));
  return { table, layout: "generic", columns, columnTypes, derived: derivedFor(engine) };
}
