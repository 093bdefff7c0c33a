import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bool, type DataType, type Field, Float64, List, Struct, Utf8 } from "apache-arrow";
import type { NativeEngine } from "../engine/native";
import { appendStaged } from "../ingest/append";
import { layoutFields } from "../layouts/registry";
import type { DatasetRef, LayoutId } from "../types";

/** The DuckDB type of an Arrow field, so read_json stages rows exactly as the browser's Arrow batches do. */
export function duckType(type: DataType): string {
  if (type instanceof Utf8) return "VARCHAR";
  if (type instanceof Float64) return "DOUBLE";
  if (type instanceof Bool) return "BOOLEAN";
  if (type instanceof List) return `${duckType((type.children[0] as Field).type)}[]`;
  if (type instanceof Struct) {
    return `STRUCT(${type.children.map((f) => `"${f.name}" ${duckType(f.type)}`).join(", ")})`;
  }
  throw new Error(`no DuckDB type for ${String(type)}`);
}

const fieldsOf = layoutFields;

/** read_json's `columns` argument for a layout, so JSON is typed as the browser's Arrow batches are. */
export function jsonColumns(layout: LayoutId): string {
  return `{${fieldsOf(layout)
    .map((f) => `'${f.name}': '${duckType(f.type).replaceAll("'", "''")}'`)
    .join(", ")}}`;
}

/** Loads whole files (Parquet, or JSON Lines of a known layout) as one staged batch, the browser's append step after. */
export async function loadFiles(
  engine: NativeEngine,
  table: string,
  layout: LayoutId,
  paths: readonly string[],
): Promise<DatasetRef> {
  const list = `[${paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(", ")}]`;
  const reader = /\.parquet$/i.test(paths[0] ?? "")
    ? `read_parquet(${list})`
    : `read_json(${list}, columns = ${jsonColumns(layout)}, format = 'newline_delimited', maximum_object_size = 67108864)`;
  const staging = `${table}_staging`;
  const columns = fieldsOf(layout).map((f) => f.name);
  await engine.query(`CREATE TABLE ${staging} AS SELECT * FROM ${reader}`);
  await appendStaged(engine, { table, layout, columns }, staging, 0);
  return { table, layout, columns };
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
  const columns = fieldsOf(layout).map((f) => f.name);
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
  return { table, layout, columns };
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
  return { table, layout: "generic", columns, columnTypes };
}
