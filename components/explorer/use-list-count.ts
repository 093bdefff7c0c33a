"use client";
import { fetchCount } from "@/lib/data/list";
import { listKey } from "@/lib/sql/list";
import type { ListState, LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";
import { useServerGone } from "@/components/query/workspace";

/**
 * How many rows the list shows, counted in SQL. While a table grows, the last count of the same view
 * stands until the new one is in (the status says "so far"); once the table is whole only its own count
 * is shown, never one of fewer rows beside the final total. Null until then.
 */
export function useListCount(shown: LoadedDataset | null, listState: ListState): number | null {
  const key = shown ? listKey(shown, listState) : null;
  const base = shown ? listKey({ ...shown, rows: undefined }, listState) : null;
  const counted = useQuery(
    key === null ? null : [key],
    async (db) => ({ key, base, n: await fetchCount(db, shown!, listState) }),
    "count",
    shown?.engine,
  );
  // A server that stopped answering leaves the list as it was until it answers again.
  const gone = useServerGone(shown?.engine);
  if (counted.error) return 0;
  const data = counted.data;
  if (data && gone) return data.n;
  if (!data || data.base !== base) return null;
  return data.key === key || shown?.loading ? data.n : null;
}
