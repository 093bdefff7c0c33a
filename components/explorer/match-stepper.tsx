"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { MATCH_NEXT_RECORD, MATCH_STEP } from "./keymap";
import { STEPPER_HEIGHT } from "@/components/record/sticky";

/** The search's marks in the open record (the overlap box's marks are not matches). */
const marksIn = (panel: Element | null | undefined) =>
  Array.from(panel?.querySelectorAll<HTMLElement>("mark:not([data-overlap])") ?? []);

/**
 * "Match 2 of 7" at the top of the open record, with buttons (and the keys n / Shift+N) that scroll to
 * the next or previous match of the search and ring it, so a match far down a long record is reached.
 * Keyed by the record and the search, so each starts anew.
 */
/**
 * A step past the last match asked for the next record: the stepper of the record that opens next goes
 * to its first match (or its last, stepping back). Dropped when no other record opens in a few seconds.
 */
let carried: { from: number; delta: number; at: number } | null = null;
const CARRY_MS = 5000;

export function MatchStepper({ query, row }: { query: string; row: number }) {
  const box = useRef<HTMLDivElement>(null);
  const at = useRef(-1);
  const [shown, setShown] = useState({ count: 0, at: -1 });
  const panel = () => box.current?.closest("#record-panel");

  const go = useCallback(
    (delta: number) => {
      const marks = marksIn(panel());
      const last = delta > 0 ? at.current === marks.length - 1 : at.current === 0;
      if (!marks.length || (last && at.current !== -1)) {
        carried = { from: row, delta, at: Date.now() };
        window.dispatchEvent(new CustomEvent(MATCH_NEXT_RECORD, { detail: delta > 0 ? 1 : -1 }));
        return;
      }
      const next =
        at.current === -1 && delta < 0 ? marks.length - 1 : (at.current + delta + marks.length) % marks.length;
      marks[at.current]?.removeAttribute("data-current");
      at.current = next;
      marks[next]!.setAttribute("data-current", "true");
      marks[next]!.scrollIntoView({ block: "center" });
      setShown({ count: marks.length, at: next });
    },
    [row],
  );

  // Marks appear as the record renders (and as folded parts open): count them as they come.
  useEffect(() => {
    const p = panel();
    if (!p) return;
    const recount = () => {
      const count = marksIn(p).length;
      if (count > 0 && carried && carried.from !== row && Date.now() - carried.at < CARRY_MS) {
        const delta = carried.delta;
        carried = null;
        go(delta);
        return;
      }
      setShown((s) => {
        const next = Math.min(s.at, count - 1);
        return count === s.count && next === s.at ? s : { count, at: next };
      });
    };
    const frame = requestAnimationFrame(recount);
    const observer = new MutationObserver(recount);
    observer.observe(p, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [go, row]);

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
      style={{ height: STEPPER_HEIGHT }}
      className="sticky -top-4 z-30 -mx-4 -mt-4 mb-3 flex items-center gap-2 overflow-hidden border-b border-slate-200 bg-slate-50 px-4 text-xs text-slate-600"
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
