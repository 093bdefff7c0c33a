"use client";
import { fetchListPage, fetchPosition } from "@/lib/data/list";
import { listKey } from "@/lib/sql/list";
import type { ListState, LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

/**
 * The row the list shows first, and whether the row a link or a click opened is among those listed,
 * each asked of the database (the list may not be on screen: the record alone follows the filters
 * too). While a table grows, the last answer of the same view stands until the new one is in.
 */
export function useListedRow(
  shown: LoadedDataset | null,
  listState: ListState,
  row: number | null,
): { first: number | null; listed: boolean | null } {
  const key = shown ? listKey(shown, listState) : null;
  const base = shown ? listKey({ ...shown, rows: undefined }, listState) : null;
  const first = useQuery(
    key === null ? null : [key, "first"],
    async (db) => ({ base, row: (await fetchListPage(db, shown!, listState, 0, 1))[0]?.row ?? null }),
    "list",
    shown?.engine,
  );
  const member = useQuery(
    key === null || row === null ? null : [key, "member", row],
    async (db) => ({ base, row, listed: (await fetchPosition(db, shown!, listState, row!)) !== null }),
    "list",
    shown?.engine,
  );
  const current = <T extends { base: string | null }>(q: { data?: T; stale: boolean }) =>
    q.data && q.data.base === base && (!q.stale || shown?.loading) ? q.data : null;
  const listed = current(member);
  return { first: current(first)?.row ?? null, listed: listed && listed.row === row ? listed.listed : null };
}
