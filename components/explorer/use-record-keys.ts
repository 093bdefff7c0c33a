"use client";
import { useCallback, useEffect, useRef } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchListPage, fetchPosition } from "@/lib/data/list";
import type { LoadedDataset } from "@/lib/ingest/load";
import type { ListState } from "@/lib/sql/list";
import type { Pane, ViewState } from "@/lib/state/url-state";

function typing(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    el?.isContentEditable === true
  );
}

interface Options {
  engine: Engine | null;
  shown: LoadedDataset | null;
  listState: ListState;
  count: number | null;
  selectedRow: number | null;
  help: boolean;
  setHelp: (open: boolean) => void;
  view: ViewState;
  update: (patch: Partial<ViewState>, push?: boolean) => void;
  setPane: (pane: Pane) => void;
  isFeedback: boolean;
  onScrollTo: (index: number) => void;
}

/**
 * The page's keys (listed in the help overlay): j/k step through records in any pane, Enter/o opens
 * one full width, Esc goes back, l shows the list alone, m the model summary, ? the help.
 * Returns `step`, for the buttons that do the same.
 */
export function useRecordKeys({
  engine,
  shown,
  listState,
  count,
  selectedRow,
  help,
  setHelp,
  view,
  update,
  setPane,
  isFeedback,
  onScrollTo,
}: Options) {
  // Steps run one after another, each from where the one before landed, so fast key repeats add up.
  const steps = useRef<{ queue: Promise<void>; row: number | null }>({ queue: Promise.resolve(), row: null });
  useEffect(() => {
    steps.current.row = selectedRow;
  }, [selectedRow]);

  /** Selects the record `delta` places away in the current order, in any pane. */
  const step = useCallback(
    (delta: number) => {
      const s = steps.current;
      s.queue = s.queue
        .then(async () => {
          if (!engine || !shown || s.row === null || count === null) return;
          const pos = await fetchPosition(engine, shown, listState, s.row);
          const next = Math.min(count - 1, Math.max(0, (pos ?? -1) + delta));
          const [r] = await fetchListPage(engine, shown, listState, next, 1);
          if (r) {
            s.row = r.row;
            update({ row: r.row });
            onScrollTo(next);
          }
        })
        .catch(() => undefined);
    },
    [engine, shown, listState, count, update, onScrollTo],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (help) {
        if (e.key === "Escape" || e.key === "?") {
          e.preventDefault();
          setHelp(false);
        }
        return;
      }
      if (typing(e.target)) return;
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      if (e.key === "?") setHelp(true);
      else if (e.key === "j") step(1);
      else if (e.key === "k") step(-1);
      else if ((e.key === "Enter" && !onControl) || e.key === "o") {
        const s = steps.current;
        s.queue = s.queue.then(() => {
          if (s.row !== null) update({ pane: "record", row: s.row }, true);
        });
      } else if (e.key === "Escape" && view.pane !== "split") setPane("split");
      else if (e.key === "l") setPane(view.pane === "list" ? "split" : "list");
      else if (e.key === "m" && isFeedback) update({ models: !view.models });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [help, setHelp, step, update, view.pane, view.models, setPane, isFeedback]);
  return step;
}
