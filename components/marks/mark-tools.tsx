"use client";
import { useId, useState } from "react";
import { withClause } from "@/lib/filters/clauses";
import { specOf } from "@/lib/layouts/registry";
import { keysFound, listedKeys } from "@/lib/marks/actions";
import { saveBlob } from "@/lib/export/download";
import { marksJsonl, parseMarks } from "@/lib/marks/io";
import { MARKS, type Mark } from "@/lib/marks/types";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useWorkspace } from "@/components/query/workspace";
import { Modal } from "@/components/ui/modal";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useMenuSide } from "@/components/ui/use-menu-side";
import { MARK_STYLE } from "./mark-style";
import { MarksPanel } from "./marks-panel";
import { useMarksContext } from "./use-marks";

const small = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100";

/**
 * How many rows are marked each way (a click lists them), and the marks as a file: beside the row
 * count, in every pane.
 */
export function MarkCount({
  ds,
  clauses,
  onClauses,
}: {
  ds: LoadedDataset;
  clauses: readonly Clause[];
  onClauses: (clauses: Clause[]) => void;
}) {
  const marks = useMarksContext();
  if (!marks?.ready || !marks.book.hasAny(marks.scope)) return null;
  const c = marks.counts;
  const only = (m: Mark) => onClauses(withClause(clauses, "mark", { field: "mark", op: "in", values: [m] }));
  const exportMarks = () =>
    saveBlob(
      new Blob([marksJsonl(marks.book.entries(marks.scope))], { type: "application/jsonl" }),
      `${ds.sqlName}-marks.jsonl`,
    );
  return (
    <span className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
      <span
        data-testid="mark-count"
        data-keep={c.keep}
        data-discard={c.discard}
        data-review={c.review}
        data-swap={c.swap}
        className="flex flex-wrap items-center gap-x-1"
        title="Your marks on this dataset, kept in this browser; a click lists those rows"
      >
        {MARKS.filter((m) => m !== "swap" || c.swap > 0 || ds.layout === "ultrafeedback_binarized").map((m, i) => (
          <span key={m} className="whitespace-nowrap">
            {i > 0 && "· "}
            <button type="button" onClick={() => only(m)} className="tabular-nums hover:underline">
              {fmt(c[m])} {m}
            </button>
          </span>
        ))}
        {c.completions > 0 && <span className="whitespace-nowrap">· {fmt(c.completions)} on completions</span>}
        {c.notes > 0 && <span className="whitespace-nowrap">· {fmt(c.notes)} noted</span>}
      </span>
      <button
        type="button"
        data-testid="marks-export"
        onClick={exportMarks}
        title="Your marks on this dataset as JSON Lines (key, mark, note, completion, marked_at, dataset)"
        className={small}
      >
        Export marks
      </button>
    </span>
  );
}

