import { Bool, Field, Float64, List, Struct, Utf8, type DataType } from "apache-arrow";
import type { PlainRow } from "../engine/types";
import { jsonText, own } from "../engine/values";

/** `csv` neutralises cells a spreadsheet would run as formulas; `csv-raw` writes every cell as it is. */
export type ExportFormat = "jsonl" | "parquet" | "csv" | "csv-raw" | "ids";

export const EXTENSION: Record<ExportFormat, string> = {
  jsonl: "jsonl",
  parquet: "parquet",
  csv: "csv",
  "csv-raw": "csv",
  ids: "txt",
};

/**
 * JSON Lines: one record per line, nested values as they are. Columns in `numberText` hold the exact
 * text of a number (an integer beyond 2^53, a decimal): it is written as the number it is, digit for digit.
 */
export function jsonlChunk(rows: readonly PlainRow[], numberText: ReadonlySet<string> = new Set()): string {
  let out = "";
  for (const r of rows) {
    const fields = Object.keys(r).map((k) => {
      const v = r[k];
      const exact = numberText.has(k) && typeof v === "string" && NUMBER.test(v);
      return `${JSON.stringify(k)}:${exact ? v : jsonText(v)}`;
    });
    out += `{${fields.join(",")}}\n`;
  }
  return out;
}

/** A number as JSON and CSV write it: what a spreadsheet reads as a number, not as a formula. */
const NUMBER = /^-?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|inf(inity)?|nan)$/i;

/** A cell a spreadsheet would run as a formula (OWASP's list), unless it is a plain number such as -12.5. */
export const formulaLike = (text: string) => /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text);

function csvField(v: unknown, safe: boolean): string {
  if (v === null || v === undefined) return "";
  let text = typeof v === "object" ? jsonText(v) : String(v);
  if (safe && formulaLike(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV (RFC 4180): a header line first, nested values as JSON text. `safe`: a cell that begins with
 * =, +, -, @, a tab or a carriage return gets a leading ' so a spreadsheet shows it as text.
 */
export function csvChunk(rows: readonly PlainRow[], columns: readonly string[], header: boolean, safe = true): string {
  let out = header ? `${columns.map((c) => csvField(c, safe)).join(",")}\r\n` : "";
  for (const r of rows) out += `${columns.map((c) => csvField(own(r, c), safe)).join(",")}\r\n`;
  return out;
}

/** One id per line, a block list for a training script. */
export function idsChunk(rows: readonly PlainRow[], column: string): string {
  let out = "";
  for (const r of rows) {
    const v = own(r, column);
    out += `${v === null || v === undefined ? "" : String(v)}\n`;
  }
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
