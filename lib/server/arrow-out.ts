import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  RecordBatch,
  Schema,
  Struct,
  TimeMicrosecond,
  TimestampMicrosecond,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type DataType,
  type Vector,
} from "apache-arrow";
import {
  DuckDBTypeId,
  type DuckDBDataChunk,
  type DuckDBListType,
  type DuckDBStructType,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { nativeValue } from "../engine/native-values";
import { jsonText } from "../engine/values";

/**
 * Native DuckDB's answers as Arrow IPC, the format the page reads from every engine: each column in
 * the Arrow type DuckDB-WASM gives it (decimals and huge integers as 128-bit decimals, dates as days,
 * timestamps and times in microseconds, exact), so the page makes the same plain rows of both. Types
 * Arrow's JS writer cannot carry exactly (intervals, maps, unions …) travel as DuckDB's own text,
 * with their DuckDB type in the field's metadata.
 */

const FIELD_TYPE = "duckdb.type";

type Any = Record<string, unknown>;

/** The Arrow type of a DuckDB type; null: sent as DuckDB's text. */
export function arrowTypeOf(type: DuckDBType): DataType | null {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
      return new Int8();
    case DuckDBTypeId.SMALLINT:
      return new Int16();
    case DuckDBTypeId.INTEGER:
      return new Int32();
    case DuckDBTypeId.BIGINT:
      return new Int64();
    case DuckDBTypeId.UTINYINT:
      return new Uint8();
    case DuckDBTypeId.USMALLINT:
      return new Uint16();
    case DuckDBTypeId.UINTEGER:
      return new Uint32();
    case DuckDBTypeId.UBIGINT:
      return new Uint64();
    case DuckDBTypeId.FLOAT:
      return new Float32();
    case DuckDBTypeId.DOUBLE:
      return new Float64();
    case DuckDBTypeId.HUGEINT:
      return new Decimal(0, 38, 128);
    case DuckDBTypeId.DECIMAL: {
      const t = type as unknown as { width: number; scale: number };
      return new Decimal(t.scale, t.width, 128);
    }
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.ENUM:
      return new Utf8();
    case DuckDBTypeId.BLOB:
      return new Binary();
    case DuckDBTypeId.DATE:
      return new DateDay();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return new TimestampMicrosecond();
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new TimestampMicrosecond("UTC");
    case DuckDBTypeId.TIME:
      return new TimeMicrosecond();
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = arrowTypeOf((type as DuckDBListType).valueType);
      return item ? new List(new Field("item", item, true)) : null;
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const children = t.entryTypes.map((c) => arrowTypeOf(c));
      if (children.some((c) => c === null)) return null;
      return new Struct(t.entryNames.map((name, i) => new Field(name, children[i]!, true)));
    }
    default:
      return null;
  }
}

const MASK = (1n << 32n) - 1n;
/** A 128-bit integer as Arrow's four little-endian words, in two's complement. */
function words(v: bigint, out: Uint32Array, at: number) {
  let x = v < 0n ? (1n << 128n) + v : v;
  for (let i = 0; i < 4; i++) {
    out[at + i] = Number(x & MASK);
    x >>= 32n;
  }
}

/** Microseconds of a DuckDB timestamp or time value, whatever its unit. */
function micros(v: Any): bigint {
  if (typeof v.micros === "bigint") return v.micros;
  if (typeof v.seconds === "bigint") return v.seconds * 1_000_000n;
  if (typeof v.millis === "bigint") return v.millis * 1_000n;
  if (typeof v.nanos === "bigint") return v.nanos / 1_000n;
  return 0n;
}

