"use client";
import { useEffect, useState } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchMatchCount } from "@/lib/data/feedback";
import type { LoadedDataset } from "@/lib/ingest/load";

export interface RawPartner {
  id: string;
  ds: LoadedDataset;
  /** Pairs whose prompt is an instruction of the raw rows; null while counting. */
  matched: number | null;
}

/** For binarized pairs: the raw UltraFeedback rows loaded beside them (the latest), and how many prompts match. */
export function useRawPartner(
  engine: Engine | null,
  datasets: ReadonlyMap<string, LoadedDataset>,
  shown: LoadedDataset | null,
): RawPartner | null {
  let partner: [string, LoadedDataset] | null = null;
  if (shown?.layout === "ultrafeedback_binarized") {
    for (const entry of datasets) if (entry[1].layout === "ultrafeedback") partner = entry;
  }
  const [id, raw] = partner ?? [null, null];
  const key = raw && shown ? `${shown.table}|${raw.table}` : "";
  const [counted, setCounted] = useState<{ key: string; n: number } | null>(null);
  useEffect(() => {
    if (!engine || !raw || !shown) return;
    let live = true;
    fetchMatchCount(engine, shown, raw).then(
      (n) => live && setCounted({ key, n }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [engine, raw, shown, key]);
  if (!raw || id === null) return null;
  return { id, ds: raw, matched: counted?.key === key ? counted.n : null };
}
