"use client";
import { useCallback } from "react";
import type { Engine } from "@/lib/engine/types";
import { SAMPLES, sampleById } from "@/lib/datasets/samples";
import type { LoadedDataset } from "@/lib/ingest/load";
import type { IngestSource } from "@/lib/ingest/protocol";
import { NO_FILTERS } from "@/lib/sql/filters";
import type { ViewState } from "@/lib/state/url-state";
import type { RawLink } from "@/components/feedback/raw-completions";
import { sampleSources } from "./dataset-sources";
import type { RawPartner } from "./use-raw-link";

type Load = (
  id: string,
  label: string,
  sources: IngestSource[],
  onFirstRows?: () => void,
) => Promise<LoadedDataset | null>;
type Update = (patch: Partial<ViewState>, push?: boolean) => void;

/**
 * Opens local files (picked or dropped) as one dataset. The view moves to the new rows as soon as the
 * first of them are in; a failure moves it back to what was shown.
 */
export function useOpenFiles(load: Load, update: Update, current: string | null) {
  return useCallback(
    (files: File[]) => {
      const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
      const label = sorted.length === 1 ? sorted[0]!.name : `${sorted[0]!.name} + ${sorted.length - 1} more`;
      const id = `file:${sorted.map((f) => f.name).join("+")}`;
      const sources: IngestSource[] = sorted.map((file) => ({ kind: "file", file, name: file.name }));
      let switched = false;
      void load(id, label, sources, () => {
        switched = true;
        update({ ds: id, q: "", sort: null, row: null, filters: NO_FILTERS }, true);
      }).then((ds) => {
        if (!ds && switched) update({ ds: current });
      });
    },
    [load, update, current],
  );
}

/** What a binarized pair needs to show its raw UltraFeedback row: the raw rows, a way there, a way to load them. */
export function rawLink(
  engine: Engine | null,
  partner: RawPartner | null,
  dsId: string,
  load: Load,
  update: Update,
): RawLink {
  const rawSample = SAMPLES.find((s) => s.layout === "ultrafeedback");
  return {
    engine,
    raw: partner ? { ...partner.ds, name: partner.ds.name } : null,
    onOpenRaw: (row) => partner && update({ ds: partner.id, row, q: "", sort: null, filters: NO_FILTERS }, true),
    onLoadRaw:
      rawSample && sampleById(dsId)
        ? () => void load(rawSample.id, rawSample.label, sampleSources(rawSample.id) ?? [])
        : null,
  };
}
