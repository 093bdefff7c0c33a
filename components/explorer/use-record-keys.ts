"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { fetchListPage, fetchPosition } from "@/lib/data/list";
import { rowKey } from "@/lib/marks/actions";
import type { Mark } from "@/lib/marks/types";
import type { LoadedDataset, ListState, Pane } from "@/lib/types";
import type { ViewState } from "@/lib/state/url-state";
import { useWorkspace } from "@/components/query/workspace";
import { actionOf, MATCH_NEXT_RECORD, MATCH_STEP, NOTE_EDIT } from "./keymap";

/** Inputs whose keys are not text: a page key still works after one is ticked or moved. */
const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

/** Keys typed here are text (or pick an option), not page keys. */
export function typing(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return (
    (el instanceof HTMLInputElement && !NOT_TEXT.has(el.type)) ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    el?.isContentEditable === true
  );
}

/** Focus to the list (its selected row stays selected; ↓/↑ move from it). */
export const focusList = () => document.getElementById("record-list")?.focus({ preventScroll: true });
/** Focus to the open record, so the keys that scroll read it. */
export const focusRecord = () => document.getElementById("record-panel")?.focus({ preventScroll: true });

interface Options {
  shown: LoadedDataset | null;
  listState: ListState;
  count: number | null;
  selectedRow: number | null;
  openHelp: () => void;
  view: ViewState;
  update: (patch: Partial<ViewState>, push?: boolean) => void;
  setPane: (pane: Pane) => void;
  hasModels: boolean;
  onScrollTo: (index: number) => void;
  /** The marks of the dataset on screen, once they are in its engine's table. */
  marks: { scope: string; ready: boolean; stay: boolean } | null;
}

export interface MarkRequest {
  mark?: Mark | null;
  note?: string;
  completion?: number | null;
  /** Moves on to the next record afterwards (unless the reader chose to stay). */
  advance?: boolean;
}

/**
 * The page's keys (see `KEYMAP`): j/k step through records in any pane, Enter/o opens one full width,
 * Esc goes back, l shows the list alone, / searches, m the model summary, ? the help.
 * Returns `step`, for the buttons that do the same.
 */
