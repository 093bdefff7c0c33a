import type { Query } from "../engine/types";
import { completionPredicates, whereClause } from "../filters/where";
import { ASPECTS } from "../formats/ratings";
import { completionTable } from "../layouts/ultrafeedback-sql";
import type { DatasetRef, ListState } from "../types";
import { ident } from "./ident";
import { Params } from "./params";
import { SEARCH_COLUMN } from "./search";

/**
 * Per model, over the completions of the prompts the list currently shows: how many completions,
 * the mean of each aspect (N/A and ratings off the 1–5 scale left out), how many N/A and off the scale, and the mean overall_score. With `matching`,
 * only the completions that meet the completion conditions themselves are counted.
 */
export function modelSummaryQuery(ds: DatasetRef, state: ListState, matching: boolean): Query {
  const params = new Params();
  const where = whereClause(ds, state, params);
  const predicate = matching ? completionPredicates(ds, state.clauses ?? [], params) : null;
  const prompts = where ? `__row IN (SELECT __row FROM ${ident(ds.table)} ${where})` : "true";
  const means = ASPECTS.map(
    (a) => `avg(${ident(`r_${a}`)}) AS ${ident(`mean_${a}`)}, count(${ident(`r_${a}`)}) AS ${ident(`rated_${a}`)}`,
  ).join(", ");
  const na = ASPECTS.map((a) => ident(`na_${a}`)).join(" + ");
  const oos = ASPECTS.map((a) => ident(`oos_${a}`)).join(" + ");
  const sql =
    `SELECT model, count(*) AS completions, count(DISTINCT __row) AS prompts, ${means}, ` +
    `CAST(sum(${na}) AS INTEGER) AS na, CAST(sum(${oos}) AS INTEGER) AS oos, avg(overall) AS mean_overall, count(overall) AS rated_overall ` +
    `FROM ${ident(completionTable(ds.table))} WHERE ${prompts}${predicate ? ` AND (${predicate})` : ""} ` +
    `GROUP BY model ORDER BY completions DESC, model`;
  return { sql, params: params.values };
}

/** How many binarized prompts have a raw UltraFeedback row with the same instruction. */
export function matchCountQuery(pairs: DatasetRef, raw: DatasetRef): Query {
  return {
    sql:
      `SELECT count(*) AS n FROM ${ident(pairs.table)} ` +
      `WHERE prompt IN (SELECT instruction FROM ${ident(raw.table)})`,
    params: [],
  };
}

/** The raw UltraFeedback rows whose instruction is this prompt, first row first. */
export function rawRowsForPromptQuery(raw: DatasetRef, prompt: string): Query {
  return {
    sql: `SELECT * EXCLUDE (${raw.indexed && !raw.searchApart ? `__preview, ${SEARCH_COLUMN}` : "__preview"}) FROM ${ident(raw.table)} WHERE instruction = $1 ORDER BY __row`,
    params: [prompt],
  };
}
