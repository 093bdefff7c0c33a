"use client";
import { useEffect, useRef } from "react";

export const KEYS: [string[], string][] = [
  [["j", "↓"], "next record (↓ when the list has focus)"],
  [["k", "↑"], "previous record (↑ when the list has focus)"],
  [["Enter", "o"], "open the record on its own, full width"],
  [["Esc"], "close it: back to list and record side by side"],
  [["l"], "the list on its own"],
  [["/"], "search all text"],
  [["m"], "per-model summary (UltraFeedback)"],
  [["?"], "this help"],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
      onClick={onClose}
      role="presentation"
    >
      <div
        ref={dialog}
        data-testid="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl outline-none"
      >
        <div className="mb-3 flex items-center">
          <h2 id="help-title" className="text-base font-semibold">
            Keyboard
          </h2>
          <button type="button" onClick={onClose} className="ml-auto rounded px-2 text-slate-500 hover:bg-slate-100">
            Close
          </button>
        </div>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          {KEYS.map(([keys, what]) => (
            <div key={what} className="contents">
              <dt className="flex gap-1">
                {keys.map((k) => (
                  <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">
                    {k}
                  </kbd>
                ))}
              </dt>
              <dd className="text-slate-700">{what}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-slate-500">
          Keys do nothing while you type in a box. Every view is in the page address: copy it to share exactly what you
          see.
        </p>
      </div>
    </div>
  );
}
