import type { PlainRow } from "./types";

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

export function rowsOf(table: { toArray(): ArrayLike<unknown> }): PlainRow[] {
  return Array.from(table.toArray(), (r) => toPlain(r) as PlainRow);
}
