import { ASPECTS, NUMBER_TEXT_SQL, RATING_MAX, RATING_MIN } from "../formats/ratings";
import { ident } from "../sql/ident";
import { NEGATIVE } from "../text/phrases";
import { endsMidSentenceSql, leadSql, phraseMatchSql, trailSql } from "../text/rules";
import { joined, NL } from "./common";

const ratingText = (rating: string) => `trim(CAST(${rating} AS VARCHAR))`;
/** Whether a published rating is written as a number ("4", "0", "-1", "1e400", "NaN"), as `parseRating` reads it. */
const ratingIsNumber = (rating: string) => `regexp_full_match(lower(${ratingText(rating)}), '${NUMBER_TEXT_SQL}')`;
/** A published rating as a number when it is written as one (NaN and ±inf included), else NULL. */
const ratingValue = (rating: string) =>
  `TRY_CAST(CASE WHEN ${ratingIsNumber(rating)} THEN ${ratingText(rating)} END AS DOUBLE)`;
/** A rating on the 1–5 scale as a number; N/A, numbers off the scale and missing ones are NULL. */
export const ratingNumber = (rating: string) =>
  `CASE WHEN ${ratingValue(rating)} BETWEEN ${RATING_MIN} AND ${RATING_MAX} THEN ${ratingValue(rating)} END`;
/** 1 when a rating is present but not a number (the published "N/A"), else 0. */
export const ratingIsNA = (rating: string) =>
  `CAST(coalesce(${ratingText(rating)}, '') <> '' AND NOT ${ratingIsNumber(rating)} AS INTEGER)`;
/** 1 when a rating is a number off the 1–5 scale ("0", "7", "-1", "1e400", "NaN"), else 0. */
export const ratingIsOut = (rating: string) =>
  `CAST(coalesce(${ratingIsNumber(rating)} AND NOT coalesce(${ratingValue(rating)} BETWEEN ${RATING_MIN} AND ${RATING_MAX}, false), false) AS INTEGER)`;
export const aspectRating = (c: string, aspect: string) => `${c}.annotations.${aspect}.Rating`;

/** Per-prompt summaries of an UltraFeedback row's completions, for list columns, sorting and filters. */
export function feedbackSummaries(): [string, string][] {
  const out: [string, string][] = [];
  for (const aspect of ASPECTS) {
    const values = `list_transform(completions, c -> ${ratingNumber(aspectRating("c", aspect))})`;
    out.push([`__mean_${aspect}`, `CAST(list_avg(${values}) AS DOUBLE)`]);
    out.push([`__spread_${aspect}`, `CAST(list_max(${values}) - list_min(${values}) AS DOUBLE)`]);
  }
  const overall = "list_transform(completions, c -> CAST(c.overall_score AS DOUBLE))";
  out.push(["__overall_min", `CAST(list_min(${overall}) AS DOUBLE)`]);
  out.push(["__overall_max", `CAST(list_max(${overall}) AS DOUBLE)`]);
  const na = ASPECTS.map((a) => ratingIsNA(aspectRating("c", a))).join(" + ");
  out.push(["__na", `CAST(coalesce(list_sum(list_transform(completions, c -> ${na})), 0) AS INTEGER)`]);
  const out_ = ASPECTS.map((a) => ratingIsOut(aspectRating("c", a))).join(" + ");
  out.push(["__oos", `CAST(coalesce(list_sum(list_transform(completions, c -> ${out_})), 0) AS INTEGER)`]);
  out.push(["__models", `array_to_string(list_transform(completions, c -> c.model), ', ')`]);
  return out;
}

/**
 * One row per completion, with its ratings as numbers, taken from the prompts numbered `from` and up
 * of `relation` (SQL of a table with `__row`). Filters by rating, the per-model summary, the facets and
 * the charts read this table instead of nested lists.
 */
export function completionSelect(relation: string, from: number): string {
  const ratings = ASPECTS.map((a) => `${ratingNumber(aspectRating("c", a))} AS ${ident(`r_${a}`)}`);
  const na = ASPECTS.map((a) => `${ratingIsNA(aspectRating("c", a))} AS ${ident(`na_${a}`)}`);
  const out = ASPECTS.map((a) => `${ratingIsOut(aspectRating("c", a))} AS ${ident(`oos_${a}`)}`);
  const core = "greatest(length(r) - lead - trail, 0)";
  return (
    `SELECT __row, CAST(idx AS INTEGER) AS idx, c.model AS model, c.principle AS principle, ${ratings.join(", ")}, ` +
    `${na.join(", ")}, ${out.join(", ")}, CAST(c.overall_score AS DOUBLE) AS overall, CAST(c."fine-grained_score" AS DOUBLE) AS fine, ` +
    `CAST(length(c.response) AS BIGINT) AS response_chars, ` +
    // what the checks read of a completion, kept while the completions are read anyway (COMPLETION_FACTS)
    `${core} AS __core, hash(CASE WHEN lead = 0 AND trail = 0 THEN r ELSE substring(r, lead + 1, ${core}) END) AS __h, ` +
    `${endsMidSentenceSql("r")} AS __ends_mid, ${phraseMatchSql("c.critique", NEGATIVE)} AS __neg ` +
    `FROM (SELECT *, ${leadSql("r")} AS lead, ${trailSql("r")} AS trail FROM (SELECT *, coalesce(c.response, '') AS r FROM ` +
    `(SELECT __row, unnest(completions) AS c, unnest(range(1, len(completions) + 1)) AS idx ` +
    `FROM ${relation} WHERE __row >= ${Math.trunc(from)})))`
  );
}

/**
 * Columns of the completions table that only the checks read (hidden from the console's view): the
 * response's characters without the spaces at either end and a hash of that text, whether it stops
 * mid-sentence, and whether the critique has a phrase of the default negative list.
 */
export const COMPLETION_FACTS = ["__core", "__h", "__ends_mid", "__neg"];

const COMPLETION_TEXT = [
  "c.model",
  "c.response",
  "c.custom_system_prompt",
  "c.critique",
  "c.annotations.instruction_following.Rationale",
  "c.annotations.honesty.Rationale",
  "c.annotations.truthfulness.Rationale",
  `c.annotations.truthfulness."Rationale For Rating"`,
  "c.annotations.helpfulness.Rationale",
  `c.annotations.helpfulness."Rationale For Rating"`,
].join(", ");

export const completionText = joined("completions", "c", `concat_ws(${NL}, ${COMPLETION_TEXT})`);

/** The table of one row per completion, beside a dataset's table. */
export const completionTable = (table: string) => `${table}__c`;
