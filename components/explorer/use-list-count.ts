"use client";
import { useEffect, useState } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchCount } from "@/lib/data/list";
import type { LoadedDataset } from "@/lib/ingest/load";
import { listKey, type ListState } from "@/lib/sql/list";

/**
 * How many rows the list shows, counted in SQL. While a table grows, the last count of the same view
 * stands until the new one is in; null until the first count of a view.
 */
export function useListCount(engine: Engine | null, shown: LoadedDataset | null, listState: ListState) {
  const [counted, setCounted] = useState<{ key: string; base: string; n: number } | null>(null);
  const key = shown ? listKey(shown, listState) : "";
  const base = shown ? listKey({ ...shown, rows: undefined }, listState) : "";
  useEffect(() => {
    if (!engine || !shown) return;
    let live = true;
    fetchCount(engine, shown, listState).then(
      (n) => live && setCounted({ key, base, n }),
      () => live && setCounted({ key, base, n: 0 }),
    );
    return () => {
      live = false;
    };
  }, [engine, shown, listState, key, base]);
  return counted?.key === key || counted?.base === base ? (counted?.n ?? null) : null;
}
