"use client";
import { useMemo } from "react";
import { markChart, marksOf } from "@/lib/marks/sql";
import { useMarksContext } from "@/components/marks/use-marks";
import { specOf } from "@/lib/layouts/registry";
import { listKey } from "@/lib/sql/list";
import { fetchFieldInfo } from "@/lib/stats/field-info";
import { fetchCharts } from "@/lib/stats/query";
import type { Mark } from "@/lib/stats/types";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useQuery } from "@/components/query/use-query";
import { PlotChart } from "./plot-chart";

interface Props {
  ds: LoadedDataset;
  state: ListState;
  /** Raw rows the dataset's rows come from, when loaded beside (binarized → raw UltraFeedback). */
  partner: LoadedDataset | null;
  onClauses: (clauses: Clause[]) => void;
}

const NONE: never[] = [];

/**
 * Charts of the rows listed, counted in SQL: each counts with every clause but its own, so it shows the
 * context of its selection; a click on a mark sets the same clause as the filter bar (the URL), and
 * every chart and the list follow.
 */
export function StatsPanel({ ds, state, partner, onClauses }: Props) {
  const spec = specOf(ds.layout);
  const info = useQuery(
    spec.chartsFromColumns && !ds.loading ? [ds.table, ds.rows, "field-info"] : null,
    (db) => fetchFieldInfo(db, ds),
    "panel",
    ds.engine,
  );
  // The marks chart comes with the first mark; its counts follow every change of them.
  useMarksContext();
  const marks = markChart(ds);
  const marksVersion = marks ? (marksOf(ds)?.version ?? 0) : -1;
  const specs = useMemo(
    () => [...(marks ? [marks] : []), ...spec.charts(ds, info.data ?? NONE)],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `marksVersion` stands for the marks chart
    [spec, ds, info.data, marksVersion],
  );
  const ctx = useMemo(() => ({ partner: partner ?? null }), [partner]);
  const result = useQuery(
    [listKey(ds, state), partner?.table ?? null, specs.map((c) => c.id), marksVersion],
    (db) => fetchCharts(db, ds, state, specs, ctx),
    "panel",
    ds.engine,
  );
  const clauses = state.clauses ?? NONE;

  function pick(spec: (typeof specs)[number], marks: Mark[]) {
    const next = spec.select?.(marks) ?? [];
    // A second click on what is selected takes the selection back.
    const again = marks.length === 1 && (spec.isSelected?.(marks[0]!, clauses) ?? false);
    const kept = clauses.filter((c) => !spec.fields.includes(c.field));
    onClauses(again ? kept : [...kept, ...next]);
  }

  return (
    <section data-testid="stats-panel" aria-label="Charts" className="min-h-0 overflow-y-auto bg-white p-3">
      <header className="mb-2 flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
        <h2 className="text-sm font-semibold text-slate-700">Charts</h2>
        <span>
          over the {spec.noun[1]} listed{result.pending ? " …" : ""}; each chart leaves out its own filter. Click a bar
          to filter, drag over bins for a range, click again to clear.
        </span>
        {result.error && <span className="text-rose-700">{result.error.message}</span>}
      </header>
      <div
        className={`grid gap-3 ${result.stale ? "opacity-70" : ""}`}
        aria-busy={Boolean(result.stale)}
        style={{ gridTemplateColumns: "repeat(auto-fill, minmax(22rem, 1fr))" }}
      >
        {(result.data ?? []).map(({ spec: chart, marks }) => {
          const total = marks.reduce((s, m) => s + m.n, 0);
          const summary = chart.summary?.(marks);
          return (
            <figure
              key={chart.id}
              data-testid="chart"
              data-chart={chart.id}
              data-total={total}
              className="min-w-0 rounded border border-slate-200 p-2"
            >
              <figcaption className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs">
                <span className="font-semibold text-slate-700">{chart.title}</span>
                <span className="text-slate-600">
                  {fmt(total)} {chart.unit}
                </span>
                {summary && <span className="basis-full text-slate-600">{summary}</span>}
              </figcaption>
              {chart.facts && (
                <dl className="mb-1 grid grid-cols-[max-content_1fr] gap-x-2 text-[11px] text-slate-600">
                  {chart.facts.map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="text-slate-600">{k}</dt>
                      <dd className="truncate">{v}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {marks.length > 0 ? (
                <PlotChart spec={chart} marks={marks} clauses={clauses} onSelect={(m) => pick(chart, m)} />
              ) : (
                <p className="py-6 text-center text-xs text-slate-600">Nothing to count.</p>
              )}
              {chart.note && <p className="mt-1 text-[11px] text-slate-600">{chart.note}</p>}
            </figure>
          );
        })}
      </div>
    </section>
  );
}
