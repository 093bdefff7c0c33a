"use client";
import { Markdown } from "@/components/text/markdown";
import { Highlight } from "@/components/text/highlight";

/**
 * A message or a response: rendered as markdown, or, with `raw`, exactly as the file holds it (markdown
 * source, escapes, spaces and line breaks), which is what a model is trained on.
 */
export function TextBody({ text, query, raw }: { text: string; query: string; raw: boolean }) {
  if (!raw) return <Markdown text={text} highlight={query} />;
  return (
    <pre data-testid="raw-text" className="font-mono text-xs leading-relaxed break-words whitespace-pre-wrap">
      <Highlight text={text} query={query} />
    </pre>
  );
}

/** The switch between the rendered text and the raw one. */
export function RawToggle({ raw, onChange }: { raw: boolean; onChange: (raw: boolean) => void }) {
  return (
    <button
      type="button"
      data-testid="raw-toggle"
      aria-pressed={raw}
      title={raw ? "Show the text rendered" : "Show the text exactly as the file holds it"}
      onClick={() => onChange(!raw)}
      className={`rounded border px-1.5 text-xs ${raw ? "border-slate-600 bg-slate-700 text-white" : "border-slate-300 bg-white text-slate-600 hover:bg-slate-100"}`}
    >
      raw
    </button>
  );
}