/** A column whose Arrow buffers are written here, value for value (Arrow's builders round some of them). */
function exactVector(type: DataType, values: readonly DuckDBValue[]): Vector | null {
  const n = values.length;
  const valid = new Uint8Array(Math.ceil(n / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else valid[i >> 3]! |= 1 << (i & 7);
  });
  const nullBitmap = nulls ? valid : undefined;
  if (type instanceof Decimal) {
    const data = new Uint32Array(n * 4);
    values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      words(typeof v === "bigint" ? v : ((v as unknown as Any).value as bigint), data, i * 4);
    });
    return makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap, data }));
  }
  if (type instanceof TimestampMicrosecond || type instanceof TimeMicrosecond) {
    const data = new BigInt64Array(n);
    values.forEach((v, i) => {
      if (v !== null && v !== undefined) data[i] = micros(v as unknown as Any);
    });
    return makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap, data } as never));
  }
  if (type instanceof DateDay) {
    const data = new Int32Array(n);
    values.forEach((v, i) => {
      if (v !== null && v !== undefined) data[i] = (v as unknown as Any).days as number;
    });
    return makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap, data }));
  }
  return null;
}

/** A value as Arrow's builders take it, for a type nested in a list or a struct. */
function builderValue(v: DuckDBValue, type: DuckDBType): unknown {
  if (v === null || v === undefined) return null;
  const x = v as unknown as Any;
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return (x.items as DuckDBValue[]).map((i) => builderValue(i, (type as DuckDBListType).valueType));
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const out: Any = {};
      t.entryNames.forEach((name, i) => {
        Object.defineProperty(out, name, {
          value: builderValue((x.entries as Record<string, DuckDBValue>)[name]!, t.entryTypes[i]!),
          enumerable: true,
        });
      });
      return out;
    }
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.DECIMAL: {
      const w = new Uint32Array(4);
      words(typeof v === "bigint" ? v : (x.value as bigint), w, 0);
      return w;
    }
    case DuckDBTypeId.DATE:
      return (x.days as number) * 86_400_000;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return Number(micros(x)) / 1000;
    case DuckDBTypeId.TIME:
      return micros(x);
    case DuckDBTypeId.BLOB:
      return x.bytes;
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.ENUM:
      return String(v);
    default:
      return v;
  }
}

export interface ArrowColumn {
  name: string;
  type: DuckDBType;
  arrow: DataType | null;
}

/** The fields of an answer: its Arrow types, DuckDB's own where the value travels as text. */
export function columnsOf(names: readonly string[], types: readonly DuckDBType[]): ArrowColumn[] {
  return names.map((name, i) => ({ name, type: types[i]!, arrow: arrowTypeOf(types[i]!) }));
}

export function schemaOf(columns: readonly ArrowColumn[]): Schema {
  return new Schema(
    columns.map(
      (c) =>
        new Field(c.name, c.arrow ?? new Utf8(), true, c.arrow ? undefined : new Map([[FIELD_TYPE, String(c.type)]])),
    ),
  );
}

/** One chunk of a native answer as an Arrow record batch of that schema. */
export function batchOf(schema: Schema, columns: readonly ArrowColumn[], chunk: DuckDBDataChunk): RecordBatch {
  const vectors = columns.map((c, i) => {
    const values = chunk.getColumnVector(i).toArray() as DuckDBValue[];
    if (!c.arrow)
      return vectorFromArray(
        values.map((v) => (v === null ? null : textOf(nativeValue(v, c.type)))),
        new Utf8(),
      );
    const exact = exactVector(c.arrow, values);
    if (exact) return exact;
    if (c.arrow instanceof Int64 || c.arrow instanceof Uint64) {
      return vectorFromArray(
        values.map((v) => (v === null ? null : BigInt(v as bigint))),
        c.arrow,
      );
    }
    return vectorFromArray(
      values.map((v) => builderValue(v, c.type)),
      c.arrow,
    );
  });
  // By position: two columns of one name (SELECT 1 AS a, 2 AS a) stay two columns.
  const children = vectors.map((v) => (v.data.length === 1 ? v.data[0]! : makeVector(v.data).data[0]!));
  const struct = makeData({ type: new Struct(schema.fields), length: chunk.rowCount, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}

/** A value sent as text: DuckDB's own for scalars, JSON for what has parts (a map, a union). */
const textOf = (v: unknown) => (typeof v === "object" && v !== null ? jsonText(v) : String(v));
