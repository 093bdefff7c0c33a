import { ASPECTS } from "../formats/ratings";
import { ident } from "../sql/ident";
import type { DatasetRef, LayoutId } from "../types";

/**
 * The units two versions of a row are compared by, as one SQL list per row: the turns of a dialogue,
 * the prompt and answers of a pair, the instruction and each completion's prose, model and ratings.
 * `kind` says how a unit is compared: `text` is translated (its length, numbers, code are compared),
 * `score` must stay the same, `label` names what follows (a completion's model).
 */
export interface Unit {
  part: string;
  role: string;
  kind: "text" | "score" | "label";
  text: string | null;
}

const unit = (part: string, role: string, kind: Unit["kind"], text: string) =>
  `{'part': ${part}, 'role': ${role}, 'kind': '${kind}', 'text': ${text}}`;
const str = (s: string) => `'${s.replace(/'/g, "''")}'`;
const asText = (e: string) => `CAST(${e} AS VARCHAR)`;

/** The layouts whose units are turns of a dialogue (a translation may hold only the assistant's). */
export const DIALOGUE_LAYOUTS: readonly LayoutId[] = ["ultrachat_raw", "ultrachat_200k"];

/** SQL of a row's units: a LIST of {part, role, kind, text}. */
export function unitsSql(ds: Pick<DatasetRef, "layout" | "columns">): string {
  switch (ds.layout) {
    case "ultrachat_raw":
      return `list_transform(data, (x, i) -> ${unit("'turn ' || i", "CASE WHEN i % 2 = 1 THEN 'user' ELSE 'assistant' END", "text", "x")})`;
    case "ultrachat_200k":
      return `list_transform(messages, (m, i) -> ${unit("'turn ' || i", "m.role", "text", "m.content")})`;
    case "ultrafeedback_binarized":
      return (
        `[${unit("'prompt'", "'user'", "text", "prompt")}, ` +
        `${unit("'chosen'", "'assistant'", "text", "chosen[-1].content")}, ` +
        `${unit("'rejected'", "'assistant'", "text", "rejected[-1].content")}, ` +
        `${unit("'score_chosen'", "''", "score", asText("score_chosen"))}, ` +
        `${unit("'score_rejected'", "''", "score", asText("score_rejected"))}]`
      );
    case "ultrafeedback": {
      const at = (what: string) => `'completion ' || i || ' · ${what}'`;
      const parts = [
        unit(at("model"), "'assistant'", "label", "c.model"),
        unit(at("system prompt"), "'system'", "text", "c.custom_system_prompt"),
        unit(at("response"), "'assistant'", "text", "c.response"),
        ...ASPECTS.map((a) =>
          unit(at(`${a.replace(/_/g, " ")} rationale`), "'rater'", "text", `c.annotations.${a}.Rationale`),
        ),
        unit(at("critique"), "'rater'", "text", "c.critique"),
        ...ASPECTS.map((a) =>
          unit(at(`${a.replace(/_/g, " ")} rating`), "'rater'", "score", asText(`c.annotations.${a}.Rating`)),
        ),
        unit(at("overall score"), "'rater'", "score", asText("c.overall_score")),
        unit(at("fine-grained score"), "'rater'", "score", asText(`c."fine-grained_score"`)),
      ];
      return (
        `list_concat([${unit("'instruction'", "'user'", "text", "instruction")}], ` +
        `flatten(list_transform(completions, (c, i) -> [${parts.join(", ")}])))`
      );
    }
    default: {
      const cols = ds.columns.map((c) => unit(str(c), "''", "text", asText(ident(c))));
      return cols.length ? `[${cols.join(", ")}]` : "[]";
    }
  }
}

/**
 * What aligns a row with its partner, per layout: raw UltraChat's `id`; the `prompt_id` of
 * ultrachat_200k and of pairs; UltraFeedback's `id` where the file has one (the legacy layout), else
 * its source and place among that source's rows; another table, the column the user picks; the row
 * number only as a last resort.
 */
export function keySql(
  ds: Pick<DatasetRef, "layout" | "columns">,
  column?: string | null,
): { sql: string; by: string } {
  const has = (c: string) => ds.columns.includes(c);
  switch (ds.layout) {
    case "ultrachat_raw":
      return { sql: "CAST(id AS VARCHAR)", by: "id" };
    case "ultrachat_200k":
    case "ultrafeedback_binarized":
      return { sql: "CAST(prompt_id AS VARCHAR)", by: "prompt_id" };
    case "ultrafeedback": {
      // The released layout has no id (its column is there, empty): then the source and the place in it.
      const place =
        "coalesce(CAST(source AS VARCHAR), '') || '#' || row_number() OVER (PARTITION BY source ORDER BY __row)";
      if (has("id")) return { sql: `coalesce(CAST(id AS VARCHAR), ${place})`, by: "id, else source and place" };
      return { sql: place, by: "source and place within it" };
    }
    default:
      if (column && has(column)) return { sql: asText(ident(column)), by: column };
      return { sql: "CAST(__row AS VARCHAR)", by: "row order" };
  }
}
