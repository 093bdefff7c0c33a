"use client";
import { fetchMatchCount } from "@/lib/data/feedback";
import { specOf } from "@/lib/layouts/registry";
import type { LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

export interface RawPartner {
  ds: LoadedDataset;
  /** Pairs whose prompt is an instruction of the raw rows; null while counting. */
  matched: number | null;
}

/**
 * For binarized pairs: the raw UltraFeedback rows beside them — the partner the link names (`pair=`),
 * else the latest loaded — and how many prompts match.
 */
export function useRawPartner(
  datasets: ReadonlyMap<string, LoadedDataset>,
  shown: LoadedDataset | null,
  pairId: string | null,
): RawPartner | null {
  let raw: LoadedDataset | null = null;
  const partner = shown ? specOf(shown.layout).rawPartner : undefined;
  // On the same engine: a pair on the server joins raw rows on the server.
  const engine = shown?.engine ?? "browser";
  const fits = (ds: LoadedDataset | undefined): ds is LoadedDataset =>
    ds !== undefined && ds.layout === partner && !ds.loading && (ds.engine ?? "browser") === engine;
  if (partner) {
    for (const ds of datasets.values()) if (fits(ds)) raw = ds;
    const named = pairId ? datasets.get(pairId) : undefined;
    if (fits(named)) raw = named;
  }
  const key = raw && shown ? [shown.table, shown.rows, raw.table, raw.rows] : null;
  const matched = useQuery(key, (db) => fetchMatchCount(db, shown!, raw!), "panel", shown?.engine);
  if (!raw) return null;
  return { ds: raw, matched: matched.pending ? null : (matched.data ?? null) };
}
