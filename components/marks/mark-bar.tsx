"use client";
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState } from "react";
import { rowKey, sameKeyRows } from "@/lib/marks/actions";
import { markKeyName } from "@/lib/marks/keys";
import { MARKS, type Mark, type MarkEntry } from "@/lib/marks/types";
import type { DatasetRef } from "@/lib/types";
import { NOTE_EDIT } from "@/components/explorer/keymap";
import { useQuery } from "@/components/query/use-query";
import { MARK_STYLE } from "./mark-style";
import { useMarksContext } from "./use-marks";

const STAY_KEY = "explorer.marks.stay";

/** Whether marking stays on the record (kept in this browser). */
export function useStay(): [boolean, (stay: boolean) => void] {
  const [stay, setStayState] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- read once from this browser's storage
    setStayState(window.localStorage.getItem(STAY_KEY) === "1");
  }, []);
  const setStay = useCallback((v: boolean) => {
    setStayState(v);
    window.localStorage.setItem(STAY_KEY, v ? "1" : "0");
  }, []);
  return [stay, setStay];
}

/** The open record's marks, for its completion cards. */
interface RecordMarks {
  entry: (completion: number | null) => MarkEntry | null;
  mark: (completion: number, mark: Mark | null) => void;
}
const RecordMarksContext = createContext<RecordMarks | null>(null);

/** The open record's own mark (not a completion's), for its header. */
export function useRecordMark(): Mark | null {
  return useContext(RecordMarksContext)?.entry(null)?.mark ?? null;
}

/**
 * Above the open record: keep, discard, review (swap for pairs), clear, a note; what the row is marked
 * now; whether marking moves on. The keys 1 2 3 (4) 0 e u do the same.
 */
