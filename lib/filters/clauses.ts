import type { Clause, Range } from "../types";

/** The clause on a field, if any. */
export function clauseOf<Op extends Clause["op"]>(
  clauses: readonly Clause[],
  field: string,
  op?: Op,
): Extract<Clause, { op: Op }> | undefined {
  const c = clauses.find((x) => x.field === field && (op === undefined || x.op === op));
  return c as Extract<Clause, { op: Op }> | undefined;
}

/** The clauses with the one on `field` replaced (or removed when `next` is null), keeping their order. */
export function withClause(clauses: readonly Clause[], field: string, next: Clause | null): Clause[] {
  const at = clauses.findIndex((c) => c.field === field);
  if (next === null) return clauses.filter((c) => c.field !== field);
  if (at === -1) return [...clauses, next];
  return clauses.map((c, i) => (i === at ? next : c));
}

export const rangeClause = (field: string, range: Range | null): Clause | null =>
  range && (range.min !== null || range.max !== null) ? { field, op: "range", range } : null;

export const valuesClause = (field: string, values: string[]): Clause | null =>
  values.length ? { field, op: "in", values } : null;
