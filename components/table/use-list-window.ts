"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { fetchListPage, type ListRow } from "@/lib/data/list";
import { listKey } from "@/lib/sql/list";
import type { DatasetRef, ListState } from "@/lib/types";
import { useServerEpoch, useServerGone, useWorkspace } from "@/components/query/workspace";

export const PAGE = 100;

/**
 * Rows of the current order, fetched a page at a time as the list scrolls. Pages that scroll out of
 * view before their answer comes are cancelled in the query queue, so a fling asks only for where it
 * stops. A change of dataset, search, filters or sort starts a fresh cache. While a table is still
 * loading, each new batch starts a fresh cache too, but the rows last fetched for the same view stay
 * on screen until their pages come again, so the list does not flicker.
 */
export function useListWindow(
  ds: DatasetRef | null,
  state: ListState,
  /** Rows known before the database can list them (the bundled sample's first page). */
  initial?: ListRow[],
) {
  const ws = useWorkspace();
  const [version, setVersion] = useState(0);
  const epoch = useServerEpoch(ds?.engine);
  const key = ds ? `${listKey(ds, state)}#${epoch}` : "";
  const base = ds ? listKey({ ...ds, rows: undefined } as DatasetRef, state) : "";
  const lastShown = useMemo(() => ({ base, rows: new Map<number, ListRow>() }), [base]);
  // A server that stopped answering leaves on screen the rows of the view it last answered.
  const gone = useServerGone(ds?.engine);
  const [held, setHeld] = useState(lastShown);
  if (!gone && held !== lastShown && lastShown.rows.size > 0) setHeld(lastShown);
  const cache = useMemo(
    () => ({ key, rows: new Map<number, ListRow>(), pending: new Map<number, AbortController>() }),
    [key],
  );
  useEffect(() => () => cache.pending.forEach((c) => c.abort()), [cache]);
  // Pages that land in the same frame show in one render.
  const frame = useRef<number | null>(null);
  const bump = useCallback(() => {
    frame.current ??= requestAnimationFrame(() => {
      frame.current = null;
      setVersion((v) => v + 1);
    });
  }, []);
  useEffect(() => () => void (frame.current !== null && cancelAnimationFrame(frame.current)), []);

  const ensure = useCallback(
    (start: number, end: number) => {
      if (!ws || !ds) return;
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
        const db = ws.queriesFor(ds).client({ priority: "list", signal: controller.signal });
        fetchListPage(db, ds, state, page * PAGE, PAGE).then(
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
    // state is part of the cache key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ws, ds, cache, lastShown, bump],
  );

  const rowAt = useCallback(
    (i: number) => cache.rows.get(i) ?? lastShown.rows.get(i) ?? (gone ? held.rows.get(i) : undefined) ?? initial?.[i],
    [cache, lastShown, initial, gone, held],
  );
  return { rowAt, ensure, version };
}
