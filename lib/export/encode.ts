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
export function jsonlLine(r: PlainRow, numberText: ReadonlySet<string> = new Set()): string {
  const fields = Object.keys(r).map((k) => {
    const v = r[k];
    const exact = numberText.has(k) && typeof v === "string" && NUMBER.test(v);
    return `${JSON.stringify(k)}:${exact ? v : jsonText(v)}`;
  });
  return `{${fields.join(",")}}\n`;
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
export const csvLine = (cells: readonly unknown[], safe = true): string =>
  `${cells.map((c) => csvField(c, safe)).join(",")}\r\n`;

/** One id per line, a block list for a training script. */
export function idLine(r: PlainRow, column: string): string {
  const v = own(r, column);
  return `${v === null || v === undefined ? "" : String(v)}\n`;
}

/**
 * Lines as UTF-8, each encoded as it is made into one growing buffer: a page's lines joined into one
 * string and then encoded cost about four times as much in a busy tab (391 MB of JSON Lines: 8.3 s).
 */
export function utf8Lines(lines: Iterable<string>, encoder = new TextEncoder()): Uint8Array {
  let buf = new Uint8Array(1 << 16);
  let at = 0;
  for (const line of lines) {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    const most = at + line.length * 3;
    if (most > buf.length) {
      const grown = new Uint8Array(Math.max(most, buf.length * 2));
      grown.set(buf.subarray(0, at));
      buf = grown;
    }
    at += encoder.encodeInto(line, buf.subarray(at)).written;
  }
  return buf.slice(0, at);
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
