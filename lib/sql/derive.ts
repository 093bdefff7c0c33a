import type { LayoutId } from "../formats/layouts";
import { ASPECTS } from "../formats/ratings";
import { ident } from "./ident";

/** Columns computed once at ingest so listing, sorting and counting never walk nested text. */
export const DERIVED = ["__row", "__preview", "__turns", "__chars"] as const;

const PREVIEW = 240;
const contentLengths = (list: string) => `coalesce(list_sum(list_transform(${list}, m -> length(m.content))), 0)`;

/** A published rating ("1".."5", "N/A", "0") as a number; anything that is not a number is NULL. */
export const ratingNumber = (rating: string) => `TRY_CAST(${rating} AS DOUBLE)`;
/** 1 when a rating is present but not a number (the published "N/A"), else 0. */
const ratingIsNA = (rating: string) =>
  `CAST(${rating} IS NOT NULL AND TRY_CAST(${rating} AS DOUBLE) IS NULL AS INTEGER)`;
const aspectRating = (c: string, aspect: string) => `${c}.annotations.${aspect}.Rating`;

/** Per-prompt summaries of an UltraFeedback row's completions, for list columns, sorting and filters. */
function feedbackSummaries(): [string, string][] {
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
  out.push(["__models", `array_to_string(list_transform(completions, c -> c.model), ', ')`]);
  return out;
}

/** Extra derived columns a layout carries beyond the four every layout has. */
export function layoutSummaries(layout: LayoutId): [string, string][] {
  if (layout === "ultrafeedback") return feedbackSummaries();
  if (layout === "ultrafeedback_binarized") {
    return [["__margin", "CAST(score_chosen AS DOUBLE) - CAST(score_rejected AS DOUBLE)"]];
  }
  return [];
}

function derivedExpressions(layout: LayoutId, firstColumn: string | undefined): [string, string, string] {
  switch (layout) {
    case "ultrachat_raw":
      return [`left(data[1], ${PREVIEW})`, "len(data)", "coalesce(list_sum(list_transform(data, x -> length(x))), 0)"];
    case "ultrachat_200k":
      return [`left(coalesce(prompt, messages[1].content), ${PREVIEW})`, "len(messages)", contentLengths("messages")];
    case "ultrafeedback":
      return [
        `left(instruction, ${PREVIEW})`,
        "len(completions)",
        "length(instruction) + coalesce(list_sum(list_transform(completions, c -> length(c.response))), 0)",
      ];
    case "ultrafeedback_binarized":
      return [`left(prompt, ${PREVIEW})`, "len(chosen)", `${contentLengths("chosen")} + ${contentLengths("rejected")}`];
    case "generic":
      return [firstColumn ? `left(CAST(${ident(firstColumn)} AS VARCHAR), ${PREVIEW})` : "NULL", "NULL", "NULL"];
  }
}

/** SELECT list that adds the derived columns to a staged batch whose first row is number `offset`. */
export function deriveSelect(layout: LayoutId, offset: number, firstColumn?: string): string {
  const [preview, turns, chars] = derivedExpressions(layout, firstColumn);
  return [
    `CAST(${Math.trunc(offset)} + rowid AS BIGINT) AS __row`,
    `CAST(${preview} AS VARCHAR) AS __preview`,
    `CAST(${turns} AS INTEGER) AS __turns`,
    `CAST(${chars} AS BIGINT) AS __chars`,
    ...layoutSummaries(layout).map(([name, expr]) => `${expr} AS ${name}`),
    "*",
  ].join(", ");
}

/** The table that holds one row per UltraFeedback completion, next to the prompts' table. */
export const completionTable = (table: string) => `${table}__c`;

/**
 * One row per completion, with its ratings as numbers, taken from the prompts numbered `from` and up.
 * Filters by rating, the per-model summary and the facets read this table instead of nested lists.
 */
export function completionSelect(table: string, from: number): string {
  const ratings = ASPECTS.map((a) => `${ratingNumber(aspectRating("c", a))} AS ${ident(`r_${a}`)}`);
  const na = ASPECTS.map((a) => `${ratingIsNA(aspectRating("c", a))} AS ${ident(`na_${a}`)}`);
  return (
    `SELECT __row, CAST(idx AS INTEGER) AS idx, c.model AS model, c.principle AS principle, ${ratings.join(", ")}, ` +
    `${na.join(", ")}, CAST(c.overall_score AS DOUBLE) AS overall, CAST(c."fine-grained_score" AS DOUBLE) AS fine ` +
    `FROM (SELECT __row, unnest(completions) AS c, unnest(range(1, len(completions) + 1)) AS idx ` +
    `FROM ${ident(table)} WHERE __row >= ${Math.trunc(from)})`
  );
}
