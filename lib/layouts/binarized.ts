import { rangeField, type FilterField } from "../filters/field";
import { layoutArrowFields } from "../formats/arrow-schema";
import { normalizeBinarized } from "../formats/normalize";
import {
  charsColumn,
  contentLengths,
  joined,
  messages,
  num,
  PREVIEW,
  previewColumn,
  ROW_COLUMN,
  text,
  textOrNull,
} from "./common";
import type { LayoutSpec, ListColumn } from "./spec";
import { pairCharts } from "../stats/pairs";

const ties: FilterField = {
  id: "ties",
  op: "is",
  label: "Ties",
  level: "row",
  param: "ties",
  accepts: (c) => c.op === "is" && (c.value === "only" || c.value === "none"),
  predicate: (c) =>
    c.op !== "is"
      ? null
      : c.value === "only"
        ? "score_chosen = score_rejected"
        : c.value === "none"
          ? "score_chosen <> score_rejected"
          : null,
  describe: (c) => (c.op === "is" && c.value === "none" ? "no ties" : "ties only"),
  choices: () => [
    { value: "", label: "ties and non-ties" },
    { value: "only", label: "ties only" },
    { value: "none", label: "no ties" },
  ],
};

/** Characters of a side's answers (its assistant turns). */
const answerChars = (side: string) =>
  `CAST(coalesce(list_sum(list_transform(list_filter(${side}, m -> m.role = 'assistant'), m -> length(m.content))), 0) AS BIGINT)`;

const longer: FilterField = {
  id: "longer",
  op: "is",
  label: "Longer answer",
  level: "row",
  param: "longer",
  hidden: true,
  accepts: (c) => c.op === "is" && ["chosen", "rejected", "same"].includes(c.value),
  predicate: (c) =>
    c.op !== "is"
      ? null
      : c.value === "chosen"
        ? "__chosen_chars > __rejected_chars"
        : c.value === "rejected"
          ? "__chosen_chars < __rejected_chars"
          : "__chosen_chars = __rejected_chars",
  describe: (c) =>
    c.op === "is" && c.value === "same"
      ? "answers of the same length"
      : `the ${c.op === "is" ? c.value : ""} answer is longer`,
};

const score = (id: string, header: string, title: string, width: number): ListColumn => ({
  id,
  header,
  title,
  kind: "score",
  width,
  sql: id,
  descFirst: true,
});

/** HuggingFaceH4/ultrafeedback_binarized: a prompt, the chosen and the rejected answer, their scores. */
export const binarized: LayoutSpec = {
  id: "ultrafeedback_binarized",
  label: "UltraFeedback binarized",
  noun: ["pair", "pairs"],
  signature: ["chosen", "rejected", "score_chosen", "score_rejected"],
  required: ["prompt", "chosen", "rejected", "score_chosen", "score_rejected"],
  fields: layoutArrowFields.binarized(),
  normalize: normalizeBinarized,
  derived: () => ({
    preview: `left(prompt, ${PREVIEW})`,
    turns: "len(chosen)",
    chars: `${contentLengths("chosen")} + ${contentLengths("rejected")}`,
  }),
  summaries: [
    ["__margin", "CAST(score_chosen AS DOUBLE) - CAST(score_rejected AS DOUBLE)"],
    ["__chosen_chars", answerChars("chosen")],
    ["__rejected_chars", answerChars("rejected")],
  ],
  searchText: () => ["prompt", joined("chosen", "m", "m.content"), joined("rejected", "m", "m.content")],
  listColumns: () => [
    ROW_COLUMN,
    previewColumn("Prompt", "prompt"),
    score("score_chosen", "Chosen", "score_chosen", 76),
    score("score_rejected", "Rejected", "score_rejected", 84),
    { ...score("__margin", "Margin", "margin: score_chosen minus score_rejected", 72), name: "margin", kind: "margin" },
    charsColumn,
  ],
  toRecord: (r) => ({
    kind: "pair",
    row: Number(r.__row),
    id: textOrNull(r.prompt_id),
    prompt: text(r.prompt),
    chosen: messages(r.chosen),
    rejected: messages(r.rejected),
    scoreChosen: num(r.score_chosen),
    scoreRejected: num(r.score_rejected),
  }),
  filters: [
    rangeField("chosen", "Chosen score", "row", "score_chosen", { min: 1, max: 10, step: 0.5 }),
    rangeField("rejected", "Rejected score", "row", "score_rejected", { min: 1, max: 10, step: 0.5 }),
    rangeField("margin", "Margin", "row", "__margin", { min: 0, max: 9, step: 0.5 }),
    ties,
    longer,
    {
      ...rangeField("length_diff", "Length difference", "row", "__chosen_chars - __rejected_chars", {
        min: -1e9,
        max: 1e9,
        step: 1,
      }),
      hidden: true,
    },
  ],
  charts: () => pairCharts,
  idSql: "prompt_id",
  stacked: true,
  rawPartner: "ultrafeedback",
};
