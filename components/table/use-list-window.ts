"use client";
import { useCallback, useMemo, useState } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchListPage, type ListRow } from "@/lib/data/list";
import { listKey, type DatasetRef, type ListState } from "@/lib/sql/list";

const PAGE = 100;

/**
 * Rows of the current order, fetched a page at a time as the list scrolls. A change of dataset,
 * search, filters or sort starts a fresh cache; answers for an old one land in the old cache and are dropped.
 * While a table is still loading, each new batch starts a fresh cache too, but the rows last fetched for
 * the same view stay on screen until their pages come again, so the list does not flicker.
 */
export function useListWindow(
  engine: Engine | null,
  ds: DatasetRef | null,
  state: ListState,
  /** Rows known before the database can list them (the bundled sample's first page). */
  initial?: ListRow[],
) {
  const [version, setVersion] = useState(0);
  const key = ds ? listKey(ds, state) : "";
  const base = ds ? listKey({ ...ds, rows: undefined } as DatasetRef, state) : "";
  const lastShown = useMemo(() => ({ base, rows: new Map<number, ListRow>() }), [base]);
  const cache = useMemo(() => ({ key, rows: new Map<number, ListRow>(), pending: new Set<number>() }), [key]);

  const ensure = useCallback(
    (start: number, end: number) => {
      if (!engine || !ds) return;
      for (let page = Math.floor(start / PAGE); page <= Math.floor(end / PAGE); page++) {
        if (cache.pending.has(page)) continue;
        cache.pending.add(page);
        fetchListPage(engine, ds, state, page * PAGE, PAGE)
          .then((list) => {
            list.forEach((r, i) => {
              cache.rows.set(page * PAGE + i, r);
              lastShown.rows.set(page * PAGE + i, r);
            });
            setVersion((v) => v + 1);
          })
          .catch(() => cache.pending.delete(page));
      }
    },
    // state is part of the cache key
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [engine, ds, cache, lastShown],
  );

  const rowAt = useCallback(
    (i: number) => cache.rows.get(i) ?? lastShown.rows.get(i) ?? initial?.[i],
    [cache, lastShown, initial],
  );
  return { rowAt, ensure, version };
}
