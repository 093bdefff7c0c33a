import { columnFieldId, isNumericType } from "../filters/columns";
import type { ColumnStats } from "../layouts/spec";
import { ident } from "../sql/ident";
import { fmt } from "../text/format";
import { bins, binSelected, categories, keySelected, spanOf } from "./marks";
import type { ChartSpec } from "./types";

/** Columns of a table that get a chart, at most. */
export const CHARTED_COLUMNS = 24;
/** Values a column of text shows, the most frequent first. */
const TOP_VALUES = 12;

/** A round bin width that cuts `span` into about 20 bins (1, 2 or 5 times a power of ten). */
export function niceStep(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / 20;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return Number(((m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p).toPrecision(6));
}

const facts = (s: ColumnStats): [string, string][] => [
  ["type", s.type.toLowerCase()],
  ["nulls", `${fmt(s.nulls)} of ${fmt(s.rows)}`],
  ["distinct", fmt(s.distinct)],
  ...(s.first !== null ? ([["range", `${s.first} … ${s.last}`]] as [string, string][]) : []),
];

/** One chart per column, as a dataset viewer shows them: a histogram of numbers, or the most frequent values. */
export function columnCharts(stats: readonly ColumnStats[]): ChartSpec[] {
  return stats.slice(0, CHARTED_COLUMNS).map((s): ChartSpec => {
    const col = ident(s.name);
    const base = {
      id: `column-${s.label}`,
      title: s.label || "(no name)",
      unit: "rows",
      over: "rows" as const,
      facts: facts(s),
    };
    if (isNumericType(s.type) && s.min !== null && s.max !== null && s.max > s.min) {
      const field = columnFieldId("range", s.name);
      return {
        ...base,
        kind: "histogram",
        fields: [field, columnFieldId("in", s.name), columnFieldId("has", s.name)],
        xLabel: s.label,
        aggregate: () => bins(col, niceStep(s.max! - s.min!)),
        select: (marks) => {
          const range = spanOf(marks);
          return range ? [{ field, op: "range", range }] : [];
        },
        isSelected: (m, clauses) => binSelected(m, clauses, field),
      };
    }
    const field = columnFieldId("in", s.name);
    return {
      ...base,
      kind: "bars",
      fields: [field, columnFieldId("range", s.name), columnFieldId("has", s.name)],
      note: s.distinct > TOP_VALUES ? `the ${TOP_VALUES} most frequent of ${fmt(s.distinct)} values` : undefined,
      aggregate: () =>
        `SELECT * FROM (${categories(`CAST(${col} AS VARCHAR)`, `(SELECT ${col} FROM rel WHERE ${col} IS NOT NULL)`)}) ` +
        `ORDER BY n DESC, key LIMIT ${TOP_VALUES}`,
      select: (marks) => [{ field, op: "in", values: marks.map((m) => m.key) }],
      isSelected: (m, clauses) => keySelected(m, clauses, field),
    };
  });
}
