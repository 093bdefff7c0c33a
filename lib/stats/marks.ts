import type { Clause, Range } from "../types";
import type { Mark } from "./types";

/** SQL of a whole number or a decimal as published (4, 7.5), for category keys. */
export const numberKey = (expr: string) =>
  `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${expr} = trunc(${expr}) THEN CAST(CAST(${expr} AS BIGINT) AS VARCHAR) ELSE CAST(${expr} AS VARCHAR) END`;

/** Counts per value of an expression. */
export const categories = (key: string, from = "rel") =>
  `SELECT ${key} AS key, NULL AS lo, NULL AS hi, NULL AS x, NULL AS y, NULL AS ylo, NULL AS yhi, NULL AS total, count(*) AS n FROM ${from} GROUP BY 1`;

/**
 * Counts per bin [lo, lo + step) of a numeric expression; with `cap`, values at or above it share one
 * open bin [cap, …) (its hi is NULL).
 */
export function bins(expr: string, step: number, cap?: number, from = "rel") {
  const v = cap === undefined ? `(${expr})` : `least(${expr}, ${cap})`;
  const lo = `floor(${v} / ${step}) * ${step}`;
  const hi = cap === undefined ? `lo + ${step}` : `CASE WHEN lo >= ${cap} THEN NULL ELSE lo + ${step} END`;
  const key = cap === undefined ? numberKey("lo") : `${numberKey("lo")} || CASE WHEN lo >= ${cap} THEN '+' ELSE '' END`;
  return (
    `SELECT ${key} AS key, lo, ${hi} AS hi, NULL AS x, NULL AS y, NULL AS ylo, NULL AS yhi, NULL AS total, n ` +
    `FROM (SELECT ${lo} AS lo, count(*) AS n FROM ${from} WHERE (${expr}) IS NOT NULL GROUP BY 1)`
  );
}

/** Counts per bin of a long-tailed count (lengths): four bins a decade, from 1. */
export function logBins(expr: string, from = "rel") {
  const k = `floor(log10(greatest(${expr}, 1)) * 4)`;
  return (
    `SELECT CAST(CAST(round(pow(10, k / 4)) AS BIGINT) AS VARCHAR) AS key, round(pow(10, k / 4)) AS lo, ` +
    `round(pow(10, (k + 1) / 4)) AS hi, NULL AS x, NULL AS y, NULL AS ylo, NULL AS yhi, NULL AS total, n ` +
    `FROM (SELECT ${k} AS k, count(*) AS n FROM ${from} WHERE (${expr}) IS NOT NULL GROUP BY 1)`
  );
}

/** Counts per cell of two binned expressions. */
export function grid(xExpr: string, xStep: number, yExpr: string, yStep: number) {
  const xlo = `floor((${xExpr}) / ${xStep}) * ${xStep}`;
  const ylo = `floor((${yExpr}) / ${yStep}) * ${yStep}`;
  return (
    `SELECT ${numberKey("lo")} || ' × ' || ${numberKey("ylo")} AS key, lo, lo + ${xStep} AS hi, ${numberKey("lo")} AS x, ` +
    `${numberKey("ylo")} AS y, ylo, ylo + ${yStep} AS yhi, NULL AS total, n FROM (SELECT ${xlo} AS lo, ${ylo} AS ylo, count(*) AS n ` +
    `FROM rel WHERE (${xExpr}) IS NOT NULL AND (${yExpr}) IS NOT NULL GROUP BY 1, 2)`
  );
}

/** The half-open range [lo, hi) a span of bins covers. */
export function spanOf(marks: Mark[]): Range | null {
  const los = marks.flatMap((m) => (m.lo === null ? [] : [m.lo]));
  if (!los.length) return null;
  // The open last bin of a capped histogram leaves the range open above.
  if (marks.some((m) => m.lo !== null && m.hi === null)) return { min: Math.min(...los), max: null };
  const his = marks.flatMap((m) => (m.hi === null ? [] : [m.hi]));
  return { min: Math.min(...los), max: Math.max(...his), maxExclusive: true };
}

/** The y range a span of grid cells covers. */
export function ySpanOf(marks: Mark[]): Range | null {
  return spanOf(marks.map((m) => ({ ...m, lo: m.ylo, hi: m.yhi })));
}

const within = (lo: number | null, hi: number | null, r: Range) =>
  lo !== null &&
  (r.min === null || lo >= r.min) &&
  (r.max === null || (hi !== null && (r.maxExclusive ? hi <= r.max : lo <= r.max)));

/** Whether a bin lies in the range clause on `field`. */
export function binSelected(mark: Mark, clauses: readonly Clause[], field: string, axis: "x" | "y" = "x"): boolean {
  const c = clauses.find((x) => x.field === field && x.op === "range");
  if (!c || c.op !== "range") return false;
  return axis === "x" ? within(mark.lo, mark.hi, c.range) : within(mark.ylo, mark.yhi, c.range);
}

/** Whether a category is among the values of the clause on `field`. */
export function keySelected(mark: Mark, clauses: readonly Clause[], field: string): boolean {
  const c = clauses.find((x) => x.field === field);
  if (!c) return false;
  if (c.op === "in") return c.values.includes(mark.key);
  if (c.op === "is") return c.value === mark.key;
  if (c.op === "range") return c.range.min !== null && String(c.range.min) === mark.key && c.range.min === c.range.max;
  return c.op === "on";
}
