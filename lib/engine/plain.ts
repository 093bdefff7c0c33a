import { DataType, makeVector, type Data, type Field, type Type, type Vector } from "apache-arrow";
import type { ColumnInfo, PlainRow, QueryResult } from "./types";
import {
  blobText,
  dataObject,
  dateText,
  decimalValue,
  integerValue,
  intervalText,
  timeText,
  timestampText,
} from "./values";

/** Arrow's time units (seconds … nanoseconds), as powers of a thousand. */
const TO_MICROS = [1_000_000n, 1_000n, 1n, 0n];
const INTERVAL_DAY_TIME = 1;
const INTERVAL_MONTH_DAY_NANO = 2;

/** The unscaled value of a 128-bit decimal from its four little-endian words, in two's complement. */
function decimalWords(words: Uint32Array): bigint {
  let v = 0n;
  for (let i = words.length - 1; i >= 0; i--) v = (v << 32n) | BigInt(words[i]!);
  const bits = BigInt(words.length * 32);
  return words[words.length - 1]! & 0x80000000 ? v - (1n << bits) : v;
}

/** The raw 64-bit value at a position of a chunk of a 64-bit type (Arrow's own `get` rounds it to a double). */
function raw64(data: Data, i: number): bigint {
  const values = data.values as unknown as BigInt64Array | Int32Array;
  if (values instanceof BigInt64Array) return values[data.offset + i]!;
  const at = (data.offset + i) * 2;
  return (BigInt(values[at + 1]!) << 32n) | BigInt(values[at]! >>> 0);
}

/** One value of a chunk, by its type, as DuckDB holds it. */
function valueAt(vector: Vector, data: Data, i: number): unknown {
  const type = data.type as DataType;
  if (DataType.isInt(type)) {
    const v = vector.get(i) as number | bigint;
    return typeof v === "bigint" ? integerValue(v) : v;
  }
  if (DataType.isDecimal(type)) return decimalValue(decimalWords(vector.get(i) as Uint32Array), type.scale);
  if (DataType.isDate(type)) return dateText(Math.round((vector.get(i) as number) / 86_400_000));
  if (DataType.isTimestamp(type)) {
    const v = raw64(data, i);
    const micros = type.unit === 3 ? v / 1_000n : v * TO_MICROS[type.unit]!;
    return timestampText(micros, Boolean(type.timezone));
  }
  if (DataType.isTime(type)) {
    const v = type.bitWidth === 64 ? raw64(data, i) : BigInt(vector.get(i) as number);
    return timeText(type.unit === 3 ? v / 1_000n : v * TO_MICROS[type.unit]!);
  }
  if (DataType.isInterval(type)) {
    const values = data.values as unknown as Int32Array;
    if (type.unit === INTERVAL_MONTH_DAY_NANO) {
      const view = new DataView(values.buffer, values.byteOffset + (data.offset + i) * 16, 16);
      return intervalText(view.getInt32(0, true), view.getInt32(4, true), view.getBigInt64(8, true) / 1_000n);
    }
    if (type.unit === INTERVAL_DAY_TIME) {
      const at = (data.offset + i) * 2;
      return intervalText(0, values[at]!, BigInt(values[at + 1]!) * 1_000n);
    }
    return intervalText(values[data.offset + i]!, 0, 0n);
  }
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) {
    return blobText(vector.get(i) as Uint8Array);
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) return vectorValues(vector.get(i) as Vector);
  if (DataType.isMap(type)) {
    const entries = vectorValues(vector.get(i) as unknown as Vector) as { key: unknown; value: unknown }[];
    return dataObject(entries.map((e) => [String(e.key), e.value] as const));
  }
  return loose(vector.get(i));
}

/** Values of a type this module does not know (a union, say), made plain as well as they can be. */
function loose(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return integerValue(value);
  if (typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(loose);
  const json = (value as { toJSON?: () => unknown }).toJSON?.() ?? value;
  return dataObject(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, loose(v)] as const));
}

