import { ASPECTS, ASPECT_LABEL, type Aspect } from "../formats/ratings";
import { ident } from "../sql/ident";
import type { Clause } from "../types";
import { bins, binSelected, categories, grid, keySelected, logBins, numberKey, spanOf, ySpanOf } from "./marks";
import type { ChartSpec, Mark } from "./types";

/** Ratings written as numbers off the 1–5 scale ("0", "7") are a bar of their own, shown when there are any. */
export const OFF_SCALE = "outside 1–5";
const RATING_KEYS = ["1", "2", "3", "4", "5", "N/A"];

function rating(a: Aspect): ChartSpec {
  const r = ident(`r_${a}`);
  const na = ident(`na_${a}`);
  const oos = ident(`oos_${a}`);
  return {
    id: `rating-${a}`,
    title: `${ASPECT_LABEL[a]} ratings`,
    unit: "completions",
    kind: "bars",
    over: "completions",
    fields: [a, `na_${a}`, `oos_${a}`],
    keys: RATING_KEYS,
    tickLabels: { [OFF_SCALE]: "≠1–5" },
    aggregate: () =>
      categories(
        `CASE WHEN ${na} = 1 THEN 'N/A' WHEN ${oos} = 1 THEN '${OFF_SCALE}' WHEN ${r} IS NULL THEN 'none' ELSE ${numberKey(r)} END`,
      ),
    select: (marks) => {
      if (marks.some((m) => m.key === "N/A")) return [{ field: `na_${a}`, op: "on" }];
      if (marks.some((m) => m.key === OFF_SCALE)) return [{ field: `oos_${a}`, op: "on" }];
      const values = marks.map((m) => Number(m.key)).filter(Number.isFinite);
      if (!values.length) return [];
      return [{ field: a, op: "range", range: { min: Math.min(...values), max: Math.max(...values) } }];
    },
    isSelected: (m, clauses) => {
      if (m.key === "N/A") return keySelected(m, clauses, `na_${a}`);
      if (m.key === OFF_SCALE) return keySelected(m, clauses, `oos_${a}`);
      const c = clauses.find((x) => x.field === a);
      const v = Number(m.key);
      return c?.op === "range" && (c.range.min ?? -Infinity) <= v && v <= (c.range.max ?? Infinity);
    },
  };
}

const histogram = (
  id: string,
  title: string,
  field: string,
  expr: string,
  step: number,
  xLabel: string,
): ChartSpec => ({
  id,
  title,
  unit: "completions",
  kind: "histogram",
  over: "completions",
  fields: [field],
  xLabel,
  aggregate: () => bins(expr, step),
  select: (marks) => {
    const range = spanOf(marks);
    return range ? [{ field, op: "range", range }] : [];
  },
  isSelected: (m, clauses) => binSelected(m, clauses, field),
});

const byValue = (
  id: string,
  title: string,
  field: string,
  expr: string,
  over: ChartSpec["over"],
  unit: string,
): ChartSpec => ({
  id,
  title,
  unit,
  kind: "bars",
  over,
  fields: [field],
  aggregate: () => categories(`coalesce(CAST(${expr} AS VARCHAR), '(none)')`),
  select: (marks: Mark[]): Clause[] => [{ field, op: "in", values: marks.map((m) => m.key) }],
  isSelected: (m, clauses) => keySelected(m, clauses, field),
});

/** The charts of raw UltraFeedback: ratings per aspect, scores, their disagreement, who answered, how long. */
export const feedbackCharts: ChartSpec[] = [
  ...ASPECTS.map(rating),
  histogram("overall", "overall_score", "overall", "overall", 1, "overall_score (1–10)"),
  histogram("fine-grained", "fine-grained_score", "fine", "fine", 0.5, "mean of the four ratings"),
  {
    id: "overall-vs-fine",
    title: "overall_score against the fine-grained mean",
    unit: "completions",
    kind: "grid",
    over: "completions",
    fields: ["overall", "fine"],
    xLabel: "overall_score",
    yLabel: "fine-grained mean",
    note: "A cluster at overall 10 with a low fine-grained mean is the 2023 scoring bug (a critique score of 1 × 10).",
    aggregate: () => grid("overall", 1, "fine", 0.5),
    select: (marks) => {
      const x = spanOf(marks);
      const y = ySpanOf(marks);
      return [
        ...(x ? [{ field: "overall", op: "range", range: x } as Clause] : []),
        ...(y ? [{ field: "fine", op: "range", range: y } as Clause] : []),
      ];
    },
    isSelected: (m, clauses) => binSelected(m, clauses, "overall") && binSelected(m, clauses, "fine", "y"),
  },
  byValue("models", "Completions per model", "model", "model", "completions", "completions"),
  byValue("sources", "Prompts per source", "source", "source", "rows", "prompts"),
  byValue("principles", "Completions per principle", "principle", "principle", "completions", "completions"),
  {
    id: "response-length",
    title: "Response length",
    unit: "completions",
    kind: "histogram",
    over: "completions",
    fields: ["response_chars"],
    xLabel: "characters",
    xLog: true,
    aggregate: () => logBins("response_chars"),
    select: (marks) => {
      const range = spanOf(marks);
      return range ? [{ field: "response_chars", op: "range", range }] : [];
    },
    isSelected: (m, clauses) => binSelected(m, clauses, "response_chars"),
  },
];
