"use client";
import type { FlaggedCompletion } from "@/lib/checks/completions";
import { useRef, useState } from "react";
import type { FeedbackRecord } from "@/lib/formats/canonical";
import { ASPECTS, parseRating, ratingMarks, type Aspect } from "@/lib/formats/ratings";
import { Markdown } from "@/components/text/markdown";
import { CompletionCard, type Picked } from "./completion-card";
import { RatingSummary } from "./rating-summary";
import type { Mark } from "./rating-badge";
import { BELOW_HEADER } from "@/components/record/sticky";

type Feedback = FeedbackRecord;

// Columns by how many completions there are; from a container 72rem wide (a 1280 px window) they sit side by side.
const COLUMNS: Record<number, string> = {
  1: "grid-cols-1",
  2: "grid-cols-1 @3xl:grid-cols-2",
  3: "grid-cols-1 @3xl:grid-cols-2 @6xl:grid-cols-3",
  4: "grid-cols-1 @3xl:grid-cols-2 @6xl:grid-cols-4",
};

// The names strip: above each column where the cards sit side by side, two a line where they sit one under another.
const STRIP: Record<number, string> = {
  1: "grid-cols-1",
  2: "grid-cols-2",
  3: "grid-cols-2 @6xl:grid-cols-3",
  4: "grid-cols-2 @6xl:grid-cols-4",
};

function useScrollTogether(enabled: boolean) {
  const panes = useRef<(HTMLDivElement | null)[]>([]);
  const moved = useRef(new WeakSet<HTMLDivElement>());
  const onScroll = (i: number) => () => {
    const source = panes.current[i];
    if (!enabled || !source) return;
    if (moved.current.has(source)) {
      moved.current.delete(source);
      return;
    }
    const range = source.scrollHeight - source.clientHeight;
    const fraction = range > 0 ? source.scrollTop / range : 0;
    panes.current.forEach((p, j) => {
      if (!p || j === i) return;
      const top = Math.round(fraction * (p.scrollHeight - p.clientHeight));
      if (Math.abs(p.scrollTop - top) < 1) return;
      moved.current.add(p);
      p.scrollTop = top;
    });
  };
  const ref = (i: number) => (el: HTMLDivElement | null) => {
    panes.current[i] = el;
  };
  return { ref, onScroll };
}

/** What the list asks of the completions: which of them meet its completion conditions, whose ratings it shows. */
export interface CompletionFocus {
  /** Indexes (from 0) of the completions that meet the conditions; null when there are none. */
  matched: number[] | null;
  /** The model of "Ratings of: a model". */
  model: string | null;
  /** The check the list shows: the completions it flags in this record, each with why. */
  flagged?: { check: string; completions: FlaggedCompletion[] } | null;
}

