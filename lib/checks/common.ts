import { ident } from "../sql/ident";
import { fmt } from "../text/format";
import { blankSql, normSql } from "../text/rules";
import type { CheckHelper, CheckSpec } from "./types";

/** A short name for a text (FNV-1a, 32 bits, hex). */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * The prompts of a dataset, normalized once: `n` its words (lower case, punctuation and spaces made one
 * space) and `k` a hash of its compact form (no spaces at all), for rows whose prompt is not blank.
 * Duplicates group by `k`; the TruthfulQA check and overlaps read `n`.
 */
export const promptHelper = (text: string): CheckHelper => ({
  // one per text compared (a table of no layout is compared by the column picked)
  id: `p${textHash(text)}`,
  sql: (ds) =>
    `SELECT __row, n, hash(replace(n, ' ', '')) AS k FROM ` +
    `(SELECT __row, ${normSql(text)} AS n FROM ${ident(ds.table)} WHERE NOT ${blankSql(text)})`,
});

/** Rows whose prompt another row has too, ignoring case, spaces and punctuation; shown as groups. */
export function duplicatePrompts(text: string, noun: string, plural: string): CheckSpec {
  const prompts = promptHelper(text);
  return {
    id: "duplicate_prompt",
    title: `Duplicate ${plural}`,
    reason: `The same ${noun} (ignoring case, spaces and punctuation) more than once weighs it twice in training and can leak between splits.`,
    predicate: (_ds, _s, _p, rel) =>
      `__row IN (SELECT __row FROM ${rel(prompts)} WHERE k IN (SELECT k FROM ${rel(prompts)} GROUP BY k HAVING count(*) > 1))`,
    group: (_ds, _s, _p, rel) =>
      `SELECT __row, k AS g FROM ${rel(prompts)} WHERE k IN (SELECT k FROM ${rel(prompts)} GROUP BY k HAVING count(*) > 1)`,
    detail: {
      sql: (_ds, _s, _p, rel) =>
        `SELECT count(*) AS groups, coalesce(sum(n), 0) AS rows, coalesce(max(n), 0) AS largest FROM ` +
        `(SELECT k, count(*) AS n FROM ${rel(prompts)} GROUP BY k HAVING count(*) > 1)`,
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