export function MarkBar({ ds, row, children }: { ds: DatasetRef; row: number; children: React.ReactNode }) {
  const marks = useMarksContext();
  const key = useQuery(
    marks?.ready ? [ds.table, row, "mark-key"] : null,
    (db) => rowKey(db, ds, row),
    "list",
    ds.engine,
  );
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const noteId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const k = key.data && !key.stale ? key.data : null;
  const shared = useQuery(
    // Asked again as a table still loading grows.
    k !== null ? [ds.table, (ds as { rows?: number }).rows ?? null, row, k, "same-key"] : null,
    (db) => sameKeyRows(db, ds, k!, row),
    "panel",
    ds.engine,
  );
  const entry = marks && k !== null ? marks.book.get(marks.scope, k) : null;

  const openNote = useCallback(() => {
    setDraft(entry?.note ?? "");
    setEditing(true);
  }, [entry]);
  useEffect(() => {
    window.addEventListener(NOTE_EDIT, openNote);
    return () => window.removeEventListener(NOTE_EDIT, openNote);
  }, [openNote]);
  useEffect(() => {
    if (editing) area.current?.focus();
  }, [editing]);
  // Another record closes the note being written.
  const [lastRow, setLastRow] = useState(row);
  if (lastRow !== row) {
    setLastRow(row);
    setEditing(false);
  }

  const recordMarks: RecordMarks | null =
    marks && k !== null
      ? {
          entry: (c) => marks.book.get(marks.scope, k, c),
          mark: (c, m) => marks.markRecord({ completion: c, mark: m }),
        }
      : null;
  // The record keeps its place in the tree as the bar appears: it is not drawn again when the marks arrive.
  if (!marks || !marks.ready)
    return (
      <RecordMarksContext.Provider value={null}>
        {null}
        {children}
      </RecordMarksContext.Provider>
    );
  const kinds = MARKS.filter((m) => m !== "swap" || ds.layout === "ultrafeedback_binarized");
  const saveNote = () => {
    marks.markRecord({ note: draft });
    setEditing(false);
  };
  const button = "rounded border px-2 py-0.5 text-xs font-medium";
  return (
    <RecordMarksContext.Provider value={recordMarks}>
      <div
        data-testid="mark-bar"
        data-mark={entry?.mark ?? ""}
        role="group"
        aria-label="Mark this record"
        className="mb-3 flex flex-wrap items-center gap-1 rounded-lg border border-slate-200 bg-white px-2 py-1.5"
      >
        <span className="mr-1 text-xs font-semibold text-slate-700">Mark</span>
        {kinds.map((m) => (
          <button
            key={m}
            type="button"
            data-testid={`mark-${m}`}
            aria-pressed={entry?.mark === m}
            aria-keyshortcuts={MARK_STYLE[m].key}
            title={`${MARK_STYLE[m].label} (${MARK_STYLE[m].key})${marks.stay ? "" : ", then the next record"}`}
            onClick={() => marks.markRecord({ mark: m, advance: true })}
            className={`${button} ${entry?.mark === m ? MARK_STYLE[m].on : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100"}`}
          >
            {MARK_STYLE[m].label} <kbd className="font-mono text-[10px] opacity-70">{MARK_STYLE[m].key}</kbd>
          </button>
        ))}
        <button
          type="button"
          data-testid="mark-clear"
          aria-keyshortcuts="0"
          disabled={!entry?.mark}
          title="Clear the mark (0)"
          onClick={() => marks.markRecord({ mark: null })}
          className={`${button} border-slate-300 bg-white text-slate-700 hover:bg-slate-100 disabled:opacity-50`}
        >
          Clear <kbd className="font-mono text-[10px] opacity-70">0</kbd>
        </button>
        <button
          type="button"
          data-testid="mark-note"
          aria-keyshortcuts="e"
          aria-expanded={editing}
          title="A note on this record (e)"
          onClick={() => (editing ? setEditing(false) : openNote())}
          className={`${button} border-slate-300 bg-white text-slate-700 hover:bg-slate-100`}
        >
          Note <kbd className="font-mono text-[10px] opacity-70">e</kbd>
        </button>
        <label className="ml-1 flex items-center gap-1 text-xs text-slate-600">
          <input
            type="checkbox"
            data-testid="mark-stay"
            checked={marks.stay}
            onChange={(e) => marks.setStay(e.target.checked)}
          />
          stay on this record
        </label>
        {marks.said && (
          <span data-testid="mark-said" role="status" className="ml-auto text-xs text-slate-600">
            {marks.said}
            {marks.book.lastAction() && (
              <button
                type="button"
                data-testid="mark-undo"
                aria-keyshortcuts="u"
                onClick={marks.undo}
                className="ml-2 text-sky-700 underline hover:text-sky-900"
              >
                Undo (u)
              </button>
            )}
          </span>
        )}
        {shared.data && shared.data.total > 0 && !shared.stale && (
          <p data-testid="mark-shared" className="basis-full text-xs text-slate-600">
            Row{shared.data.total === 1 ? "" : "s"} {shared.data.rows.join(", ")}
            {shared.data.total > shared.data.rows.length
              ? ` and ${shared.data.total - shared.data.rows.length} more`
              : ""}{" "}
            {shared.data.total === 1 ? "has" : "have"} the same {markKeyName(ds)} as this one: a mark here is on{" "}
            {shared.data.total === 1 ? "it" : "them"} too.
          </p>
        )}
        {(marks.book.storeError || ds.derived?.marks?.error) && (
          <p data-testid="mark-error" role="alert" className="basis-full text-xs break-words text-rose-700">
            {ds.derived?.marks?.error ?? marks.book.storeError}
          </p>
        )}
        {entry?.note && !editing && (
          <p data-testid="mark-note-text" className="basis-full text-xs break-words whitespace-pre-wrap text-slate-700">
            <span className="font-semibold">Note:</span> <bdi>{entry.note}</bdi>
          </p>
        )}
        {editing && (
          <div className="flex basis-full flex-col gap-1">
            <label htmlFor={noteId} className="text-xs text-slate-600">
              Note on this record (Enter saves, Shift+Enter a new line, Esc leaves it as it was)
            </label>
            <textarea
              id={noteId}
              ref={area}
              data-testid="mark-note-input"
              value={draft}
              rows={2}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) {
                  e.preventDefault();
                  saveNote();
                } else if (e.key === "Escape") {
                  e.preventDefault();
                  setEditing(false);
                }
              }}
              className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
            />
            <span className="flex gap-1">
              <button
                type="button"
                data-testid="mark-note-save"
                onClick={saveNote}
                className={`${button} border-slate-700 bg-slate-700 text-white`}
              >
                Save note
              </button>
              <button
                type="button"
                onClick={() => setEditing(false)}
                className={`${button} border-slate-300 bg-white text-slate-700`}
              >
                Cancel
              </button>
            </span>
          </div>
        )}
      </div>
      {children}
    </RecordMarksContext.Provider>
  );
}

/** On an UltraFeedback completion card: its own mark (keep, discard, review), beside the record's. */
export function CompletionMark({ index }: { index: number }) {
  const rec = useContext(RecordMarksContext);
  if (!rec) return null;
  const current = rec.entry(index)?.mark ?? "";
  return (
    <select
      data-testid="completion-mark"
      data-mark={current}
      aria-label={`Mark completion ${index + 1}`}
      value={current}
      onChange={(e) => rec.mark(index, e.target.value === "" ? null : (e.target.value as Mark))}
      className={`rounded border border-slate-300 px-1 py-0.5 text-xs ${current ? MARK_STYLE[current as Mark].chip : "bg-white"}`}
    >
      <option value="">no mark</option>
      <option value="keep">keep</option>
      <option value="discard">discard</option>
      <option value="review">review</option>
    </select>
  );
}
