import { DataType, type Field, type Type } from "apache-arrow";
import type { ColumnInfo, PlainRow, QueryResult } from "./types";

interface VectorLike {
  toArray(): ArrayLike<unknown>;
  get(i: number): unknown;
  length: number;
}
interface RowLike {
  toJSON(): Record<string, unknown>;
}

function isVector(v: object): v is VectorLike {
  return typeof (v as VectorLike).toArray === "function" && typeof (v as VectorLike).get === "function";
}

/** Arrow values become plain JS once, here: lists → arrays, structs → objects, BigInt → number. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (x) => toPlain(x));
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (isVector(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(toPlain(value.get(i)));
    return out;
  }
  const json = typeof (value as RowLike).toJSON === "function" ? (value as RowLike).toJSON() : value;
  const out: PlainRow = {};
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
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
  if (DataType.isTimestamp(type)) return "TIMESTAMP";
  if (DataType.isTime(type)) return "TIME";
  if (DataType.isInterval(type)) return "INTERVAL";
  if (DataType.isBinary(type) || DataType.isLargeBinary(type)) return "BLOB";
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    return `${duckTypeName((type.children[0] as Field).type)}[]`;
  }
  if (DataType.isStruct(type)) {
    return `STRUCT(${type.children.map((f) => `${quoteField(f.name)} ${duckTypeName(f.type)}`).join(", ")})`;
  }
  if (DataType.isMap(type)) return "MAP";
  if (DataType.isNull(type)) return "NULL";
  return String(id);
}

/** An Arrow table (of any transport) as the result every view reads. */
export function resultOf(table: { schema: { fields: Field[] }; toArray(): ArrayLike<unknown> }): QueryResult {
  const columns: ColumnInfo[] = table.schema.fields.map((f) => ({ name: f.name, type: duckTypeName(f.type) }));
  return { columns, rows: Array.from(table.toArray(), (r) => toPlain(r) as PlainRow) };
}
