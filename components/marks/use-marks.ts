"use client";
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from "react";
import type { MarkBook } from "@/lib/marks/book";
import { markScope } from "@/lib/marks/keys";
import type { Mark, MarkCounts } from "@/lib/marks/types";
import type { LoadedDataset } from "@/lib/types";
import { useWorkspace } from "@/components/query/workspace";

/** The marks of the dataset on screen, and what marking does. */
export interface DatasetMarks {
  scope: string;
  book: MarkBook;
  /** Its marks are in its engine's table: the filter, the list column and exports read them. */
  ready: boolean;
  counts: MarkCounts;
  /** Whether marking a row moves on to the next (as `j`), or stays on it. */
  stay: boolean;
  setStay: (stay: boolean) => void;
  /** Marks the open record (or one completion of it); a note alone leaves the decision as it is. */
  markRecord: (change: { mark?: Mark | null; note?: string; completion?: number | null; advance?: boolean }) => void;
  undo: () => void;
  /** What the last action was, in words, for the status line ("discard · 1 row"). */
  said: string | null;
}

export const MarksContext = createContext<DatasetMarks | null>(null);

/** The marks of the dataset on screen; its value changes with every change of them, so its readers follow. */
export const useMarksContext = () => useContext(MarksContext);

/** Re-renders with every change of the page's marks. */
export function useMarkVersion(book: MarkBook | null | undefined): number {
  return useSyncExternalStore(
    book?.subscribe ?? noop,
    () => book?.version ?? 0,
    () => 0,
  );
}
const noop = () => () => undefined;

/**
 * Opens the marks of the dataset on screen: read from the browser's store once, then put in its
 * engine's `marks` table (again after a server connection is renewed).
 */
export function useDatasetScope(ds: LoadedDataset | null): { scope: string | null; ready: boolean } {
  const ws = useWorkspace();
  // A plain string, the same for every render of one dataset.
  const scope = ds ? markScope(ds) : null;
  const table = ds?.derived?.marks ?? null;
  const tableVersion = useSyncExternalStore(
    table?.subscribe ?? noop,
    () => table?.version ?? 0,
    () => 0,
  );
  const ready = !!ds && scope !== null && table?.scopeOf(ds.table) === scope;
  const dsTable = ds?.table ?? null;
  useEffect(() => {
    if (!ws || !dsTable || !table || scope === null || ready) return;
    void ws.marks
      .open(scope)
      .then(() => table.attach(dsTable, scope, () => ws.marks.entries(scope)))
      .catch(() => undefined);
  }, [ws, dsTable, table, scope, ready, tableVersion]);
  return { scope, ready };
}

/** The marks of the dataset on screen for the views below: its scope, counts, and the record keys' actions. */
export function useMarksValue(
  scope: string | null,
  ready: boolean,
  actions: Pick<DatasetMarks, "stay" | "setStay" | "markRecord" | "undo" | "said">,
): DatasetMarks | null {
  const ws = useWorkspace();
  const version = useMarkVersion(ws?.marks);
  const { stay, setStay, markRecord, undo, said } = actions;
  return useMemo(
    () =>
      ws && scope !== null
        ? { scope, book: ws.marks, ready, counts: ws.marks.counts(scope), stay, setStay, markRecord, undo, said }
        : null,
    // The counts follow the marks' version.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ws, scope, ready, stay, setStay, markRecord, undo, said, version],
  );
}
