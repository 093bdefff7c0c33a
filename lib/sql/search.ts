import type { LayoutId } from "../formats/layouts";
import { ident } from "./ident";

const NL = "chr(10)";
const joined = (list: string, item: string) => `array_to_string(list_transform(${list}, ${item}), ${NL})`;

const UF_COMPLETION_TEXT = [
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

/** SQL expressions that together hold all the text of a row, nested messages included. */
export function searchableText(layout: LayoutId, columns: readonly string[]): string[] {
  switch (layout) {
    case "ultrachat_raw":
      return ["id", `array_to_string(data, ${NL})`];
    case "ultrachat_200k":
      return [joined("messages", "m -> m.content")];
    case "ultrafeedback":
      return ["instruction", joined("completions", `c -> concat_ws(${NL}, ${UF_COMPLETION_TEXT})`)];
    case "ultrafeedback_binarized":
      return ["prompt", joined("chosen", "m -> m.content"), joined("rejected", "m -> m.content")];
    case "generic":
      return columns.map((c) => `CAST(${ident(c)} AS VARCHAR)`);
  }
}

/** The column that holds all of a row's text, lowercased, once it has been built (see `searchColumnStatements`). */
export const SEARCH_COLUMN = "__text";

/**
 * Builds the search column of a loaded table: all its text, lowercased, joined by newlines. Searching
 * it is a plain substring scan, about ten times faster than lowercasing nested text on every query;
 * it costs about as much memory as the text itself, so it is built on the first search, not at load.
 */
export function searchColumnStatements(table: string, layout: LayoutId, columns: readonly string[]): string[] {
  const text = `lower(concat_ws(${NL}, ${searchableText(layout, columns).join(", ")}))`;
  return [
    `ALTER TABLE ${ident(table)} ADD COLUMN IF NOT EXISTS ${SEARCH_COLUMN} VARCHAR`,
    `UPDATE ${ident(table)} SET ${SEARCH_COLUMN} = ${text}`,
  ];
}

/**
 * Case-insensitive substring match of one bound parameter against every text expression (or the
 * search column, when it is built). `contains` takes the needle literally, so quotes, backslashes,
 * % and _ need no escaping.
 */
export function searchPredicate(
  layout: LayoutId,
  columns: readonly string[],
  needleParam: string,
  indexed = false,
): string {
  const needle = `lower(${needleParam})`;
  if (indexed) return `contains(${SEARCH_COLUMN}, ${needle})`;
  return (
    "(" +
    searchableText(layout, columns)
      .map((e) => `contains(lower(${e}), ${needle})`)
      .join(" OR ") +
    ")"
  );
}