export function useRecordKeys({
  shown,
  listState,
  count,
  selectedRow,
  openHelp,
  view,
  update,
  setPane,
  hasModels,
  onScrollTo,
  marks,
}: Options) {
  const ws = useWorkspace();
  // Steps run one after another, each from where the one before landed, so fast key repeats add up.
  const steps = useRef<{ queue: Promise<void>; row: number | null }>({ queue: Promise.resolve(), row: null });
  useEffect(() => {
    steps.current.row = selectedRow;
  }, [selectedRow]);

  /** Moves the selection `delta` places in the current order (run inside the step queue). */
  const move = useCallback(
    async (delta: number) => {
      const s = steps.current;
      if (!ws || !shown || s.row === null) return;
      const db = ws.queriesFor(shown).client({ priority: "list" });
      const pos = await fetchPosition(db, shown, listState, s.row);
      // Before the list is counted, a step past the end finds no row and stays.
      const wanted = Math.max(0, (pos ?? -1) + delta);
      const next = count === null ? wanted : Math.min(count - 1, wanted);
      const [r] = await fetchListPage(db, shown, listState, next, 1);
      if (r) {
        s.row = r.row;
        update({ row: r.row });
        onScrollTo(next);
      }
    },
    [ws, shown, listState, count, update, onScrollTo],
  );

  /** Selects the record `delta` places away in the current order, in any pane. */
  const step = useCallback(
    (delta: number) => {
      const s = steps.current;
      s.queue = s.queue.then(() => move(delta)).catch(() => undefined);
    },
    [move],
  );

  // Past the last match of a record, `n` goes on to the next record (Shift+N past the first, to the previous).
  useEffect(() => {
    const onNext = (e: Event) => step((e as CustomEvent<number>).detail);
    window.addEventListener(MATCH_NEXT_RECORD, onNext);
    return () => window.removeEventListener(MATCH_NEXT_RECORD, onNext);
  }, [step]);

  // What the last marking did, for the status beside the mark bar.
  const [said, setSaid] = useState<string | null>(null);
  /** Marks the selected record (in turn with the steps, so a fast `1 1 1` marks three rows), then moves on. */
  const markRecord = useCallback(
    (req: MarkRequest) => {
      const s = steps.current;
      s.queue = s.queue
        .then(async () => {
          if (!ws || !shown || !marks?.ready || s.row === null) return;
          const key = await rowKey(ws.queriesFor(shown).client({ priority: "list" }), shown, s.row);
          if (key === null) {
            setSaid(`Row ${s.row} has no id to keep a mark under.`);
            return;
          }
          const completion = req.completion ?? null;
          const what = req.mark === undefined ? "note" : (req.mark ?? "clear");
          const label = `${what}${completion === null ? "" : ` of completion ${completion + 1}`} · row ${s.row}`;
          await ws.marks.apply(marks.scope, [{ key, completion, mark: req.mark, note: req.note }], label);
          setSaid(label);
          if (req.advance && !marks.stay) await move(1);
        })
        .catch((e: unknown) => setSaid(`Not marked: ${(e as Error).message}`));
    },
    [ws, shown, marks, move],
  );

  const undo = useCallback(() => {
    const s = steps.current;
    s.queue = s.queue
      .then(async () => {
        const done = await ws?.marks.undo();
        setSaid(done ? `Undone: ${done.label}` : "Nothing to undo.");
      })
      .catch(() => undefined);
  }, [ws]);

  // Opening a record full width puts focus in it; closing it puts focus back on the list, at its row.
  const lastPane = useRef(view.pane);
  useEffect(() => {
    const was = lastPane.current;
    lastPane.current = view.pane;
    if (was === view.pane) return;
    const t = requestAnimationFrame(() => (view.pane === "record" ? focusRecord() : was === "record" && focusList()));
    return () => cancelAnimationFrame(t);
  }, [view.pane]);

  // The key handler reads the marks as they are on screen (not as they were when it was attached):
  // a key pressed right after the mark bar appears marks the record.
  const latest = useRef({ marks, markRecord, undo, layout: shown?.layout });
  useLayoutEffect(() => {
    latest.current = { marks, markRecord, undo, layout: shown?.layout };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
      // A dialog (the help, the catalog) keeps its keys to itself.
      if (document.querySelector('[aria-modal="true"]')) return;
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      const action = actionOf(e.key);
      if (action === "help") openHelp();
      else if (action === "next") step(1);
      else if (action === "previous") step(-1);
      else if (action === "open" && !(e.key === "Enter" && onControl)) {
        const s = steps.current;
        s.queue = s.queue.then(() => {
          if (s.row !== null) update({ pane: "record", row: s.row }, true);
        });
      } else if (action === "back" && view.pane !== "split") setPane("split");
      else if (action === "nextMatch" || action === "previousMatch") {
        window.dispatchEvent(new CustomEvent(MATCH_STEP, { detail: action === "nextMatch" ? 1 : -1 }));
      } else if (action === "list") setPane(view.pane === "list" ? "split" : "list");
      else if (action === "search") document.getElementById("search")?.focus();
      else if (action === "models" && hasModels) update({ models: !view.models });
      else if (action === "stats") update({ panel: view.panel === "stats" ? null : "stats" }, true);
      else if (action === "console") update({ panel: view.panel === "sql" ? null : "sql" }, true);
      else if (action === "checks") update({ panel: view.panel === "checks" ? null : "checks" }, true);
      else if (
        (action === "keep" || action === "discard" || action === "review" || action === "swap") &&
        marks?.ready &&
        (action !== "swap" || shown?.layout === "ultrafeedback_binarized")
      )
        markRecord({ mark: action, advance: true });
      else if (action === "clear" && marks?.ready) markRecord({ mark: null });
      else if (action === "note" && marks?.ready && view.pane !== "list")
        window.dispatchEvent(new CustomEvent(NOTE_EDIT));
      else if (action === "undo") undo();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [
    openHelp,
    step,
    update,
    view.pane,
    view.models,
    view.panel,
    setPane,
    hasModels,
    marks,
    markRecord,
    undo,
    shown?.layout,
  ]);
  return { step, markRecord, undo, said };
}
