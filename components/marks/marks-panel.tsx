"use client";
import { useId } from "react";
import { markedRows, marksNotFound } from "@/lib/marks/actions";
import type { LoadedDataset } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useQuery } from "@/components/query/use-query";
import { Modal } from "@/components/ui/modal";
import { MARK_STYLE } from "./mark-style";
import { useMarksContext, useMarkVersion } from "./use-marks";
import type { Mark } from "@/lib/marks/types";

const LIMIT = 500;

/** The marked rows of the dataset, with their notes; a click opens one. */
export function MarksPanel({
  ds,
  onClose,
  onOpenRow,
}: {
  ds: LoadedDataset;
  onClose: () => void;
  onOpenRow: (row: number) => void;
}) {
  const marks = useMarksContext();
  const version = useMarkVersion(marks?.book);
  const title = useId();
  const scope = marks?.scope ?? "";
  const rows = useQuery(
    marks?.ready ? [ds.table, ds.rows, scope, version, "marked-rows"] : null,
    (db) => markedRows(db, ds, scope, LIMIT),
    "panel",
    ds.engine,
  );
  const missing = useQuery(
    marks?.ready ? [ds.table, ds.rows, scope, version, "marks-missing"] : null,
    (db) => marksNotFound(db, ds, scope),
    "panel",
    ds.engine,
  );
  return (
    <Modal
      labelledBy={title}
      onClose={onClose}
      placement="right"
      testId="marks-panel"
      className="flex h-full w-full max-w-xl flex-col bg-white shadow-xl"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2">
        <h2 id={title} className="text-base font-semibold text-slate-900">
          Marked rows
        </h2>
        <span className="text-xs text-slate-600">kept in this browser under “{scope}”</span>
        <button type="button" onClick={onClose} className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-sm">
          Close
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-2">
        {rows.pending && !rows.data && <p className="text-sm text-slate-600">Reading the marks…</p>}
        {rows.error && <p className="text-sm text-rose-700">{rows.error.message}</p>}
        {(missing.data ?? 0) > 0 && (
          <p data-testid="marks-missing" className="mb-2 text-xs text-amber-900">
            {fmt(missing.data!)} mark{missing.data === 1 ? " names" : "s name"} no row of this dataset: kept, and shown
            when a dataset with those rows is open.
          </p>
        )}
        <ul className="divide-y divide-slate-100">
          {(rows.data ?? []).map((r) => (
            <li key={`${r.row}:${r.completion ?? ""}`}>
              <button
                type="button"
                data-testid="marked-row"
                onClick={() => onOpenRow(r.row)}
                className="flex w-full items-start gap-2 py-1.5 text-left text-sm hover:bg-slate-50"
              >
                <span className="w-12 shrink-0 text-right text-xs text-slate-600 tabular-nums">#{r.row}</span>
                <span className="w-20 shrink-0">
                  {r.mark && (
                    <span className={`rounded px-1 text-xs font-semibold ${MARK_STYLE[r.mark as Mark].chip}`}>
                      {r.mark}
                    </span>
                  )}
                  {r.completion !== null && (
                    <span className="block text-[11px] text-slate-600">completion {r.completion + 1}</span>
                  )}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="line-clamp-2 break-words text-slate-800">
                    <bdi>{r.preview}</bdi>
                  </span>
                  {r.note && (
                    <span className="block text-xs break-words text-slate-600">
                      ✎ <bdi>{r.note}</bdi>
                    </span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {(rows.data?.length ?? 0) >= LIMIT && (
          <p className="mt-2 text-xs text-slate-600">
            The first {LIMIT} shown; the filter (a click on a count) lists them all.
          </p>
        )}
      </div>
    </Modal>
  );
}
