import { Bool, Field, Float64, List, Struct, Utf8, type DataType } from "apache-arrow";
import type { PlainRow } from "../engine/types";

export type ExportFormat = "jsonl" | "parquet" | "csv" | "ids";

export const EXTENSION: Record<ExportFormat, string> = { jsonl: "jsonl", parquet: "parquet", csv: "csv", ids: "txt" };

/** JSON Lines: one record per line, nested values as they are. */
export function jsonlChunk(rows: readonly PlainRow[]): string {
  let out = "";
  for (const r of rows) out += `${JSON.stringify(r)}\n`;
  return out;
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const text = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV (RFC 4180): a header line first, nested values as JSON text. */
export function csvChunk(rows: readonly PlainRow[], columns: readonly string[], header: boolean): string {
  let out = header ? `${columns.map(csvField).join(",")}\r\n` : "";
  for (const r of rows) out += `${columns.map((c) => csvField(r[c])).join(",")}\r\n`;
  return out;
}

/** One id per line, a block list for a training script. */
export function idsChunk(rows: readonly PlainRow[], column: string): string {
  let out = "";
  for (const r of rows) out += `${r[column] === null || r[column] === undefined ? "" : String(r[column])}\n`;
  return out;
}

/**
 * Arrow types for records of no fixed layout, from their values: numbers, booleans, text, and lists
 * and structs of them, so nested columns stay nested in Parquet.
 */
export function inferArrowFields(rows: readonly PlainRow[], columns: readonly string[]): Field[] {
  const typeOf = (values: unknown[]): DataType => {
    const present = values.filter((v) => v !== null && v !== undefined);
    if (present.length === 0) return new Utf8();
    if (present.every((v) => typeof v === "number")) return new Float64();
    if (present.every((v) => typeof v === "boolean")) return new Bool();
    if (present.every((v) => Array.isArray(v))) {
      return new List(new Field("item", typeOf((present as unknown[][]).flat()), true));
    }
    if (present.every((v) => typeof v === "object" && !Array.isArray(v))) {
      const keys = [...new Set(present.flatMap((v) => Object.keys(v as object)))];
      return new Struct(keys.map((k) => new Field(k, typeOf(present.map((v) => (v as PlainRow)[k])), true)));
    }
    return new Utf8();
  };
  return columns.map((c) => new Field(c, typeOf(rows.map((r) => r[c])), true));
}