/** Every value of a vector (all its chunks), in order; nulls as null. Struct fields are read a column at a time. */
export function vectorValues(vector: Vector | null): unknown[] {
  if (!vector) return [];
  const out: unknown[] = [];
  for (const data of vector.data) {
    const chunk = makeVector(data);
    const type = data.type as DataType;
    if (DataType.isStruct(type)) {
      const children = type.children.map((_, j) => vectorValues(chunk.getChildAt(j)));
      for (let i = 0; i < data.length; i++) {
        out.push(chunk.isValid(i) ? dataObject(type.children.map((f, j) => [f.name, children[j]![i]] as const)) : null);
      }
      continue;
    }
    for (let i = 0; i < data.length; i++) out.push(chunk.isValid(i) ? valueAt(chunk, data, i) : null);
  }
  return out;
}

/** Any Arrow value as a plain one (a row of the export worker, say): same rules, without its column's type. */
export function toPlain(value: unknown): unknown {
  return loose(value);
}

const quoteField = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

/** The DuckDB spelling of an Arrow type, so every transport reports column types alike. */
export function duckTypeName(type: DataType): string {
  const id = type.typeId as Type;
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "VARCHAR";
  if (DataType.isBool(type)) return "BOOLEAN";
  if (DataType.isInt(type)) {
    const names: Record<number, string> = { 8: "TINYINT", 16: "SMALLINT", 32: "INTEGER", 64: "BIGINT" };
    return `${type.isSigned ? "" : "U"}${names[type.bitWidth] ?? "BIGINT"}`;
  }
  if (DataType.isFloat(type)) return type.precision === 2 ? "DOUBLE" : "FLOAT";
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision},${type.scale})`;
  if (DataType.isDate(type)) return "DATE";
  if (DataType.isTimestamp(type)) return type.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
  if (DataType.isTime(type)) return "TIME";
  if (DataType.isInterval(type)) return "INTERVAL";
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) return "BLOB";
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    return `${duckTypeName((type.children[0] as Field).type)}[]`;
  }
  if (DataType.isStruct(type)) {
    return `STRUCT(${type.children.map((f) => `${quoteField(f.name)} ${duckTypeName(f.type)}`).join(", ")})`;
  }
  if (DataType.isMap(type)) return "MAP";
  if (DataType.isNull(type)) return "NULL";
  if (DataType.isDictionary(type)) return duckTypeName(type.dictionary);
  return String(id);
}

/** An Arrow table (of any transport) as the result every view reads, column by column. */
export function resultOf(table: {
  schema: { fields: Field[] };
  numRows: number;
  getChildAt(i: number): Vector | null;
}): QueryResult {
  const fields = table.schema.fields;
  // A value sent as text (an interval from a server) keeps its DuckDB type in the field's metadata.
  const columns: ColumnInfo[] = fields.map((f) => ({
    name: f.name,
    type: f.metadata.get("duckdb.type") ?? duckTypeName(f.type),
  }));
  const values = fields.map((_, i) => vectorValues(table.getChildAt(i)));
  const rows: PlainRow[] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(dataObject(fields.map((f, i) => [f.name, values[i]![r]] as const)));
  return { columns, rows };
}

/**
 * The Arrow IPC stream inside an IPC file (what DuckDB-WASM hands over): the file is a magic number,
 * the stream, a footer, its length and the magic again. Readers of streams only (the Parquet writer)
 * read it so, without Arrow's JS writer re-encoding the batches.
 */
export function ipcStream(bytes: Uint8Array): Uint8Array {
  const magic = [65, 82, 82, 79, 87, 49];
  const isFile = magic.every((b, i) => bytes[i] === b);
  if (!isFile) return bytes;
  const footer = new DataView(bytes.buffer, bytes.byteOffset + bytes.byteLength - 10, 4).getInt32(0, true);
  return bytes.subarray(8, bytes.byteLength - 10 - footer);
}
