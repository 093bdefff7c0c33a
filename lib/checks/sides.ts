import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DerivedTables } from "../datasets/derived";
import type { DatasetRef, LayoutId } from "../types";
import { keySql, normSql } from "../text/rules";
import { promptHelper } from "./common";
import { helperTable, keepHelpers } from "./flags";

/** The two sides of an overlap: what text each row is compared by, and the runs that text is cut into. */

export interface OverlapSettings {
  /** Words in a shared run (13 by default, as in published contamination studies). */
  words: number;
  /** Characters in a shared run of Japanese or Chinese text. */
  chars: number;
}

export const DEFAULT_OVERLAP: OverlapSettings = { words: 13, chars: 20 };

/** Read from the check settings of a link (`x.words`, `x.chars`), within bounds. */
export function overlapSettings(text: Record<string, string[]> = {}): OverlapSettings {
  const read = (key: keyof OverlapSettings, min: number, max: number) => {
    const n = Number(text[key]?.[0]);
    return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : DEFAULT_OVERLAP[key];
  };
  return { words: read("words", 3, 100), chars: read("chars", 5, 200) };
}

/** The text a dataset's rows are compared by: its prompt; for a table of no layout, the column the user picks. */
export function promptOf(layout: LayoutId, column?: string | null): string | null {
  switch (layout) {
    case "ultrafeedback":
      return "instruction";
    case "ultrafeedback_binarized":
      return "prompt";
    case "ultrachat_200k":
      return "list_filter(messages, m -> m.role = 'user')[1].content";
    case "ultrachat_raw":
      return "data[1]";
    default:
      return column ? `CAST(${ident(column)} AS VARCHAR)` : null;
  }
}

/** One side of an overlap: a dataset (or a pasted list) and the SQL of its compared text. */
export interface Side {
  /** What links call it: a dataset id, or `pasted:<n>`. */
  id: string;
  name: string;
  table: string;
  text: string;
  /** The derived tables of the workspace it belongs to (a pasted list: of the dataset it is compared with). */
  derived: DerivedTables;
}

/** A side as a dataset reference, for the helpers it shares with the checks. */
const sideRef = (side: Side): DatasetRef => ({
  table: side.table,
  layout: "generic",
  columns: [],
  derived: side.derived,
});

const CJK = "[\\p{Han}\\p{Hiragana}\\p{Katakana}]";

/**
 * The runs of one side, hashed, one row per (row, position): word runs of normalized text, or
 * character runs of the compact text where the text is Japanese or Chinese. Texts shorter than one run
 * have none (they can still match exactly). `rowCondition` narrows it to some rows (values bound).
 */
export function gramsSql(side: Side, s: OverlapSettings, rowCondition = "true"): string {
  const src = `SELECT __row, n, regexp_matches(n, '${CJK}') AS cjk FROM ${promptsOf(side)} WHERE (${rowCondition})`;
  // each unit with its place, and the hash of the run of `size` units it starts (joined by `sep`)
  const runs = (units: string, cjk: boolean, sep: string, size: number) =>
    `SELECT __row, ${cjk} AS cjk, i, h FROM (SELECT __row, i, hash(string_agg(u, '${sep}') OVER run) AS h, count(*) OVER run AS m ` +
    `FROM (SELECT __row, unnest(${units}) AS u, unnest(range(0, len(${units}))) AS i FROM (${src}) WHERE ${cjk ? "" : "NOT "}cjk) ` +
    `WINDOW run AS (PARTITION BY __row ORDER BY i ROWS BETWEEN CURRENT ROW AND ${size - 1} FOLLOWING)) WHERE m = ${size}`;
  return (
    `${runs("string_split(n, ' ')", false, " ", s.words)} UNION ALL ` +
    runs("string_split(replace(n, ' ', ''), '')", true, "", s.chars)
  );
}

/** A side's prompts normalized once (`keepPrompts` keeps them): `n` its words, `k` a hash of its compact form. */
export const promptsOf = (side: Side) => ident(helperTable(sideRef(side), promptHelper(side.text).id));
export const keepPrompts = (db: Connector, side: Side) => keepHelpers(db, sideRef(side), {}, [promptHelper(side.text)]);

/** A row's text as the runs are cut from it: its words, or the characters of its compact form. */
export function unitsSql(side: Side, row: string): string {
  return (
    `SELECT regexp_matches(t, '${CJK}') AS cjk, ${normSql("t")} AS norm, ${keySql("t")} AS compact ` +
    `FROM (SELECT coalesce(${side.text}, '') AS t FROM ${ident(side.table)} WHERE __row = ${row})`
  );
}

/**
 * A list of prompts the user pasted (one per line, blank lines left out), as a side to compare with
 * `mine`, whose derived tables it joins (and is dropped with). The lines go into a table as bound
 * values, never as SQL text.
 */
export async function pastedSide(db: Connector, mine: Side, text: string): Promise<Side> {
  const lines = text.split(/\r?\n/).filter((l) => !/^\s*$/.test(l));
  const table = mine.derived.fresh("paste", mine.table);
  await db.query(`CREATE TEMP TABLE ${ident(table)} (__row INTEGER, prompt VARCHAR)`, [], { write: true });
  for (let start = 0; start < lines.length; start += 500) {
    const params = new Params();
    const values = lines
      .slice(start, start + 500)
      .map((line, i) => `(${params.add(start + i)}, ${params.add(line)})`)
      .join(", ");
    await db.query(`INSERT INTO ${ident(table)} VALUES ${values}`, params.values, { write: true });
  }
  return {
    id: `pasted:${table}`,
    name: `${lines.length} pasted prompt${lines.length === 1 ? "" : "s"}`,
    table,
    text: "prompt",
    derived: mine.derived,
  };
}
