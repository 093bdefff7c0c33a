"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { MATCH_STEP } from "./keymap";

/** The search's marks in the open record (the overlap box's marks are not matches). */
const marksIn = (panel: Element | null | undefined) =>
  Array.from(panel?.querySelectorAll<HTMLElement>("mark:not([data-overlap])") ?? []);

/**
 * "Match 2 of 7" at the top of the open record, with buttons (and the keys n / Shift+N) that scroll to
 * the next or previous match of the search and ring it, so a match far down a long record is reached.
 * Keyed by the record and the search, so each starts anew.
 */
export function MatchStepper({ query }: { query: string }) {
  const box = useRef<HTMLDivElement>(null);
  const at = useRef(-1);
  const [shown, setShown] = useState({ count: 0, at: -1 });
  const panel = () => box.current?.closest("#record-panel");

  // Marks appear as the record renders (and as folded parts open): count them as they come.
  useEffect(() => {
    const p = panel();
    if (!p) return;
    const recount = () =>
      setShown((s) => {
        const count = marksIn(p).length;
        const next = Math.min(s.at, count - 1);
        return count === s.count && next === s.at ? s : { count, at: next };
      });
    const frame = requestAnimationFrame(recount);
    const observer = new MutationObserver(recount);
    observer.observe(p, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);

  const go = useCallback((delta: number) => {
    const marks = marksIn(panel());
    if (!marks.length) return;
    const next = at.current === -1 && delta < 0 ? marks.length - 1 : (at.current + delta + marks.length) % marks.length;
    marks[at.current]?.removeAttribute("data-current");
    at.current = next;
    marks[next]!.setAttribute("data-current", "true");
    marks[next]!.scrollIntoView({ block: "center" });
    setShown({ count: marks.length, at: next });
  }, []);

  useEffect(() => {
    const onStep = (e: Event) => go((e as CustomEvent<number>).detail);
    window.addEventListener(MATCH_STEP, onStep);
    return () => window.removeEventListener(MATCH_STEP, onStep);
  }, [go]);

  return (
    <div
      ref={box}
      data-testid="match-stepper"
      data-count={shown.count}
      className="sticky -top-4 z-20 -mx-4 -mt-4 mb-3 flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-xs text-slate-600"
    >
      <span data-testid="match-count" aria-live="polite">
        {shown.count === 0
          ? `No match of “${query}” shown in this record`
          : shown.at === -1
            ? `${shown.count} match${shown.count === 1 ? "" : "es"} of “${query}”`
            : `Match ${shown.at + 1} of ${shown.count}`}
      </span>
      <StepButton
        testId="match-prev"
        label="Previous match (Shift+N)"
        disabled={shown.count === 0}
        onClick={() => go(-1)}
      >
        ↑
      </StepButton>
      <StepButton testId="match-next" label="Next match (n)" disabled={shown.count === 0} onClick={() => go(1)}>
        ↓
      </StepButton>
    </div>
  );
}

function StepButton(props: {
  testId: string;
  label: string;
  disabled: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={props.testId}
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
      className="rounded border border-slate-300 bg-white px-1.5 disabled:opacity-40"
    >
      {props.children}
    </button>
  );
}
