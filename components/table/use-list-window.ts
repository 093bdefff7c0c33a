"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { datasetFrame, type DataFrame } from "@/lib/data/frame";
import type { ListRow } from "@/lib/data/list";
import { listKey } from "@/lib/sql/list";
import type { DatasetRef, ListState } from "@/lib/types";
import { useServerEpoch, useServerGone, useWorkspace } from "@/components/query/workspace";

export const PAGE = 100;

/** The rows a dataset lists, as a data frame over its engine (null before there is a dataset). */
export function useDatasetFrame(ds: DatasetRef | null, state: ListState, count: number): DataFrame | null {
  const ws = useWorkspace();
  const epoch = useServerEpoch(ds?.engine);
  const key = ds ? listKey(ds, state) : "";
  return useMemo(
    () =>
      ws && ds
        ? datasetFrame(ds, state, count, (signal) => ws.queriesFor(ds).client({ priority: "list", signal }), epoch)
        : null,
    // `key` stands for the dataset and the list state
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ws, key, count, epoch],
  );
}

/**
 * Rows of a data frame, fetched a page at a time as the list scrolls. Pages that scroll out of
 * view before their answer comes are cancelled in the query queue, so a fling asks only for where it
 * stops. A change of dataset, search, filters or sort starts a fresh cache. While a table is still
 * loading, each new batch starts a fresh cache too, but the rows last fetched for the same view stay
 * on screen until their pages come again, so the list does not flicker.
 */
export function useListWindow(
  frame: DataFrame | null,
  /** What stays the same while a table grows (the view, not its row count): rows last shown stay until replaced. */
  base: string,
  engine: DatasetRef["engine"],
  /** Rows known before the database can list them (the bundled sample's first page). */
  initial?: ListRow[],
) {
  const [version, setVersion] = useState(0);
  const key = frame?.key ?? "";
  const lastShown = useMemo(() => ({ base, rows: new Map<number, ListRow>() }), [base]);
  // A server that stopped answering leaves on screen the rows of the view it last answered.
  const gone = useServerGone(engine);
  const [held, setHeld] = useState(lastShown);
  if (!gone && held !== lastShown && lastShown.rows.size > 0) setHeld(lastShown);
  const cache = useMemo(
    () => ({ key, rows: new Map<number, ListRow>(), pending: new Map<number, AbortController>() }),
    [key],
  );
  useEffect(() => () => cache.pending.forEach((c) => c.abort()), [cache]);
  // Pages that land in the same animation frame show in one render.
  const paint = useRef<number | null>(null);
  const bump = useCallback(() => {
    paint.current ??= requestAnimationFrame(() => {
      paint.current = null;
      setVersion((v) => v + 1);
    });
  }, []);
  useEffect(() => () => void (paint.current !== null && cancelAnimationFrame(paint.current)), []);

  const ensure = useCallback(
    (start: number, end: number) => {
      if (!frame) return;
      const first = Math.floor(start / PAGE);
      const last = Math.floor(end / PAGE);
      for (const [page, controller] of cache.pending) {
        if (page < first - 1 || page > last + 1) {
          controller.abort();
          cache.pending.delete(page);
        }
      }
      for (let page = first; page <= last; page++) {
        if (cache.pending.has(page) || cache.rows.has(page * PAGE)) continue;
        const controller = new AbortController();
        cache.pending.set(page, controller);
        frame.fetch({ rowStart: page * PAGE, rowEnd: page * PAGE + PAGE, signal: controller.signal }).then(
          (list) => {
            if (controller.signal.aborted) return;
            cache.pending.delete(page);
            list.forEach((r, i) => {
              cache.rows.set(page * PAGE + i, r);
              lastShown.rows.set(page * PAGE + i, r);
            });
            bump();
          },
          () => cache.pending.delete(page),
        );
      }
    },
    [frame, cache, lastShown, bump],
  );

  const rowAt = useCallback(
    (i: number) => cache.rows.get(i) ?? lastShown.rows.get(i) ?? (gone ? held.rows.get(i) : undefined) ?? initial?.[i],
    [cache, lastShown, initial, gone, held],
  );
  return { rowAt, ensure, version };
}
