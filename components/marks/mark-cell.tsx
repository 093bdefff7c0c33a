"use client";
import type { Cell } from "@/lib/data/list";
import { MARK_STYLE } from "./mark-style";
import { useMarksContext } from "./use-marks";

/** A list row's mark: its key looked up among the page's marks (so marking never re-reads the list). */
export function MarkCell({ value }: { value: Cell }) {
  const marks = useMarksContext();
  if (!marks || value === null) return null;
  const entry = marks.book.get(marks.scope, String(value));
  if (!entry) return null;
  const note = entry.note.trim();
  return (
    <span
      data-testid="row-mark"
      data-mark={entry.mark ?? ""}
      className="inline-flex items-center gap-0.5"
      title={note || undefined}
    >
      {entry.mark && (
        <span className={`rounded px-1 text-[11px] font-semibold ${MARK_STYLE[entry.mark].chip}`}>{entry.mark}</span>
      )}
      {note && (
        <span aria-label={`note: ${note}`} className="text-xs text-slate-600">
          ✎
        </span>
      )}
    </span>
  );
}
