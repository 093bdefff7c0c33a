"use client";
import { useMemo, useState } from "react";
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from "@tanstack/react-table";
import { fetchModelSummary, type ModelSummaryRow } from "@/lib/data/feedback";
import { hasCompletionConditions } from "@/lib/filters/where";
import { ASPECTS } from "@/lib/formats/ratings";
import { listKey } from "@/lib/sql/list";
import type { DatasetRef, ListState } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

const col = createColumnHelper<ModelSummaryRow>();
const SHORT = { instruction_following: "IF", honesty: "Hon", truthfulness: "Truth", helpfulness: "Help" } as const;
const mean = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n.toFixed(2));

/** A mean, and what it stands on: one over fewer ratings than the minimum is greyed and sorted last. */
function MeanCell({ value, n, min }: { value: number | null; n: number; min: number }) {
  const few = value !== null && n < min;
  return (
    <span
      data-testid="model-mean"
      data-n={n}
      data-few={few ? "true" : undefined}
      title={value === null ? "no rating" : `over ${n} rating${n === 1 ? "" : "s"}`}
      className={few ? "text-slate-500 italic" : undefined}
    >
      {mean(value)}
      {value !== null && <span className="ml-0.5 text-[10px] text-slate-500 not-italic">{few ? `·${n}` : ""}</span>}
      {few && <span className="sr-only"> (over only {n} ratings)</span>}
    </span>
  );
}

const columnsFor = (min: number) => [
  col.accessor("model", { header: "Model", sortingFn: "alphanumeric" }),
  col.accessor("completions", { header: "Compl.", sortDescFirst: true }),
  ...ASPECTS.map((a) =>
    // A mean over too few ratings ranks after every other.
    col.accessor((r) => (r.rated[a] >= min ? (r.means[a] ?? undefined) : undefined), {
      id: a,
      header: SHORT[a],
      sortDescFirst: true,
      sortUndefined: "last",
      meta: { numeric: true, title: `mean ${a.replace("_", " ")} (N/A left out)` },
      cell: (c) => <MeanCell value={c.row.original.means[a]} n={c.row.original.rated[a]} min={min} />,
    }),
  ),
  col.accessor("na", { header: "N/A", sortDescFirst: true }),
  col.accessor("oos", {
    header: "Off",
    sortDescFirst: true,
    meta: { numeric: true, title: "ratings outside 1–5 (left out of the means)" },
  }),
  col.accessor((r) => (r.overallRated >= min ? (r.overall ?? undefined) : undefined), {
    id: "overall",
    header: "Overall",
    sortDescFirst: true,
    sortUndefined: "last",
    meta: { numeric: true, title: "mean overall_score (1–10)" },
    cell: (c) => <MeanCell value={c.row.original.overall} n={c.row.original.overallRated} min={min} />,
  }),
];

/** Means over fewer ratings than this are noise: greyed, and ranked last. */
const DEFAULT_MIN = 5;

interface Props {
  ds: DatasetRef;
  state: ListState;
  selected: string[];
  onPick: (model: string) => void;
}

/**
 * A leaderboard of the models over the prompts the list shows: completions and mean rating per
 * aspect, sorted in the table; a click on a model filters the list to the prompts it answered.
 */
export function ModelSummary({ ds, state, selected, onPick }: Props) {
  const [matching, setMatching] = useState(false);
  const conditions = hasCompletionConditions(ds, state.clauses);
  const only = matching && conditions;
  const loaded = useQuery(
    [listKey(ds, state), only],
    (db) => fetchModelSummary(db, ds, state, only),
    "panel",
    ds.engine,
  );
  const [sorting, setSorting] = useState<SortingState>([{ id: "completions", desc: true }]);
  const [min, setMin] = useState(DEFAULT_MIN);
  const columns = useMemo(() => columnsFor(min), [min]);

  const data = useMemo(() => (loaded.error ? [] : (loaded.data ?? [])), [loaded.data, loaded.error]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is read fresh on every render
  const table = useReactTable({
    data,
    columns,
    // The count of ratings off the scale is shown only where there are any.
    state: { sorting, columnVisibility: { oos: data.some((r) => r.oos > 0) } },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.model,
  });
  const stale = loaded.pending;

  return (
    <section className="flex h-full min-h-0 flex-col bg-white">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-3 py-1.5 text-xs">
        <h2 className="font-semibold text-slate-700">Models</h2>
        <span className="text-slate-600">over the prompts listed{stale ? " …" : ""}</span>
        <label
          className="flex items-center gap-1 text-slate-600"
          title="A mean over fewer ratings is greyed, with its count, and ranked after the others"
        >
          means over at least
          <input
            data-testid="model-summary-min"
            type="number"
            min={1}
            max={10000}
            value={min}
            onChange={(e) => {
              const n = Math.trunc(Number(e.target.value));
              if (e.target.value !== "" && Number.isFinite(n)) setMin(Math.max(1, n));
            }}
            className="w-12 rounded border border-slate-300 bg-white px-1 py-0.5 text-right tabular-nums"
          />
          ratings
        </label>
        {conditions && (
          <label className="ml-auto flex items-center gap-1 text-slate-600">
            <input type="checkbox" checked={matching} onChange={(e) => setMatching(e.target.checked)} />
            only completions that match
          </label>
        )}
      </header>
      <div className="min-h-0 flex-1 overflow-auto">
        <table data-testid="model-summary" className="w-full border-collapse text-xs">
          <thead className="sticky top-0 bg-slate-100">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                      className={`px-2 py-1 font-semibold text-slate-600 ${h.column.id === "model" ? "text-left" : "text-right"}`}
                      title={h.column.columnDef.meta?.title}
                    >
                      <button type="button" onClick={h.column.getToggleSortingHandler()} className="hover:underline">
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : ""}
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className={stale ? "opacity-60" : ""} aria-busy={stale}>
            {table.getRowModel().rows.map((row) => {
              const on = selected.includes(row.original.model);
              return (
                <tr
                  key={row.id}
                  data-testid="model-summary-row"
                  data-model={row.original.model}
                  className={`cursor-pointer border-t border-slate-100 ${on ? "bg-sky-100" : "hover:bg-slate-50"}`}
                  onClick={() => onPick(row.original.model)}
                  title={on ? "Show all models again" : `Show only prompts ${row.original.model} answered`}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={`px-2 py-1 ${cell.column.id === "model" ? "font-medium text-slate-800" : "text-right text-slate-700 tabular-nums"}`}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {!stale && data.length === 0 && <p className="p-3 text-xs text-slate-600">No completions match.</p>}
      </div>
    </section>
  );
}
