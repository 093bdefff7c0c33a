"use client";
import { pairingOf } from "@/lib/pairs/align";
import { pairReport } from "@/lib/pairs/report";
import { pairSettings } from "@/lib/pairs/rules";
import { listKey } from "@/lib/sql/list";
import { fmt, isolate } from "@/lib/text/format";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

/**
 * The checks of the pair open beside the dataset: each flag a line, counted over every row and over
 * the listed ones; a click lists exactly its rows (`pf=` in the link), as a check line does.
 */
export function PairSection({
  ds,
  state,
  onClauses,
}: {
  ds: LoadedDataset;
  state: ListState;
  onClauses: (clauses: Clause[]) => void;
}) {
  const stored = pairingOf(ds);
  const settings = pairSettings(state.checks);
  const report = useQuery(
    stored ? [listKey(ds, state), stored.table, "pair-report"] : null,
    (db) => pairReport(db, ds, state, settings),
    "panel",
    ds.engine,
  );
  if (!stored) return null;
  const clauses = state.clauses ?? [];
  const active = clauses.find((c) => c.field === "pf");
  const activeId = active?.op === "is" ? active.value : null;
  const pick = (id: string) => {
    const others = clauses.filter((c) => c.field !== "pf");
    onClauses(activeId === id ? others : [...others, { field: "pf", op: "is", value: id }]);
  };
  const { summary } = stored;
  return (
    <section
      data-testid="pair-checks"
      aria-label="Pair checks"
      className="flex flex-col gap-1 border-t border-slate-200 pt-3"
    >
      <h3 className="text-sm font-semibold text-slate-700">
        Beside <bdi>{isolate(summary.right.name)}</bdi> (
        {summary.kind === "translation" ? "a translation" : "another version"})
      </h3>
      {report.error && <p className="text-xs text-rose-700">{report.error.message}</p>}
      <ul className="flex flex-col divide-y divide-slate-100">
        {(report.data ?? []).map((line) => (
          <li key={line.id} className={`py-1.5 ${activeId === line.id ? "bg-sky-50" : ""}`}>
            <button
              type="button"
              data-testid="pair-check"
              data-check={line.id}
              data-count={line.count}
              aria-pressed={activeId === line.id}
              disabled={line.count === 0 && activeId !== line.id}
              onClick={() => pick(line.id)}
              className="flex w-full items-start gap-3 rounded px-1 text-left hover:bg-slate-50 disabled:cursor-default disabled:hover:bg-transparent"
            >
              <span className="min-w-0 flex-1">
                <span className={`font-medium ${line.count > 0 ? "text-slate-800" : "text-slate-600"}`}>
                  {line.title}
                </span>
                <span className="block text-xs text-slate-600">{line.reason}</span>
              </span>
              <span className="w-28 shrink-0 text-right tabular-nums">
                <span className={`block font-semibold ${line.count > 0 ? "text-amber-800" : "text-slate-600"}`}>
                  {fmt(line.count)}
                </span>
                {line.listed !== null && (
                  <span className="block text-xs text-slate-600">{fmt(line.listed)} listed</span>
                )}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
