import type { LayoutId } from "../formats/layouts";
import { ident } from "./ident";

/** Columns computed once at ingest so listing, sorting and counting never walk nested text. */
export const DERIVED = ["__row", "__preview", "__turns", "__chars"] as const;

const PREVIEW = 240;
const contentLengths = (list: string) => `coalesce(list_sum(list_transform(${list}, m -> length(m.content))), 0)`;

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
    "*",
  ].join(", ");
}
