import { NL, textSql, type TextPart } from "../layouts/common";
import { specOf } from "../layouts/registry";
import type { DatasetRef, LayoutId } from "../types";
import { gramTest, needleMasks } from "../search/grams";
import { ident } from "./ident";

/** The column that holds all of a row's text, lowercased, once it has been built (see `searchTextStatements`). */
export const SEARCH_COLUMN = "__text";

/** The bytes of a row's search text, kept beside it where it is computed at load (a server's data). */
export const SEARCH_BYTES_COLUMN = "__text_bytes";

/** What the search column holds for a row: all its text, lowercased, joined by newlines. */
export const searchTextSql = (layout: LayoutId, columns: readonly string[]) =>
  `lower(concat_ws(${NL}, ${specOf(layout).searchText(columns).map(textSql).join(", ")}))`;

/** Rows whose search text one statement computes: the page's own searches run between two of them. */
export const SEARCH_SLICE_ROWS = 16_384;

/**
 * Builds a loaded table's search text in a table of its own (`__row` and the text: all of a row's
 * text, lowercased, joined by newlines), a slice of rows per statement. Searching it is a plain
 * substring scan, several times faster than lowercasing nested text on every query; it costs about
 * as much memory as the text itself, so it is built after the first search, not at load. Until it is
 * whole, searches read the rows themselves, between its slices, and never wait for all of it.
 */
export function searchTextStatements(
  ds: DatasetRef,
  table: string,
  first: number,
  last: number,
  slice = SEARCH_SLICE_ROWS,
): string[] {
  const out = [`CREATE OR REPLACE TEMP TABLE ${ident(table)} (__row BIGINT, ${SEARCH_COLUMN} VARCHAR)`];
  for (const from of sliceStarts(first, last, slice))
    out.push(`INSERT INTO ${ident(table)} ${searchSliceSql(ds, from, slice)}`);
  return out;
}

/** Where each slice of rows from `first` to `last` starts. */
export const sliceStarts = (first: number, last: number, slice = SEARCH_SLICE_ROWS) =>
  Array.from(
    { length: Math.max(0, Math.ceil((last - Math.trunc(first) + 1) / slice)) },
    (_, i) => Math.trunc(first) + i * slice,
  );

/** The search text of a slice of rows: `__row` and the text, in the table's order. */
const searchSliceSql = (ds: DatasetRef, from: number, slice: number) =>
  `SELECT __row, ${searchTextSql(ds.layout, ds.columns)} AS ${SEARCH_COLUMN} FROM ${ident(ds.table)} ` +
  `WHERE __row >= ${from} AND __row < ${from + slice}`;

/** The match of one bound parameter against the search text, where it is a column (`__text`). */
export const textMatch = (needleParam: string, prefix = "") =>
  `contains(${prefix}${SEARCH_COLUMN}, lower(${needleParam}))`;

/**
 * The rows (`__row`) whose built search text holds the needle. Where the dataset has the search
 * index and the needle lets it narrow (see lib/search/grams.ts), only the rows whose signature has
 * every bit of the needle's are scanned (a CASE, so the engine tests the signature first; the index
 * is row for row beside the text); the same rows match.
 */
export function builtSearch(ds: DatasetRef & { searchTable: string }, needleParam: string, needleText?: string) {
  const masks = ds.grams && needleText !== undefined ? needleMasks(needleText) : null;
  if (!masks || !ds.grams) return `SELECT __row FROM ${ident(ds.searchTable)} WHERE ${textMatch(needleParam)}`;
  return (
    `SELECT t.__row FROM ${ident(ds.searchTable)} t POSITIONAL JOIN ${ident(ds.grams)} g ` +
    `WHERE CASE WHEN ${gramTest(masks, "g.")} THEN ${textMatch(needleParam, "t.")} ELSE false END`
  );
}

/**
 * Whether a needle has no letter with a case, nor a character any other one lowercases to (Japanese,
 * Chinese, digits, punctuation, spaces): text lowercased holds it exactly where the text itself
 * does, so a search for it need not lowercase the text (twice as fast over rows not yet indexed).
 * Symbols are left out (Ⓐ lowercases to ⓐ), and so are combining marks.
 */
export const uncased = (needle: string) => /^[\p{Lo}\p{Lm}\p{Nd}\p{P}\p{Zs}]+$/u.test(needle);

/** Characters besides a letter's two cases that DuckDB's lower() makes that letter (see the test). */
const LOWERS_TO: Record<string, string> = { i: "\u0130", k: "\u212a" };

/**
 * A needle of ASCII characters only, as a pattern that finds it in text of any case without
 * lowercasing the text (about twice as fast over rows not yet indexed): each letter a class of every
 * character DuckDB lowercases to it, every other character itself, written as its code. Null for any
 * other needle. It finds exactly the rows `contains(lower(text), lower(needle))` finds: DuckDB's
 * lower() turns every character into one character, and only two beyond ASCII into ASCII ones.
 */
export function asciiCasePattern(needle: string): string | null {
  if (needle === "" || !/^[\x00-\x7f]+$/.test(needle)) return null;
  return [...needle.toLowerCase()]
    .map((c) =>
      c >= "a" && c <= "z" ? `[${c}${c.toUpperCase()}${LOWERS_TO[c] ?? ""}]` : `\\x{${c.charCodeAt(0).toString(16)}}`,
    )
    .join("");
}

/**
 * Case-insensitive substring match of one bound parameter against every text expression of a row
 * (or its search text, when it is built). `contains` takes the needle literally, so quotes,
 * backslashes, % and _ need no escaping. Given the needle itself, one without case reads the text
 * as it is, not lowercased (the same rows).
 */
export function searchPredicate(
  ds: DatasetRef,
  needleParam: string,
  needleText?: string,
  /** The parameter holds the needle's `asciiCasePattern`, not the needle (see `searchWhere`). */
  asPattern = false,
): string {
  const needle = `lower(${needleParam})`;
  if (ds.indexed && ds.searchApart && ds.searchTable)
    return `__row IN (${builtSearch({ ...ds, searchTable: ds.searchTable }, needleParam, needleText)})`;
  if (ds.indexed) return textMatch(needleParam);
  const texts = specOf(ds.layout).searchText(ds.columns);
  if (texts.length === 0) return "false";
  const plain = needleText !== undefined && uncased(needleText);
  const match = (e: string) =>
    asPattern
      ? `regexp_matches(${e}, ${needleParam})`
      : plain
        ? `contains(${e}, ${needleParam})`
        : `contains(lower(${e}), ${needle})`;
  // A needle without a newline lies within one item of a list: the items are read one by one, none
  // joined (a list that is NULL stays NULL, an empty one matches nothing, as its joined text did).
  const apart = needleText !== undefined && !needleText.includes("\n");
  const part = (t: TextPart) =>
    typeof t === "string" || !apart
      ? match(textSql(t))
      : `CASE WHEN ${t.list} IS NULL THEN NULL ELSE coalesce(list_bool_or(list_transform(${t.list}, ${t.param} -> ${match(t.body)})), false) END`;
  return "(" + texts.map(part).join(" OR ") + ")";
}

/**
 * The search for a needle, binding what it reads: a needle of ASCII characters with a case is found
 * by its pattern (`asciiCasePattern`) in rows not yet indexed; any other, as `searchPredicate` says.
 */
export function searchWhere(ds: DatasetRef, needle: string, bind: (value: string) => string): string {
  const pattern = !ds.indexed && !uncased(needle) ? asciiCasePattern(needle) : null;
  return pattern === null
    ? searchPredicate(ds, bind(needle), needle)
    : searchPredicate(ds, bind(pattern), needle, true);
}
