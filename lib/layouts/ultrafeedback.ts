import { flagField, rangeField, valuesField, type FilterField } from "../filters/field";
import { layoutArrowFields } from "../formats/arrow-schema";
import type { UfCompletion } from "../formats/canonical";
import { normalizeUltraFeedback } from "../formats/normalize";
import { ASPECTS, ASPECT_LABEL } from "../formats/ratings";
import { feedbackCharts } from "../stats/feedback";
import { ident } from "../sql/ident";
import { PREVIEW, previewColumn, ROW_COLUMN, text, textOrNull, turnsColumn } from "./common";
import type { LayoutSpec, ListColumn } from "./spec";
import {
  completionSelect,
  completionTable,
  completionText,
  feedbackSummaries,
  COMPLETION_FACTS,
  aspectRating,
  ratingNumber,
} from "./ultrafeedback-sql";
import type { Params } from "../sql/params";

export const DEFAULT_DISAGREEMENT = 2.5;
/** The field the model summary filters by when a model is clicked. */
export const MODEL_FIELD = "model";

/** Placeholders such as ["None"] carry no answers. */
function answers(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const list = v.map(text).filter((s) => s.trim() !== "");
  return list.length === 1 && list[0] === "None" ? [] : list;
}

const completionFacet = (column: string) => (ds: { table: string }) => ({
  sql:
    `SELECT ${ident(column)} AS value, count(DISTINCT __row) AS n FROM ${ident(completionTable(ds.table))} ` +
    `WHERE ${ident(column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  params: [] as [],
});

const scope: FilterField = {
  id: "scope",
  op: "is",
  label: "Ratings of",
  level: "scope",
  param: "scope",
  accepts: (c) => c.op === "is" && (c.value === "all" || (c.value.startsWith("model:") && c.value.length > 6)),
  predicate: () => null,
  describe: (c) =>
    c.op === "is" && c.value === "all"
      ? `ratings of all completions${c.na === "skip" ? " (N/A skipped)" : ""}`
      : `ratings of ${c.op === "is" ? c.value.slice(6) : ""}`,
  naChoice: true,
  choices: (facets) => [
    { value: "", label: "any completion" },
    { value: "all", label: "all completions" },
    ...(facets.model ?? []).map((m) => ({ value: `model:${m.value}`, label: m.value, group: "the completion of" })),
  ],
};

const disagree: FilterField = {
  id: "disagree",
  op: "at-least",
  label: "overall vs fine-grained gap ≥",
  level: "completion",
  param: "disagree",
  defaultValue: DEFAULT_DISAGREEMENT,
  bounds: { min: 0.25, max: 4.5, step: 0.25 },
  help: "Completions whose overall_score, halved to the 1–5 scale, is this far or farther from the mean of the four ratings",
  predicate: (c, { params }) => (c.op === "at-least" ? `abs(overall / 2 - fine) >= ${params.add(c.value)}` : null),
  describe: (c) => `overall vs fine-grained gap ≥ ${c.op === "at-least" ? c.value : ""}`,
};

const models: FilterField = {
  ...valuesField(MODEL_FIELD, "Models", "row", "model"),
  predicate: (c, { ds, params }) =>
    c.op === "in" && c.values.length
      ? `__row IN (SELECT __row FROM ${ident(completionTable(ds.table))} WHERE model IN (${c.values.map((v) => params.add(v)).join(", ")}))`
      : null,
  facet: completionFacet("model"),
};

const FILTERS: FilterField[] = [
  scope,
  ...ASPECTS.map((a) => rangeField(a, ASPECT_LABEL[a], "completion", ident(`r_${a}`), { min: 1, max: 5, step: 1 })),
  rangeField("overall", "Overall", "completion", "overall", { min: 1, max: 10, step: 0.5 }),
  rangeField("fine", "Fine-grained", "completion", "fine", { min: 1, max: 5, step: 0.25 }),
  disagree,
  { ...valuesField("principle", "Principles", "completion", "principle"), facet: completionFacet("principle") },
  models,
  {
    ...valuesField("source", "Sources", "row", "source"),
    facet: (ds) => ({
      sql: `SELECT source AS value, count(*) AS n FROM ${ident(ds.table)} WHERE source IS NOT NULL GROUP BY 1 ORDER BY 1`,
      params: [],
    }),
  },
  flagField("na", "has an N/A rating", "__na > 0"),
  flagField("oos", "has a rating outside 1–5", "__oos > 0"),
  // Set from the charts: one aspect rated N/A or off the scale, and a response's length.
  ...ASPECTS.flatMap((a): FilterField[] => [
    {
      id: `na_${a}`,
      op: "on",
      label: `${ASPECT_LABEL[a]} N/A`,
      level: "completion",
      param: `na_${a}`,
      hidden: true,
      predicate: () => `${ident(`na_${a}`)} = 1`,
      describe: () => `${ASPECT_LABEL[a].toLowerCase()} rated N/A`,
    },
    {
      id: `oos_${a}`,
      op: "on",
      label: `${ASPECT_LABEL[a]} outside 1–5`,
      level: "completion",
      param: `oos_${a}`,
      hidden: true,
      predicate: () => `${ident(`oos_${a}`)} = 1`,
      describe: () => `${ASPECT_LABEL[a].toLowerCase()} rated outside 1–5`,
    },
  ]),
  {
    ...rangeField("response_chars", "Response length", "completion", "response_chars", { min: 0, max: 1e6, step: 1 }),
    hidden: true,
  },
];

const num = (id: string, header: string, title: string, kind: ListColumn["kind"], width: number, group?: string) =>
  ({
    id,
    name: id.replace(/^__/, ""),
    header,
    title,
    kind,
    width,
    group,
    sql: id,
    descFirst: true,
  }) satisfies ListColumn;

const COLUMNS: ListColumn[] = [
  ROW_COLUMN,
  previewColumn("Instruction", "instruction"),
  { id: "source", header: "Source", title: "source", kind: "value", width: 96, sql: "source" },
  {
    id: "__models",
    name: "models",
    header: "Models",
    title: "models",
    kind: "models",
    width: 200,
    sql: "__models",
    highlight: true,
  },
  ...ASPECTS.flatMap((a) => [
    num(
      `__mean_${a}`,
      "avg",
      `${ASPECT_LABEL[a].toLowerCase()} mean over the completions (N/A left out)`,
      "mean",
      58,
      ASPECT_LABEL[a],
    ),
    num(
      `__spread_${a}`,
      "Δ",
      `${ASPECT_LABEL[a].toLowerCase()} spread: highest minus lowest rating`,
      "spread",
      50,
      ASPECT_LABEL[a],
    ),
  ]),
  num("__overall_min", "min", "lowest overall_score of the completions", "score", 50, "Overall score"),
  num("__overall_max", "max", "highest overall_score of the completions", "score", 50, "Overall score"),
  num("__na", "N/A", "number of N/A ratings", "na", 48),
  turnsColumn("Compl.", "number of completions"),
];

/** The first completion of a model, in a row's completions; its name is bound, never written into the SQL. */
const ofModel = (params: Params, model: string) => `list_filter(completions, c -> c.model = ${params.add(model)})[1]`;

/** The list with "Ratings of: <model>": that model's own ratings, overall and fine-grained score. */
function modelColumns(model: string): ListColumn[] {
  const group = `ratings of ${model}`;
  const own = (
    id: string,
    header: string,
    title: string,
    kind: ListColumn["kind"],
    width: number,
    value: (c: string) => string,
    group?: string,
  ): ListColumn => ({
    id,
    name: id.replace(/^__/, ""),
    header,
    title: `${model}: ${title}`,
    kind,
    width,
    group,
    // Names the column in keys; the statement binds the model.
    sql: `${id}(${JSON.stringify(model)})`,
    bound: (params) => value(ofModel(params, model)),
    descFirst: true,
  });
  return [
    ...COLUMNS.slice(0, 4),
    ...ASPECTS.map((a) =>
      own(
        `__own_${a}`,
        ASPECT_LABEL[a],
        `its ${ASPECT_LABEL[a].toLowerCase()} rating`,
        "rating",
        92,
        (c) => ratingNumber(aspectRating(c, a)),
        group,
      ),
    ),
    own(
      "__own_overall",
      "overall",
      "its overall_score",
      "score",
      64,
      (c) => `TRY_CAST(${c}.overall_score AS DOUBLE)`,
      group,
    ),
    own(
      "__own_fine",
      "fine-grained",
      "its fine-grained_score",
      "spread",
      84,
      (c) => `TRY_CAST(${c}."fine-grained_score" AS DOUBLE)`,
      group,
    ),
    ...COLUMNS.slice(-2),
  ];
}

/** openbmb/UltraFeedback: one instruction, its completions, each rated on four aspects (both layouts). */
export const ultrafeedback: LayoutSpec = {
  id: "ultrafeedback",
  label: "UltraFeedback",
  noun: ["prompt", "prompts"],
  signature: ["completions"],
  required: ["instruction", "completions"],
  fields: layoutArrowFields.ultrafeedback(),
  normalize: normalizeUltraFeedback,
  derived: () => ({
    preview: `left(instruction, ${PREVIEW})`,
    turns: "len(completions)",
    chars: "length(instruction) + coalesce(list_sum(list_transform(completions, c -> length(c.response))), 0)",
  }),
  summaries: feedbackSummaries(),
  companion: { suffix: "__c", readable: "_completions", select: completionSelect, hidden: COMPLETION_FACTS },
  searchText: () => ["instruction", completionText],
  listColumns: () => COLUMNS,
  modelColumns,
  toRecord: (r) => ({
    kind: "feedback",
    row: Number(r.__row),
    id: textOrNull(r.id),
    source: textOrNull(r.source),
    instruction: text(r.instruction),
    completions: Array.isArray(r.completions) ? (r.completions as UfCompletion[]) : [],
    correctAnswers: answers(r.correct_answers),
    incorrectAnswers: answers(r.incorrect_answers),
  }),
  filters: FILTERS,
  completionWhere(predicates, scopeValue, { ds, params, na }) {
    const c = ident(completionTable(ds.table));
    const predicate = predicates.length ? predicates.join(" AND ") : null;
    if (scopeValue?.startsWith("model:")) {
      const model = `model = ${params.add(scopeValue.slice(6))}`;
      return `__row IN (SELECT __row FROM ${c} WHERE ${predicate ? `${model} AND ${predicate}` : model})`;
    }
    if (!predicate) return null;
    // Every rated completion meets it and at least one does: an N/A rating is left out.
    if (scopeValue === "all" && na === "skip")
      return `(__row IN (SELECT __row FROM ${c} WHERE ${predicate}) AND __row NOT IN (SELECT __row FROM ${c} WHERE NOT coalesce(${predicate}, true)))`;
    // Every completion meets it: none fails it (an N/A rating fails), and there is at least one.
    if (scopeValue === "all")
      return `(__turns > 0 AND __row NOT IN (SELECT __row FROM ${c} WHERE NOT coalesce(${predicate}, false)))`;
    return `__row IN (SELECT __row FROM ${c} WHERE ${predicate})`;
  },
  charts: () => feedbackCharts,
  idSql: "coalesce(id, sha256(instruction))",
  stacked: true,
  modelSummary: true,
};
