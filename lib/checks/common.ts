import { ident } from "../sql/ident";
import { fmt } from "../text/format";
import { blankSql, keySql } from "./text";
import type { CheckSpec } from "./types";

/** The normalized text of rows whose normalized text another row shares. */
const duplicatedSql = (table: string, text: string) =>
  `SELECT ${keySql(text)} AS k FROM ${ident(table)} WHERE NOT ${blankSql(text)} GROUP BY 1 HAVING count(*) > 1`;

/** Rows whose prompt another row has too, ignoring case, spaces and punctuation; shown as groups. */
export function duplicatePrompts(text: string, noun: string, plural: string): CheckSpec {
  return {
    id: "duplicate_prompt",
    title: `Duplicate ${plural}`,
    reason: `The same ${noun} (ignoring case, spaces and punctuation) more than once weighs it twice in training and can leak between splits.`,
    predicate: (ds) =>
      `(NOT ${blankSql(text)} AND ${keySql(text)} IN (SELECT k FROM (${duplicatedSql(ds.table, text)})))`,
    detail: {
      sql: (ds) =>
        `SELECT count(*) AS groups, coalesce(sum(n), 0) AS rows, coalesce(max(n), 0) AS largest FROM ` +
        `(SELECT ${keySql(text)} AS k, count(*) AS n FROM ${ident(ds.table)} WHERE NOT ${blankSql(text)} GROUP BY 1 HAVING count(*) > 1)`,
      text: (r) =>
        Number(r.groups) > 0
          ? `${fmt(Number(r.groups))} group${Number(r.groups) === 1 ? "" : "s"}, the largest of ${fmt(Number(r.largest))}`
          : null,
    },
  };
}

/** Rows whose prompt is empty or only spaces. */
export function emptyPrompts(text: string, noun: string): CheckSpec {
  return {
    id: "empty_prompt",
    title: `Empty ${noun}`,
    reason: `${/^[aeiou]/i.test(noun) ? "An" : "A"} ${noun} that is empty or only spaces teaches an answer to nothing.`,
    predicate: () => blankSql(text),
  };
}
