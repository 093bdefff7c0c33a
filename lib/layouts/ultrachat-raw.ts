import { layoutArrowFields } from "../formats/arrow-schema";
import { normalizeUltraChatRaw, rolesFromPosition } from "../formats/normalize";
import {
  charsColumn,
  dialogueFields,
  japaneseSummary,
  joined,
  PREVIEW,
  previewColumn,
  ROW_COLUMN,
  text,
  textOrNull,
  turnsColumn,
} from "./common";
import type { LayoutSpec } from "./spec";
import { dialogueCharts } from "../stats/dialogues";

const japanese = japaneseSummary("array_to_string(data, chr(10))");
const charts = dialogueCharts("list_transform(data, x -> length(x))", japanese);

/** stingning/ultrachat: JSON Lines of `{id, data}`, turns without roles (even turns are the user's). */
export const ultrachatRaw: LayoutSpec = {
  id: "ultrachat_raw",
  label: "UltraChat (raw)",
  noun: ["row", "rows"],
  signature: ["data"],
  required: ["data"],
  fields: layoutArrowFields.ultrachatRaw(),
  normalize: normalizeUltraChatRaw,
  derived: () => ({
    preview: `left(data[1], ${PREVIEW})`,
    turns: "len(data)",
    chars: "coalesce(list_sum(list_transform(data, x -> length(x))), 0)",
  }),
  summaries: [],
  late: [japanese],
  searchText: () => ["id", joined("data", "x", "x")],
  listColumns: () => [ROW_COLUMN, previewColumn("Prompt", "first user turn"), turnsColumn(), charsColumn],
  toRecord: (r) => ({
    kind: "dialogue",
    row: Number(r.__row),
    id: textOrNull(r.id),
    messages: rolesFromPosition(((r.data as unknown[] | null) ?? []).map(text)),
  }),
  filters: dialogueFields(japanese),
  charts: () => charts,
  idSql: "id",
  stacked: false,
};
