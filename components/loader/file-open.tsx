"use client";
import { useEffect, useRef, useState } from "react";

const ACCEPT = ".parquet,.jsonl,.json,.ndjson,.gz";

/** A file button, and a drop target that covers the whole page while files are dragged over it. */
export function FileOpen({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) onFiles(files);
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragleave", leave);
    window.addEventListener("dragover", over);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("dragover", over);
      window.removeEventListener("drop", drop);
    };
  }, [onFiles]);

  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        data-testid="file-input"
        className="hidden"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          if (files.length) onFiles(files);
        }}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
        title="Open .parquet, .jsonl or .json files (several shards of one split load as one table); or drop them anywhere"
      >
        Open files…
      </button>
      {dragging && (
        <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-sky-900/30">
          <div className="rounded-xl border-2 border-dashed border-white bg-sky-700/80 px-10 py-8 text-lg font-semibold text-white">
            Drop .parquet, .jsonl or .json files to open them
          </div>
        </div>
      )}
    </>
  );
}