/** Beside the list: the marked rows, marking every listed row at once, and a marks file read in. */
export function MarkTools({
  ds,
  state,
  count,
  onOpenRow,
}: {
  ds: LoadedDataset;
  state: ListState;
  count: number | null;
  onOpenRow: (row: number) => void;
}) {
  const ws = useWorkspace();
  const marks = useMarksContext();
  const [bulk, setBulk] = useState(false);
  const [panel, setPanel] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [box, close] = useDismiss();
  const side = useMenuSide(box);
  if (!ws || !marks || !marks.ready) return null;
  const any = marks.book.hasAny(marks.scope);
  const noun = specOf(ds.layout).noun;

  const importMarks = async (file: File) => {
    try {
      const parsed = parseMarks(await file.text(), file.name, marks.scope, new Date().toISOString());
      const byScope = new Map<string, typeof parsed.entries>();
      for (const e of parsed.entries) byScope.set(e.scope, [...(byScope.get(e.scope) ?? []), e]);
      const here = byScope.get(marks.scope) ?? [];
      let added = 0;
      let replaced = 0;
      let kept = 0;
      for (const [scope, entries] of byScope) {
        const r = await ws.marks.merge(scope, entries);
        added += r.added;
        replaced += r.replaced;
        kept += r.kept;
      }
      const db = ws.queriesFor(ds).client({ priority: "panel" });
      const keys = [...new Set(here.map((e) => e.key))];
      const found = await keysFound(db, ds, keys);
      const elsewhere = parsed.entries.length - here.length;
      const parts = [
        `${file.name}: ${fmt(parsed.entries.length)} mark${parsed.entries.length === 1 ? "" : "s"} read`,
        `${fmt(added)} new, ${fmt(replaced)} replaced an older one, ${fmt(kept)} older than the page's kept out`,
        `${fmt(found)} of ${fmt(keys.length)} ids name ${noun[1]} of this dataset${keys.length > found ? `; the other ${fmt(keys.length - found)} are kept for when they are opened` : ""}`,
      ];
      if (elsewhere) parts.push(`${fmt(elsewhere)} belong to other datasets (kept under their names)`);
      if (parsed.errors.length)
        parts.push(
          `${fmt(parsed.errors.length)} line${parsed.errors.length === 1 ? " is" : "s are"} not marks: ${parsed.errors.slice(0, 3).join("; ")}${parsed.errors.length > 3 ? "; …" : ""}`,
        );
      setMessage({ text: parts.join(" · "), error: parsed.errors.length > 0 });
    } catch (e) {
      setMessage({ text: `${file.name}: ${(e as Error).message}`, error: true });
    }
  };

  const item = "block w-full rounded px-2 py-1 text-left hover:bg-slate-100 disabled:opacity-50";
  return (
    <span className="flex flex-wrap items-center gap-1">
      <details ref={box} data-testid="marks-menu" className="relative">
        <summary className="cursor-pointer list-none rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
          Marks ▾
        </summary>
        <div
          className={`absolute ${side} z-30 mt-1 w-64 rounded border border-slate-200 bg-white p-1 text-xs shadow-lg`}
        >
          <button
            type="button"
            data-testid="marks-open"
            disabled={!any}
            onClick={() => {
              close();
              setPanel(true);
            }}
            className={item}
          >
            Marked rows…
          </button>
          <button
            type="button"
            data-testid="mark-listed"
            disabled={!count}
            onClick={() => {
              close();
              setBulk(true);
            }}
            title="Mark every row the list holds (filters, search, check) at once"
            className={item}
          >
            Mark all {count === null ? "" : fmt(count)} listed…
          </button>
          <label className={`${item} cursor-pointer focus-within:ring-2 focus-within:ring-sky-400`}>
            Import marks (JSON Lines)…
            <input
              type="file"
              data-testid="marks-import"
              accept=".jsonl,.json,.ndjson,application/jsonl"
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                close();
                if (file) void importMarks(file);
              }}
            />
          </label>
          <p className="px-2 py-1 text-slate-600">
            Keys on the open record: 1 keep, 2 discard, 3 review
            {ds.layout === "ultrafeedback_binarized" ? ", 4 swap" : ""}, 0 clear, e note, u undo.
          </p>
        </div>
      </details>
      {message && (
        <span
          data-testid="marks-import-result"
          role={message.error ? "alert" : "status"}
          className={`basis-full text-xs break-words ${message.error ? "text-rose-700" : "text-slate-700"}`}
        >
          {message.text}{" "}
          <button type="button" onClick={() => setMessage(null)} className="text-sky-700 underline">
            Dismiss
          </button>
        </span>
      )}
      {bulk && count !== null && (
        <BulkDialog
          count={count}
          noun={noun}
          binarized={ds.layout === "ultrafeedback_binarized"}
          onClose={() => setBulk(false)}
          onConfirm={async (mark) => {
            setBulk(false);
            const keys = await listedKeys(ws.queriesFor(ds).client({ priority: "panel" }), ds, state);
            const label = `${mark} · ${fmt(count)} ${count === 1 ? noun[0] : noun[1]} listed`;
            await ws.marks.apply(
              marks.scope,
              keys.map((key) => ({ key, completion: null, mark })),
              label,
            );
            setMessage({ text: `Marked ${label}. Undo with u.` });
          }}
        />
      )}
      {panel && (
        <MarksPanel
          ds={ds}
          onClose={() => setPanel(false)}
          onOpenRow={(row) => {
            setPanel(false);
            onOpenRow(row);
          }}
        />
      )}
    </span>
  );
}

function BulkDialog({
  count,
  noun,
  binarized,
  onClose,
  onConfirm,
}: {
  count: number;
  noun: [string, string];
  binarized: boolean;
  onClose: () => void;
  onConfirm: (mark: Mark) => void;
}) {
  const [mark, setMark] = useState<Mark>("keep");
  const title = useId();
  return (
    <Modal
      labelledBy={title}
      onClose={onClose}
      testId="mark-listed-dialog"
      className="w-full max-w-md rounded-lg bg-white p-4 shadow-xl"
    >
      <h2 id={title} className="text-base font-semibold text-slate-900">
        Mark all {fmt(count)} {count === 1 ? noun[0] : noun[1]} listed
      </h2>
      <fieldset className="mt-3 flex flex-wrap gap-3 text-sm">
        <legend className="sr-only">Mark</legend>
        {MARKS.filter((m) => m !== "swap" || binarized).map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="radio" name="bulk-mark" value={m} checked={mark === m} onChange={() => setMark(m)} />
            {MARK_STYLE[m].label}
          </label>
        ))}
      </fieldset>
      <p className="mt-2 text-xs text-slate-600">
        A mark already set on one of them is replaced. Undo (u) takes the whole step back.
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-3 py-1 text-sm">
          Cancel
        </button>
        <button
          type="button"
          data-testid="mark-listed-confirm"
          onClick={() => onConfirm(mark)}
          className="rounded bg-slate-800 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700"
        >
          Mark {fmt(count)} {count === 1 ? noun[0] : noun[1]} {mark}
        </button>
      </div>
    </Modal>
  );
}