export function CompletionsView({
  record,
  query,
  picked,
  focus,
}: {
  record: Feedback;
  query: string;
  picked?: { chosen: number | null; rejected: number | null };
  focus?: CompletionFocus;
}) {
  const [together, setTogether] = useState(false);
  // Expanded for the record it was pressed on: the next record opens folded.
  const [expandedRow, setExpandedRow] = useState<number | null>(null);
  const expanded = expandedRow === record.row;
  const cards = useRef<HTMLDivElement>(null);
  const scroll = useScrollTogether(together);
  const marks = ASPECTS.map((a) => ratingMarks(record.completions.map((c) => parseRating(c.annotations?.[a]?.Rating))));
  const marksOf = (i: number) =>
    Object.fromEntries(ASPECTS.map((a, k) => [a, marks[k]?.[i] ?? null])) as Record<Aspect, Mark>;
  const pickOf = (i: number): Picked => (picked?.chosen === i ? "chosen" : picked?.rejected === i ? "rejected" : null);
  const n = record.completions.length;
  return (
    <div className="@container flex flex-col gap-3">
      <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="mb-1 flex flex-wrap gap-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <span>Instruction</span>
          {record.source && (
            <span data-testid="source" className="rounded bg-slate-100 px-1.5 normal-case">
              {record.source}
            </span>
          )}
          {record.id && <span className="font-mono normal-case">{record.id}</span>}
        </div>
        <Markdown text={record.instruction} highlight={query} />
        {(record.correctAnswers.length > 0 || record.incorrectAnswers.length > 0) && (
          <div data-testid="answers" className="mt-2 grid gap-1 text-xs">
            {record.correctAnswers.length > 0 && (
              <p>
                <span className="font-semibold text-emerald-700">Correct answers:</span>{" "}
                {record.correctAnswers.join(" · ")}
              </p>
            )}
            {record.incorrectAnswers.length > 0 && (
              <p>
                <span className="font-semibold text-rose-700">Incorrect answers:</span>{" "}
                {record.incorrectAnswers.join(" · ")}
              </p>
            )}
          </div>
        )}
      </div>
      {n === 0 ? (
        <p className="text-sm text-slate-600">This prompt has no completions.</p>
      ) : (
        <>
          <div className="flex items-start gap-3">
            {/* Scrolls sideways on a narrow screen: focusable, so the keys scroll it too. */}
            <div
              role="region"
              aria-label="Ratings of the completions"
              tabIndex={0}
              className="min-w-0 flex-1 overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:ring-2 focus-visible:ring-sky-400"
            >
              <RatingSummary completions={record.completions} picked={picked} />
            </div>
          </div>
          <div className="flex items-center gap-3 text-xs text-slate-600">
            <span>
              {n} completion{n === 1 ? "" : "s"}
              {n < 4 ? ` (this prompt has fewer than four)` : ""}
            </span>
            <label className="flex items-center gap-1">
              <input
                data-testid="scroll-together"
                type="checkbox"
                checked={together}
                onChange={(e) => setTogether(e.target.checked)}
              />
              scroll responses together
            </label>
            <button
              type="button"
              data-testid="expand-all"
              aria-pressed={expanded}
              onClick={() => {
                const open = !expanded;
                // Every folded part of every completion: system prompts, the rationales of the ratings, critiques.
                cards.current?.querySelectorAll("details").forEach((d) => (d.open = open));
                setExpandedRow(open ? record.row : null);
              }}
              className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100"
            >
              {expanded ? "Fold all" : "Expand all rationales and critiques"}
            </button>
          </div>
          {/* The four names stay in view below the record's header while the responses are read. */}
          <nav
            aria-label="Completions"
            data-testid="completion-names"
            className="sticky z-10 -mx-4 border-b border-slate-200 bg-slate-50/95 px-4 py-1 backdrop-blur"
            style={{ top: BELOW_HEADER }}
          >
            <div className={`grid gap-x-3 ${STRIP[n] ?? STRIP[4]}`}>
              {record.completions.map((c, i) => (
                <button
                  key={i}
                  type="button"
                  onClick={() => cards.current?.children[i]?.scrollIntoView({ block: "start" })}
                  title={`Go to completion ${i + 1}`}
                  className="flex min-h-6 min-w-0 items-center gap-1.5 rounded px-1 text-left text-xs hover:bg-slate-200"
                >
                  <span className="rounded bg-slate-200 px-1 font-semibold text-slate-600">{i + 1}</span>
                  <span className="truncate font-semibold text-slate-800">{c.model ?? "unknown model"}</span>
                  {pickOf(i) && (
                    <span
                      className={`shrink-0 rounded px-1 text-[10px] font-bold text-white uppercase ${pickOf(i) === "chosen" ? "bg-emerald-700" : "bg-rose-700"}`}
                    >
                      {pickOf(i)}
                    </span>
                  )}
                </button>
              ))}
            </div>
          </nav>
          <div ref={cards} className={`grid gap-x-3 gap-y-4 ${COLUMNS[n] ?? COLUMNS[4]}`}>
            {record.completions.map((c, i) => (
              <CompletionCard
                // A new record gets cards of its own: nothing folded open or switched to raw carries over.
                key={`${record.row}:${i}`}
                completion={c}
                index={i}
                query={query}
                marks={marksOf(i)}
                picked={pickOf(i)}
                responseRef={scroll.ref(i)}
                onResponseScroll={scroll.onScroll(i)}
                matched={focus?.matched ? focus.matched.includes(i) : null}
                flagged={
                  focus?.flagged?.completions.find((f) => f.index === i)
                    ? { check: focus.flagged.check, why: focus.flagged.completions.find((f) => f.index === i)!.why }
                    : null
                }
                scoped={focus?.model != null && c.model === focus.model}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
