import type { Connector, Query } from "../engine/types";
import { activeClauses, completionPredicates, scopeModel, whereClause } from "../filters/where";
import { specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef, ListState } from "../types";
import type { ChartContext, ChartSpec, Mark } from "./types";

export interface ChartResult {
  spec: ChartSpec;
  marks: Mark[];
}

/**
 * The statements that count the charts: charts that leave out the same clauses share one statement,
 * which reads the selected rows (and their completions) once and counts every chart of the group
 * from them (UNION ALL over one materialized relation).
 */
export function statsQueries(
  ds: DatasetRef,
  state: ListState,
  charts: readonly ChartSpec[],
  ctx: ChartContext,
): { charts: ChartSpec[]; query: Query }[] {
  const active = new Set(activeClauses(ds, state.clauses).map((c) => c.field));
  const groups = new Map<string, ChartSpec[]>();
  for (const chart of charts) {
    const own = chart.fields.filter((f) => active.has(f)).sort();
    const key = JSON.stringify(own);
    groups.set(key, [...(groups.get(key) ?? []), chart]);
  }
  const companion = specOf(ds.layout).companion;
  return [...groups].map(([key, group]) => {
    const except = JSON.parse(key) as string[];
    const params = new Params();
    const where = whereClause(ds, state, params, except);
    const table = ident(ds.table);
    // The selection is kept as row numbers only: each chart then reads just the columns it counts.
    const ctes = where
      ? [
          `sel AS MATERIALIZED (SELECT __row FROM ${table} ${where})`,
          `rel_rows AS (SELECT * FROM ${table} WHERE __row IN (SELECT __row FROM sel))`,
        ]
      : [`rel_rows AS (SELECT * FROM ${table})`];
    if (companion && group.some((c) => c.over === "completions")) {
      const conds: string[] = [];
      if (where) conds.push(`c.__row IN (SELECT __row FROM sel)`);
      const predicate = completionPredicates(ds, state.clauses ?? [], params, except);
      if (predicate) conds.push(`(${predicate})`);
      const model = scopeModel(ds, state.clauses);
      if (model !== null) conds.push(`c.model = ${params.add(model)}`);
      ctes.push(
        `rel_completions AS MATERIALIZED (SELECT c.* FROM ${ident(`${ds.table}${companion.suffix}`)} c` +
          `${conds.length ? ` WHERE ${conds.join(" AND ")}` : ""})`,
      );
    }
    const arms = group.map(
      (chart, i) =>
        `SELECT CAST(${i} AS INTEGER) AS chart, CAST(key AS VARCHAR) AS key, CAST(lo AS DOUBLE) AS lo, ` +
        `CAST(hi AS DOUBLE) AS hi, CAST(x AS VARCHAR) AS x, CAST(y AS VARCHAR) AS y, CAST(ylo AS DOUBLE) AS ylo, ` +
        `CAST(yhi AS DOUBLE) AS yhi, CAST(total AS BIGINT) AS total, CAST(n AS BIGINT) AS n FROM ` +
        `(WITH rel AS (FROM rel_${chart.over}) ${chart.aggregate(ds, ctx)})`,
    );
    return {
      charts: group,
      query: { sql: `WITH ${ctes.join(", ")} ${arms.join(" UNION ALL ")}`, params: params.values },
    };
  });
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Every chart of a dataset, counted over the current selection, each with the clauses but its own. */
export async function fetchCharts(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  charts: readonly ChartSpec[],
  ctx: ChartContext,
): Promise<ChartResult[]> {
  const shown = charts.filter((c) => c.available?.(ctx) ?? true);
  const results = new Map<ChartSpec, Mark[]>(shown.map((c) => [c, []]));
  await Promise.all(
    statsQueries(ds, state, shown, ctx).map(async ({ charts: group, query }) => {
      for (const r of (await db.query(query.sql, query.params)).rows) {
        const spec = group[Number(r.chart)]!;
        results.get(spec)!.push({
          key: String(r.key ?? ""),
          n: Number(r.n),
          lo: num(r.lo),
          hi: num(r.hi),
          x: r.x === null || r.x === undefined ? null : String(r.x),
          y: r.y === null || r.y === undefined ? null : String(r.y),
          ylo: num(r.ylo),
          yhi: num(r.yhi),
          total: num(r.total),
        });
      }
    }),
  );
  return shown.map((spec) => ({ spec, marks: ordered(spec, results.get(spec)!) }));
}

/** Marks in reading order: the fixed keys first (at zero when absent), bins by their start, the rest by count. */
function ordered(spec: ChartSpec, marks: Mark[]): Mark[] {
  const empty = (key: string): Mark => ({
    key,
    n: 0,
    lo: null,
    hi: null,
    x: null,
    y: null,
    ylo: null,
    yhi: null,
    total: null,
  });
  if (spec.keys) {
    const fixed = spec.keys.map((k) => marks.find((m) => m.key === k) ?? empty(k));
    return [...fixed, ...marks.filter((m) => !spec.keys!.includes(m.key)).sort((a, b) => a.key.localeCompare(b.key))];
  }
  if (spec.kind !== "bars") {
    return [...marks].sort((a, b) => (a.lo ?? 0) - (b.lo ?? 0) || (a.ylo ?? 0) - (b.ylo ?? 0));
  }
  return [...marks].sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}
