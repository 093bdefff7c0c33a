"use client";
import { useState } from "react";
import { runReport, type CheckLine } from "@/lib/checks/report";
import { specOf } from "@/lib/layouts/registry";
import { listKey } from "@/lib/sql/list";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useQuery } from "@/components/query/use-query";
import { useWorkspace } from "@/components/query/workspace";
import { CheckSettings } from "./check-settings";
import { OverlapSection } from "./overlap-section";
import { PairSection } from "./pair-section";
import { RebinarizeSection } from "./rebinarize-section";

interface Props {
  ds: LoadedDataset;
  state: ListState;
  datasets: readonly LoadedDataset[];
  onClauses: (clauses: Clause[]) => void;
  /** A check setting changed; null values: back to the default. */
  onSetting: (key: string, values: string[] | null) => void;
  onOpenDataset: (id: string, pair?: string | null) => void;
  /** Opens another dataset with these filters. */
  onOpenWith: (id: string, clauses: Clause[]) => void;
}

const share = (n: number, total: number) =>
  total === 0
    ? ""
    : n === 0
      ? "0%"
      : n / total < 0.001
        ? "<0.1%"
        : `${((100 * n) / total).toFixed(n / total < 0.1 ? 1 : 0)}%`;

/**
 * The known problems of the open dataset, one line per check, counted in SQL over all its rows. A click
 * on a line lists exactly its rows (`check=` in the link), with every other filter and the search.
 */
export function ChecksPanel({ ds, state, datasets, onClauses, onSetting, onOpenDataset, onOpenWith }: Props) {
  const ws = useWorkspace();
  const spec = specOf(ds.layout);
  const report = useQuery(
    ws && !ds.loading ? [listKey(ds, state), "checks"] : null,
    (db) => runReport(db, ws!.queriesFor(ds).client({ priority: "panel" }), ds, state),
    "panel",
    ds.engine,
  );
  const clauses = state.clauses ?? [];
  const active = clauses.find((c) => c.field === "check");
  const activeId = active?.op === "is" ? active.value : null;
  const [open, setOpen] = useState<string | null>(null);

  const pick = (id: string) => {
    const others = clauses.filter((c) => c.field !== "check");
    onClauses(activeId === id ? others : [...others, { field: "check", op: "is", value: id }]);
  };
  const data = report.data;

  return (
    <section
      data-testid="checks-panel"
      aria-label="Checks"
      className="flex min-h-0 flex-col gap-3 overflow-y-auto bg-white p-3 text-sm"
    >
      <header className="flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
        <h2 className="text-sm font-semibold text-slate-700">Checks</h2>
        {ds.loading ? (
          <span>counted once every row is in ({fmt(ds.rows)} so far)</span>
        ) : data ? (
          <span data-testid="checks-total" data-total={data.total}>
            over all {fmt(data.total)} {spec.noun[data.total === 1 ? 0 : 1]}
            {data.listedTotal !== null && ` · ${fmt(data.listedTotal)} listed with the other filters and the search`}
            {report.pending && " …"}
          </span>
        ) : (
          <span>counting over every row…</span>
        )}
        <span>Click a line to list its rows; click again to clear.</span>
        {report.error && <span className="text-rose-700">{report.error.message}</span>}
      </header>
      {data &&
        [false, true].map((statistic) => {
          const lines = data.lines.filter((l) => (l.check.statistic ?? false) === statistic);
          if (lines.length === 0) return null;
          return (
            <div key={String(statistic)} className="flex flex-col gap-1">
              {statistic && (
                <h3 className="text-xs font-semibold text-slate-700">
                  Statistics of the split <span className="font-normal text-slate-600">(measures, not defects)</span>
                </h3>
              )}
              <ul
                className={`flex flex-col divide-y divide-slate-100 ${report.stale ? "opacity-70" : ""}`}
                aria-busy={Boolean(report.stale)}
              >
                {lines.map((line) => (
                  <CheckRow
                    key={line.check.id}
                    line={line}
                    total={data.total}
                    selected={activeId === line.check.id}
                    settingsOpen={open === line.check.id}
                    onPick={() => pick(line.check.id)}
                    onToggleSettings={() => setOpen(open === line.check.id ? null : line.check.id)}
                    settings={
                      line.check.settings && (
                        <CheckSettings settings={line.check.settings} values={data.settings} onChange={onSetting} />
                      )
                    }
                  />
                ))}
              </ul>
            </div>
          );
        })}
      <PairSection ds={ds} state={state} onClauses={onClauses} />
      <OverlapSection
        ds={ds}
        datasets={datasets}
        state={state}
        onClauses={onClauses}
        onSetting={onSetting}
        onOpenWith={onOpenWith}
      />
      {ds.layout === "ultrafeedback" && <RebinarizeSection ds={ds} datasets={datasets} onOpenDataset={onOpenDataset} />}
    </section>
  );
}

interface RowProps {
  line: CheckLine;
  total: number;
  selected: boolean;
  settingsOpen: boolean;
  onPick: () => void;
  onToggleSettings: () => void;
  settings: React.ReactNode;
}

function CheckRow({ line, total, selected, settingsOpen, onPick, onToggleSettings, settings }: RowProps) {
  const { check, count, listed, detail } = line;
  return (
    <li className={`py-1.5 ${selected ? "bg-sky-50" : ""}`}>
      <div className="flex items-start gap-2">
        <button
          type="button"
          data-testid="check"
          data-check={check.id}
          data-kind={check.statistic ? "statistic" : "defect"}
          data-count={count}
          aria-pressed={selected}
          onClick={onPick}
          disabled={count === 0 && !selected}
          title={count === 0 ? "No row is flagged" : selected ? "Show every row again" : "List exactly these rows"}
          className="flex min-w-0 flex-1 items-start gap-3 rounded px-1 text-left hover:bg-slate-50 disabled:cursor-default disabled:hover:bg-transparent"
        >
          <span className="min-w-0 flex-1">
            <span className={`font-medium ${count > 0 ? "text-slate-800" : "text-slate-600"}`}>{check.title}</span>
            <span className="block text-xs text-slate-600">{check.reason}</span>
            {detail && <span className="block text-xs text-slate-600">{detail}</span>}
          </span>
          <span className="w-28 shrink-0 text-right tabular-nums">
            <span
              className={`block font-semibold ${count > 0 && !check.statistic ? "text-amber-800" : "text-slate-600"}`}
            >
              {fmt(count)}
            </span>
            <span className="block text-xs text-slate-600">
              {share(count, total)}
              {listed !== null && ` · ${fmt(listed)} listed`}
            </span>
          </span>
        </button>
        {check.settings && (
          <button
            type="button"
            aria-expanded={settingsOpen}
            onClick={onToggleSettings}
            className="shrink-0 rounded px-1 text-xs text-sky-700 hover:bg-sky-50"
          >
            settings
          </button>
        )}
      </div>
      {settingsOpen && settings}
    </li>
  );
}
