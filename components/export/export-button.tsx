"use client";
import { useRef, useState } from "react";
import { isAbort } from "@/lib/engine/types";
import type { ExportFormat } from "@/lib/export/encode";
import { exportBlob, exportName, saveBlob } from "@/lib/export/download";
import type { ExportProgress } from "@/lib/export/run";
import { specOf } from "@/lib/layouts/registry";
import type { DatasetRef, ListState } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useMarksContext } from "@/components/marks/use-marks";
import { useWorkspace } from "@/components/query/workspace";

const FORMATS: [ExportFormat, string][] = [
  ["jsonl", "JSON Lines"],
  ["parquet", "Parquet (nested columns)"],
  ["csv", "CSV, safe to open in a spreadsheet"],
  ["csv-raw", "CSV, every cell as written"],
  ["ids", "ids only (one per line)"],
];

/** What each CSV choice does to cells a spreadsheet would run as formulas, said beside the format. */
const CSV_NOTE: Partial<Record<ExportFormat, [string, string]>> = {
  csv: [
    "formulas kept as text",
    "Cells that begin with = + - @ or a tab get a leading ' so a spreadsheet shows them as text and never runs them; numbers stay numbers; nested values are JSON.",
  ],
  "csv-raw": [
    "formulas as written: a spreadsheet runs them",
    "Every cell is written as it is: a spreadsheet runs the cells that begin with = + - @ as formulas. Nested values are JSON.",
  ],
};

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

/** Exports the rows the list counts (filters, search, order) as a file; a progress line with Cancel while it runs. */
export function ExportButton({ ds, state }: { ds: DatasetRef & { sqlName?: string }; state: ListState }) {
  const ws = useWorkspace();
  const [format, setFormat] = useState<ExportFormat>("jsonl");
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const marks = useMarksContext();
  const marked = !!marks?.ready && marks.book.hasAny(marks.scope);
  const swaps = marked && ds.layout === "ultrafeedback_binarized" && marks!.counts.swap > 0;
  const [withMarks, setWithMarks] = useState(false);
  const [swap, setSwap] = useState(false);

  async function run() {
    if (!ws) return;
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setError(null);
    setProgress({ rows: 0, total: 0, bytes: 0 });
    try {
      const db = ws.queriesFor(ds).client({ priority: "panel", cache: false, signal: c.signal });
      const { blob, rows } = await exportBlob(db, ds, state, format, setProgress, c.signal, {
        marks: marked && withMarks,
        swap: swaps && swap,
      });
      saveBlob(blob, exportName(ds, rows, format));
    } catch (e) {
      if (!c.signal.aborted && !isAbort(e)) setError(`Export failed: ${(e as Error).message}`);
    } finally {
      if (controller.current === c) controller.current = null;
      setProgress(null);
    }
  }

  return (
    <span className="flex flex-wrap items-center gap-1">
      <select
        data-testid="export-format"
        aria-label="Export format"
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
      >
        {FORMATS.map(([value, label]) => (
          <option key={value} value={value}>
            {value === "jsonl" && specOf(ds.layout).fields ? `${label} (published layout)` : label}
          </option>
        ))}
      </select>
      {marked && format !== "ids" && (
        <Option
          testId="export-marks"
          title="Adds your mark and note to each row (mark, mark_note)"
          checked={withMarks}
          onChange={setWithMarks}
        >
          with marks
        </Option>
      )}
      {swaps && format !== "ids" && (
        <Option
          testId="export-swap"
          title="Pairs you marked swap are written with chosen and rejected (and their scores) exchanged"
          checked={swap}
          onChange={setSwap}
        >
          swaps applied
        </Option>
      )}
      {progress ? (
        <>
          <span data-testid="export-progress" className="text-xs text-slate-600 tabular-nums">
            {fmt(progress.rows)} of {fmt(progress.total)} rows · {mb(progress.bytes)}
          </span>
          <button
            type="button"
            onClick={() => controller.current?.abort()}
            className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
          >
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          data-testid="export"
          onClick={() => void run()}
          title="The rows listed (filters, search and order) as a file"
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100"
        >
          Export
        </button>
      )}
      {CSV_NOTE[format] && (
        <span data-testid="export-note" title={CSV_NOTE[format][1]} className="text-xs text-slate-600">
          {CSV_NOTE[format][0]}
        </span>
      )}
      {error && (
        <span role="alert" data-testid="export-error" className="text-xs break-words text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}

/** A checkbox of the export, spaced so each is easy to hit. */
function Option(props: {
  testId: string;
  title: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <label className="ml-1 flex items-center gap-1 text-xs" title={props.title}>
      <input
        type="checkbox"
        data-testid={props.testId}
        className="m-1.5"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.children}
    </label>
  );
}
