import type { PlainRow } from "../engine/types";
import { rangeField, type FilterField } from "../filters/field";
import { jsonText } from "../engine/values";
import { ident } from "../sql/ident";
import { lateSql, type LateSummary } from "../sql/late";
import type { ChatMessage } from "../formats/canonical";
import type { ListColumn } from "./spec";

/** Characters of the list preview. */
export const PREVIEW = 240;
export const NL = "chr(10)";

export const contentLengths = (list: string) =>
  `coalesce(list_sum(list_transform(${list}, m -> length(m.content))), 0)`;
/**
 * Text held in a list: each item's text (`body`, an expression of the lambda's `param`), the items
 * joined by newlines. A search reads the items one by one (see `searchPredicate`).
 */
export interface ListText {
  list: string;
  param: string;
  body: string;
}
/** A part of a row's text: an expression, or the text of a list's items. */
export type TextPart = string | ListText;

export const joined = (list: string, param: string, body: string): ListText => ({ list, param, body });
/** A text part as one expression: a list's items joined by newlines. */
export const textSql = (part: TextPart) =>
  typeof part === "string"
    ? part
    : `array_to_string(list_transform(${part.list}, ${part.param} -> ${part.body}), ${NL})`;

export const ROW_COLUMN: ListColumn = {
  id: "__row",
  name: "row",
  header: "#",
  title: "row",
  kind: "row",
  width: 64,
  sql: "__row",
};

export const previewColumn = (header: string, title: string): ListColumn => ({
  id: "__preview",
  name: "preview",
  header,
  title,
  kind: "text",
  sql: "__preview",
  highlight: true,
});

export const turnsColumn = (header = "Turns", title = "turns"): ListColumn => ({
  id: "__turns",
  name: "turns",
  header,
  title,
  kind: "count",
  width: 64,
  sql: "__turns",
});

const NESTED = /\[\]$|^STRUCT|^MAP|^UNION/i;
const NUMBER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/i;

/** A column of the data itself in the list: short text, or nested values as JSON. */
export function ownColumn(name: string, type: string | undefined, label = name): ListColumn {
  const nested = type !== undefined && NESTED.test(type);
  const header = label === "" ? "(no name)" : label;
  if (type !== undefined && NUMBER.test(type)) {
    return {
      id: name,
      header: name,
      title: `${name} (${type.toLowerCase()})`,
      subtitle: type.toLowerCase(),
      kind: "number",
      // As DuckDB holds it: a big integer or a decimal arrives as its exact text, not a rounded double.
      sql: ident(name),
      descFirst: true,
    };
  }
  return {
    id: name,
    header,
    title: type ? `${header} (${type.toLowerCase()})` : header,
    subtitle: type?.toLowerCase(),
    kind: nested ? "json" : "value",
    sql: nested ? ident(name) : `left(CAST(${ident(name)} AS VARCHAR), 200)`,
    highlight: !nested,
  };
}

export const charsColumn: ListColumn = {
  id: "__chars",
  name: "chars",
  header: "Chars",
  title: "length in characters",
  kind: "count",
  width: 80,
  sql: "__chars",
  descFirst: true,
};

/** A value as text: strings as they are, numbers as JavaScript writes them (NaN, Infinity), the rest as JSON. */
export const text = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "string" ? v : typeof v === "number" ? String(v) : jsonText(v);
export const textOrNull = (v: unknown) => (v === null || v === undefined ? null : text(v));
export const num = (v: unknown) => (v === null || v === undefined || v === "" ? null : Number(v));

export function messages(v: unknown): ChatMessage[] {
  if (!Array.isArray(v)) return [];
  return v.map((m: PlainRow) => ({ role: text(m?.role), content: text(m?.content) }));
}

/** Whether text holds Japanese: any hiragana or katakana (kanji alone may be Chinese). */
export const hasJapanese = (text: string) => `regexp_matches(${text}, '[\\p{Hiragana}\\p{Katakana}]')`;

/** Whether a dialogue holds Japanese text (`__ja`), built on first use: a pattern over all its text costs as much as the rest of a load. */
export const japaneseSummary = (text: string): LateSummary => ({
  name: "__ja",
  type: "BOOLEAN",
  sql: hasJapanese(text),
  fields: ["ja"],
});

/** Fields the dialogue charts set: turns, characters, Japanese text (`japanese`, see `japaneseSummary`). */
export const dialogueFields = (japanese: LateSummary): FilterField[] => [
  { ...rangeField("turns", "Turns", "row", "__turns", { min: 0, max: 1000, step: 1 }), hidden: true },
  { ...rangeField("chars", "Characters", "row", "__chars", { min: 0, max: 1e9, step: 1 }), hidden: true },
  {
    id: "ja",
    op: "is",
    label: "Japanese text",
    level: "row",
    param: "ja",
    hidden: true,
    accepts: (c) => c.op === "is" && (c.value === "yes" || c.value === "no"),
    predicate: (c, { ds }) => (c.op === "is" ? `${c.value === "yes" ? "" : "NOT "}${lateSql(ds, japanese)}` : null),
    describe: (c) => (c.op === "is" && c.value === "no" ? "no Japanese text" : "with Japanese text"),
  },
];
