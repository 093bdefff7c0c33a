"use client";
import { useCallback } from "react";
import { SAMPLES, sampleById } from "@/lib/datasets/samples";
import type { Workspace } from "@/lib/datasets/workspace";
import { sourceFingerprint, type IngestSource } from "@/lib/ingest/protocol";
import { specOf } from "@/lib/layouts/registry";
import type { ViewState } from "@/lib/state/url-state";
import type { LoadedDataset } from "@/lib/types";
import type { RawLink } from "@/components/feedback/raw-completions";
import type { RawPartner } from "./use-raw-link";

type Update = (patch: Partial<ViewState>, push?: boolean) => void;

/** What a fresh dataset starts with: no search, no sort, no filters, no row. */
export const FRESH: Partial<ViewState> = {
  q: "",
  sort: null,
  row: null,
  clauses: [],
  columns: [],
  pair: null,
  pairKind: null,
  pairKey: null,
};

/**
 * Opens local files (picked or dropped) as one dataset. The view moves to the new rows as soon as the
 * first of them are in; a failure moves it back to what was shown.
 */
export function useOpenFiles(ws: Workspace | null, update: Update, current: string | null, as: "ds" | "pair" = "ds") {
  return useCallback(
    (files: File[]) => {
      if (!ws) return;
      const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
      const names = sorted.length === 1 ? sorted[0]!.name : `${sorted[0]!.name} + ${sorted.length - 1} more`;
      const sources: IngestSource[] = sorted.map((file) => ({ kind: "file", file, name: file.name }));
      const { id, k } = freeFileId(ws, `file:${sorted.map((f) => f.name).join("+")}`, sourceFingerprint(sources));
      const label = k === 1 ? names : `${names} (${k})`;
      let switched = false;
      void ws
        .load(id, label, sources, {
          onFirstRows: () => {
            switched = true;
            // As the partner of the dataset on screen, or as the dataset shown.
            update(as === "pair" ? { pair: id } : { ds: id, ...FRESH }, true);
          },
        })
        .then((ds) => {
          if (!ds && switched) update(as === "pair" ? { pair: null } : { ds: current });
        });
    },
    [ws, update, current, as],
  );
}

/**
 * The id of local files: their names, unless files of the same names (from another folder, or changed
 * since) are open under it: then the next free `~2`, `~3`, so they open beside, never in place of them.
 */
function freeFileId(ws: Workspace, id: string, fingerprint: string): { id: string; k: number } {
  const open = ws.snapshot().datasets;
  for (let k = 1; ; k++) {
    const candidate = k === 1 ? id : `${id}~${k}`;
    const there = open.get(candidate);
    if (!there || there.fingerprint === fingerprint) return { id: candidate, k };
  }
}

/**
 * What a pair needs to show the raw row it came from: the raw rows, a way there, a way to load them
 * (as the pairs' partner, `pair=`, so the link holds both).
 */
export function rawLink(
  shown: LoadedDataset | null,
  partner: RawPartner | null,
  dsId: string,
  update: Update,
): RawLink {
  const layout = shown ? specOf(shown.layout).rawPartner : undefined;
  const rawSample = layout ? SAMPLES.find((s) => s.layout === layout) : undefined;
  return {
    raw: partner ? partner.ds : null,
    onOpenRaw: (row) => partner && update({ ds: partner.ds.id, ...FRESH, row }, true),
    onLoadRaw: rawSample && sampleById(dsId) ? () => update({ pair: rawSample.id }, true) : null,
  };
}
