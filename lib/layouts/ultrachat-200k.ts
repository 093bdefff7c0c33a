import { layoutArrowFields } from "../formats/arrow-schema";
import { normalizeUltraChat200k } from "../formats/normalize";
import {
  dialogueFields,
  japaneseSummary,
  charsColumn,
  contentLengths,
  joined,
  messages,
  PREVIEW,
  previewColumn,
  ROW_COLUMN,
  textOrNull,
  turnsColumn,
} from "./common";
import type { LayoutSpec } from "./spec";
import { dialogueCharts } from "../stats/dialogues";

const japanese = japaneseSummary("array_to_string(list_transform(messages, m -> m.content), chr(10))");
const charts = dialogueCharts("list_transform(messages, m -> length(m.content))", japanese);

/** HuggingFaceH4/ultrachat_200k: Parquet of `prompt`, `prompt_id` and `messages` with roles. */
export const ultrachat200k: LayoutSpec = {
  id: "ultrachat_200k",
  label: "UltraChat 200k",
  noun: ["row", "rows"],
  signature: ["messages"],
  required: ["messages"],
  fields: layoutArrowFields.ultrachat200k(),
  normalize: normalizeUltraChat200k,
  derived: (columns) => ({
    preview: `left(${columns.includes("prompt") ? "coalesce(prompt, messages[1].content)" : "messages[1].content"}, ${PREVIEW})`,
    turns: "len(messages)",
    chars: contentLengths("messages"),
  }),
  summaries: [],
  late: [japanese],
  searchText: () => [joined("messages", "m", "m.content")],
  listColumns: () => [ROW_COLUMN, previewColumn("Prompt", "prompt"), turnsColumn(), charsColumn],
  toRecord: (r) => ({
    kind: "dialogue",
    row: Number(r.__row),
    id: textOrNull(r.prompt_id),
    messages: messages(r.messages),
  }),
  filters: dialogueFields(japanese),
  charts: () => charts,
  idSql: "prompt_id",
  stacked: false,
};
