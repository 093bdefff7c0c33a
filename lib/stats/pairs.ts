import { ident } from "../sql/ident";
import type { Clause } from "../types";
import { bins, binSelected, categories, grid, spanOf, ySpanOf } from "./marks";
import type { ChartSpec } from "./types";

const LONGER = `CASE WHEN __chosen_chars > __rejected_chars THEN 'chosen longer' WHEN __chosen_chars < __rejected_chars THEN 'rejected longer' ELSE 'same length' END`;
const LONGER_VALUE: Record<string, string> = {
  "chosen longer": "chosen",
  "rejected longer": "rejected",
  "same length": "same",
};

const percent = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : "—");

/** The charts of ultrafeedback_binarized: both scores, the margin, ties, and whether longer answers win. */
export const pairCharts: ChartSpec[] = [
  {
    id: "chosen-vs-rejected",
    title: "score_chosen against score_rejected",
    unit: "pairs",
    kind: "grid",
    over: "rows",
    fields: ["chosen", "rejected"],
    xLabel: "score_chosen",
    yLabel: "score_rejected",
    aggregate: () => grid("score_chosen", 1, "score_rejected", 1),
    select: (marks) => {
      const x = spanOf(marks);
      const y = ySpanOf(marks);
      return [
        ...(x ? [{ field: "chosen", op: "range", range: x } as Clause] : []),
        ...(y ? [{ field: "rejected", op: "range", range: y } as Clause] : []),
      ];
    },
    isSelected: (m, clauses) => binSelected(m, clauses, "chosen") && binSelected(m, clauses, "rejected", "y"),
  },
  {
    id: "margin",
    title: "Margin (score_chosen − score_rejected)",
    unit: "pairs",
    kind: "histogram",
    over: "rows",
    fields: ["margin"],
    xLabel: "margin",
    aggregate: () => bins("__margin", 0.5),
    select: (marks) => {
      const range = spanOf(marks);
      return range ? [{ field: "margin", op: "range", range }] : [];
    },
    isSelected: (m, clauses) => binSelected(m, clauses, "margin"),
  },
  {
    id: "ties",
    title: "Ties",
    unit: "pairs",
    kind: "bars",
    over: "rows",
    fields: ["ties"],
    keys: ["tie", "no tie"],
    aggregate: () => categories(`CASE WHEN score_chosen = score_rejected THEN 'tie' ELSE 'no tie' END`),
    select: (marks) =>
      marks.length === 1 ? [{ field: "ties", op: "is", value: marks[0]!.key === "tie" ? "only" : "none" }] : [],
    isSelected: (m, clauses) => {
      const c = clauses.find((x) => x.field === "ties");
      return c?.op === "is" && (c.value === "only") === (m.key === "tie");
    },
    summary: (marks) => {
      const ties = marks.find((m) => m.key === "tie")?.n ?? 0;
      return `${percent(
        ties,
        marks.reduce((s, m) => s + m.n, 0),
      )} of the pairs are ties`;
    },
  },
  {
    id: "length-bias",
    title: "Which answer is longer",
    unit: "pairs",
    kind: "bars",
    over: "rows",
    fields: ["longer"],
    keys: ["chosen longer", "same length", "rejected longer"],
    aggregate: () => categories(LONGER),
    select: (marks) => (marks.length === 1 ? [{ field: "longer", op: "is", value: LONGER_VALUE[marks[0]!.key]! }] : []),
    isSelected: (m, clauses) => {
      const c = clauses.find((x) => x.field === "longer");
      return c?.op === "is" && LONGER_VALUE[m.key] === c.value;
    },
    summary: (marks) => {
      const chosen = marks.find((m) => m.key === "chosen longer")?.n ?? 0;
      return `the chosen answer is longer in ${percent(
        chosen,
        marks.reduce((s, m) => s + m.n, 0),
      )} of the pairs`;
    },
  },
  {
    id: "length-difference",
    title: "Chosen minus rejected length",
    unit: "pairs",
    kind: "histogram",
    over: "rows",
    fields: ["length_diff"],
    xLabel: "characters (bins of 500; 4,000 and more together)",
    aggregate: () => bins("__chosen_chars - __rejected_chars", 500, 4000),
    select: (marks) => {
      const range = spanOf(marks);
      return range ? [{ field: "length_diff", op: "range", range }] : [];
    },
    isSelected: (m, clauses) => binSelected(m, clauses, "length_diff"),
  },
  {
    id: "length-bias-by-source",
    title: "Chosen answer longer, per source",
    unit: "pairs",
    kind: "bars",
    over: "rows",
    fields: [],
    note: "Sources come from the raw UltraFeedback rows loaded beside, matched by prompt (an instruction in several rows takes the source of the first).",
    available: (ctx) => ctx.partner !== null,
    aggregate: (_ds, ctx) =>
      `SELECT coalesce(p.source, '(not in the raw rows)') AS key, NULL AS lo, NULL AS hi, NULL AS x, NULL AS y, ` +
      `NULL AS ylo, NULL AS yhi, count(*) AS total, count(*) FILTER (WHERE __chosen_chars > __rejected_chars) AS n ` +
      `FROM rel LEFT JOIN (SELECT instruction, arg_min(source, __row) AS source FROM ${ident(ctx.partner!.table)} GROUP BY 1) p ` +
      `ON rel.prompt = p.instruction GROUP BY 1`,
  },
];
