import {
  DuckDBTypeId,
  type DuckDBArrayType,
  type DuckDBListType,
  type DuckDBMapType,
  type DuckDBStructType,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
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

type Any = Record<string, unknown>;

/**
 * A value of native DuckDB as the plain value every transport gives (see `values.ts`): the same
 * numbers and the same text as DuckDB-WASM's Arrow results become in the page.
 */
export function nativeValue(value: DuckDBValue, type: DuckDBType): unknown {
  if (value === null || value === undefined) return null;
  const v = value as unknown as Any;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
      return value;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return integerValue(BigInt(value as bigint));
    case DuckDBTypeId.DECIMAL:
      return decimalValue(v.value as bigint, v.scale as number);
    case DuckDBTypeId.DATE:
      return dateText(v.days as number);
    case DuckDBTypeId.TIME:
      return timeText(v.micros as bigint);
    case DuckDBTypeId.TIMESTAMP:
      return timestampText(v.micros as bigint);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return timestampText(v.micros as bigint, true);
    case DuckDBTypeId.TIMESTAMP_S:
      return timestampText((v.seconds as bigint) * 1_000_000n);
    case DuckDBTypeId.TIMESTAMP_MS:
      return timestampText((v.millis as bigint) * 1_000n);
    case DuckDBTypeId.TIMESTAMP_NS:
      return timestampText((v.nanos as bigint) / 1_000n);
    case DuckDBTypeId.INTERVAL:
      return intervalText(v.months as number, v.days as number, v.micros as bigint);
    case DuckDBTypeId.BLOB:
      return blobText(v.bytes as Uint8Array);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = (type as DuckDBListType | DuckDBArrayType).valueType;
      return (v.items as DuckDBValue[]).map((x) => nativeValue(x, item));
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const entries = v.entries as Record<string, DuckDBValue>;
      // Read by the type's names: a field called `__proto__` is the entries' prototype there.
      return dataObject(t.entryNames.map((name, i) => [name, nativeValue(entries[name]!, t.entryTypes[i]!)] as const));
    }
    case DuckDBTypeId.MAP: {
      const t = type as DuckDBMapType;
      const entries = v.entries as { key: DuckDBValue; value: DuckDBValue }[];
      return dataObject(
        entries.map((e) => [String(nativeValue(e.key, t.keyType)), nativeValue(e.value, t.valueType)] as const),
      );
    }
    default:
      return String(value);
  }
}

interface VectorLike {
  type: DuckDBType;
  itemCount: number;
  getItem(i: number): DuckDBValue;
}
interface StructVectorLike extends VectorLike {
  isItemValid(i: number): boolean;
  entryVectorAt(j: number): VectorLike;
}
interface ListVectorLike extends VectorLike {
  getItemVector(i: number): VectorLike | null;
}

/**
 * One item of a native result vector, read through the vectors of structs and lists (their values
 * keep struct fields in an object, where a field named `__proto__` is lost).
 */
export function nativeVectorValue(vector: VectorLike, i: number): unknown {
  const type = vector.type;
  if (type.typeId === DuckDBTypeId.STRUCT) {
    const v = vector as StructVectorLike;
    if (!v.isItemValid(i)) return null;
    const names = (type as DuckDBStructType).entryNames;
    return dataObject(names.map((name, j) => [name, nativeVectorValue(v.entryVectorAt(j), i)] as const));
  }
  if (type.typeId === DuckDBTypeId.LIST) {
    const items = (vector as ListVectorLike).getItemVector(i);
    if (!items) return null;
    const out: unknown[] = [];
    for (let k = 0; k < items.itemCount; k++) out.push(nativeVectorValue(items, k));
    return out;
  }
  return nativeValue(vector.getItem(i), type);
}
