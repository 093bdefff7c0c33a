"use client";
import { fetchCount } from "@/lib/data/list";
import { listKey } from "@/lib/sql/list";
import type { ListState, LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

/**
 * How many rows the list shows, counted in SQL. While a table grows, the last count of the same view
 * stands until the new one is in; null until the first count of a view.
 */
export function useListCount(shown: LoadedDataset | null, listState: ListState): number | null {
  const key = shown ? listKey(shown, listState) : null;
  const base = shown ? listKey({ ...shown, rows: undefined }, listState) : null;
  const counted = useQuery(
    key === null ? null : [key],
    async (db) => ({ base, n: await fetchCount(db, shown!, listState) }),
    "count",
  );
  if (counted.error) return 0;
  return counted.data && counted.data.base === base ? counted.data.n : null;
}
