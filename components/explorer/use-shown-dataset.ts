"use client";
import { useEffect, useRef, useState } from "react";
import { DEFAULT_SAMPLE } from "@/lib/datasets/samples";
import type { ViewState } from "@/lib/state/url-state";
import type { LoadedDataset } from "@/lib/types";
import { useWorkspace, useWorkspaceState } from "@/components/query/workspace";
import { sourcesFor } from "./dataset-sources";

/**
 * The dataset the URL names, and the one on screen: a sample or a remote split loads by itself (once
 * per visit of its id), a local file must be picked again. Until the named one has rows, the last one
 * stays on screen; a failed load puts the URL back on it.
 */
export function useShownDataset(view: ViewState, update: (patch: Partial<ViewState>) => void, base: string) {
  const ws = useWorkspace();
  const state = useWorkspaceState();
  const dsId = view.ds ?? DEFAULT_SAMPLE;
  const wanted = state.datasets.get(dsId);
  const [shown, setShown] = useState<LoadedDataset | null>(null);
  if (wanted && wanted !== shown) setShown(wanted);

  const requested = useRef<string | null>(null);
  const loadingIt = state.loads.some((l) => l.id === dsId);
  useEffect(() => {
    if (wanted) {
      requested.current = null;
      return;
    }
    if (!ws || !state.ready || loadingIt || requested.current === dsId) return;
    const planned = sourcesFor(dsId, base);
    if (!planned) return;
    requested.current = dsId;
    const back = shown?.id ?? null;
    void ws.load(dsId, planned.label, planned.sources).then((ds) => {
      if (!ds && back && back !== dsId) update({ ds: back });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ws, state.ready, dsId, wanted, loadingIt]);

  // The first search of a whole dataset builds its search column; searches after it scan that.
  const searching = view.q.trim() !== "";
  const whole = wanted !== undefined && !wanted.loading;
  useEffect(() => {
    if (searching && whole) ws?.prepareSearch(dsId);
  }, [ws, searching, whole, dsId]);

  return {
    dsId,
    shown,
    state,
    missing: wanted || loadingIt ? null : missingReason(dsId),
    preparing: state.preparing.has(dsId),
  };
}

/** Why a dataset the URL names cannot come back by itself after a reload. */
function missingReason(id: string): string | null {
  if (id.startsWith("file:")) {
    return `${id.slice(5)} was opened from this computer in another session. Open it again to read it here.`;
  }
  if (id.startsWith("query:")) {
    return "This was a query result in another session. Run the query again in the SQL console to open it.";
  }
  return null;
}
