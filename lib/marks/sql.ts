import type { FilterField } from "../filters/field";
import { specOf } from "../layouts/registry";
import type { ListColumn } from "../layouts/spec";
import { categories } from "../stats/marks";
import type { ChartSpec } from "../stats/types";
import { ident } from "../sql/ident";
import type { Clause, DatasetRef } from "../types";
import { isScope, markKeySql } from "./keys";
import { MARKS_TABLE, type MarksTable } from "./table";
import { MARK_FILTERS, MARKS } from "./types";

/** The marks table a dataset's engine keeps, when the page made one (see `MarksTable`). */
export const marksOf = (ds: DatasetRef): MarksTable | null => ds.derived?.marks ?? null;

/** The scope of a dataset whose marks are in its engine's table, or null (then nothing reads them). */
export function markScopeIn(ds: DatasetRef): string | null {
  const scope = marksOf(ds)?.scopeOf(ds.table) ?? null;
  return scope !== null && isScope(scope) ? scope : null;
}

/** The marks of a scope on whole rows (not single completions), as a relation of key, mark and note. */
const rowMarks = (ds: DatasetRef, scope: string) =>
  // The table's version in the text: an answer kept from before a change is never taken for one after it.
  `(SELECT key, mark, note FROM ${MARKS_TABLE} /* v${marksOf(ds)?.version ?? 0} */ WHERE scope = '${scope}' AND completion IS NULL)`;

const words: Record<string, string> = {
  keep: "kept",
  discard: "discarded",
  review: "to review",
  swap: "swapped",
  none: "not marked",
};

/** `mark=keep` (repeatable): the rows marked so, `mark=none` the rows without a decision. */
export const MARK_FIELD: FilterField = {
  id: "mark",
  op: "in",
  label: "Mark",
  level: "row",
  param: "mark",
  hidden: true,
  accepts: (c, ds) =>
    c.op === "in" &&
    c.values.every((v) => (MARK_FILTERS as readonly string[]).includes(v)) &&
    (ds.table === "" || markScopeIn(ds) !== null),
  predicate: (c, { ds }) => {
    const scope = markScopeIn(ds);
    if (c.op !== "in" || !scope) return null;
    const key = `coalesce(${markKeySql(ds)}, '')`;
    const kinds = c.values.filter((v) => (MARKS as readonly string[]).includes(v));
    const parts: string[] = [];
    // The values are the fixed words above, checked by `accepts`: they are written as constants.
    if (kinds.length)
      parts.push(
        `${key} IN (SELECT key FROM ${rowMarks(ds, scope)} WHERE mark IN (${kinds.map((k) => `'${k}'`).join(", ")}))`,
      );
    if (c.values.includes("none"))
      parts.push(`${key} NOT IN (SELECT key FROM ${rowMarks(ds, scope)} WHERE mark IS NOT NULL)`);
    return parts.length ? `(${parts.join(" OR ")})` : null;
  },
  describe: (c) => (c.op === "in" ? `marked: ${c.values.map((v) => words[v] ?? v).join(" or ")}` : "marked"),
};

/** The list's mark column: the row's key, which the cell looks up among the page's marks. */
export function markColumn(ds: DatasetRef): ListColumn | null {
  const table = marksOf(ds);
  if (!table || !markScopeIn(ds) || !table.hasMarks(markScopeIn(ds)!)) return null;
  return {
    id: "__mark",
    name: "mark",
    header: "Mark",
    title: "your mark (keep, discard, review, swap) and note",
    kind: "mark",
    width: 64,
    sql: markKeySql(ds),
    unsortable: true,
  };
}

/** Whether the list's rows depend on the marks (a mark clause): then its key follows their changes. */
export function marksVersion(ds: DatasetRef, clauses: readonly Clause[] = []): number {
  return clauses.some((c) => c.field === MARK_FIELD.id) ? (marksOf(ds)?.version ?? 0) : 0;
}

/** An export's mark columns (the mark, the note) for the dataset's rows, or none when it has no marks in. */
export function markExportColumns(ds: DatasetRef): string[] {
  const scope = markScopeIn(ds);
  if (!scope) return [];
  const key = markKeySql(ds);
  const of = (c: string) => `(SELECT ${c} FROM ${rowMarks(ds, scope)} WHERE key = ${key} LIMIT 1)`;
  return [of("mark"), `nullif(${of("note")}, '')`];
}

/**
 * A binarized pair's columns with "swap" applied: where the reader marked the pair `swap`, chosen and
 * rejected trade places, with their scores, and `messages` (the chosen conversation) follows.
 */
export function swappedColumns(ds: DatasetRef): Map<string, string> {
  const scope = markScopeIn(ds);
  const out = new Map<string, string>();
  if (!scope || ds.layout !== "ultrafeedback_binarized") return out;
  const swapped = `(${markKeySql(ds)} IN (SELECT key FROM ${rowMarks(ds, scope)} WHERE mark = 'swap'))`;
  const pick = (a: string, b: string) => `CASE WHEN ${swapped} THEN ${ident(b)} ELSE ${ident(a)} END`;
  const has = (c: string) => ds.columns.includes(c);
  if (has("chosen") && has("rejected")) {
    out.set("chosen", pick("chosen", "rejected"));
    out.set("rejected", pick("rejected", "chosen"));
    if (has("messages")) out.set("messages", pick("messages", "rejected"));
  }
  if (has("score_chosen") && has("score_rejected")) {
    out.set("score_chosen", pick("score_chosen", "score_rejected"));
    out.set("score_rejected", pick("score_rejected", "score_chosen"));
  }
  return out;
}

/** The chart of the listed rows by their mark (none included); a click on a bar lists those rows. */
export function markChart(ds: DatasetRef): ChartSpec | null {
  const table = marksOf(ds);
  const scope = markScopeIn(ds);
  if (!table || !scope || !table.hasMarks(scope)) return null;
  const mark = `coalesce((SELECT __m.mark FROM ${rowMarks(ds, scope)} __m WHERE __m.key = ${markKeySql(ds)} LIMIT 1), 'none')`;
  return {
    id: "marks",
    title: "Your marks",
    unit: specOf(ds.layout).noun[1],
    kind: "bars",
    over: "rows",
    fields: [MARK_FIELD.id],
    keys: [...MARK_FILTERS],
    aggregate: () => categories(mark),
    select: (marks) => (marks.length ? [{ field: MARK_FIELD.id, op: "in", values: marks.map((m) => m.key) }] : []),
    isSelected: (m, clauses) =>
      clauses.some((c) => c.field === MARK_FIELD.id && c.op === "in" && c.values.includes(m.key)),
    note: "Every other chart can be read for one mark: click its bar.",
  };
}
