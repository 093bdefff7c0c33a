"use client";
import { useEffect } from "react";
import type { HostTrust } from "@/lib/datasets/trust";
import { computePairing, countFlags, forgetPairing, type PairSide, type PairSummary } from "@/lib/pairs/align";
import { pairSettings } from "@/lib/pairs/rules";
import { specOf } from "@/lib/layouts/registry";
import type { ViewState } from "@/lib/state/url-state";
import type { LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";
import { useWorkspaceState } from "@/components/query/workspace";
import { useNamedDataset, type Asking } from "@/components/explorer/use-shown-dataset";

const sideOf = (ds: LoadedDataset): PairSide => ({ ...ds });

export interface Pairing {
  /** The partner the link names (`pair=`). */
  id: string;
  partner: LoadedDataset | null;
  /** The partner is on another engine than this side (the server's and the page's). */
  apart: boolean;
  asking: Asking | null;
  /** The pairing as computed; null while it is (or while the partner loads). */
  summary: PairSummary | null;
  /** Rows under each flag with the length band in force. */
  counts: Record<string, number> | null;
  error: string | null;
  /** The partner is the raw data this dataset was built from (binarized pairs beside raw UltraFeedback): not aligned here, the record shows its raw row. */
  raw: boolean;
}

/**
 * The partner the link names (`pair=`), loaded as any dataset is (a host the user did not agree to is
 * asked about first), and the pairing of the dataset on screen with it, computed once both are whole.
 */
export function usePairing(
  view: ViewState,
  update: (patch: Partial<ViewState>) => void,
  shown: LoadedDataset | null,
  base: string,
  trust: HostTrust,
): Pairing | null {
  const state = useWorkspaceState();
  const id = view.pair && view.pair !== shown?.id ? view.pair : null;
  const partner = id ? (state.datasets.get(id) ?? null) : null;
  const unpair = () => update({ pair: null });
  const { asking } = useNamedDataset(id, base, trust, unpair, (ds) => {
    if (!ds) unpair();
  });
  const apart = partner !== null && shown !== null && (partner.engine ?? "browser") !== (shown.engine ?? "browser");
  const raw = partner !== null && shown !== null && specOf(shown.layout).rawPartner === partner.layout;
  // A pair is read unit by unit within one layout (binarized pairs beside their raw rows aside).
  const mismatch = partner !== null && shown !== null && !raw && partner.layout !== shown.layout;
  const ready = shown && partner && !shown.loading && !partner.loading && !apart && !raw && !mismatch;
  const pairing = useQuery(
    ready ? [shown.table, shown.rows, partner.table, partner.rows, view.pairKind, view.pairKey, "pairing"] : null,
    (db) =>
      computePairing(
        db,
        sideOf(shown!),
        sideOf(partner!),
        { kind: view.pairKind, key: view.pairKey, makeRoom: (shown!.engine ?? "browser") === "browser" },
        pairSettings(view.checks),
      ),
    "panel",
    shown?.engine,
  );
  const summary = pairing.pending ? null : (pairing.data ?? null);
  const settings = pairSettings(view.checks);
  const counts = useQuery(
    summary && shown ? [shown.table, summary.right.table, summary.kind, settings, "pair-counts"] : null,
    (db) => countFlags(db, shown!, settings),
    "panel",
    shown?.engine,
  );
  // Unpaired, the dataset's list no longer reads a pairing.
  useEffect(() => {
    if (!id && shown) forgetPairing(shown);
  }, [id, shown]);
  if (!id) return null;
  return {
    id,
    partner,
    apart,
    asking,
    summary,
    counts: counts.data ?? summary?.flags ?? null,
    error: mismatch
      ? `${specOf(shown.layout).label} and ${specOf(partner.layout).label} are different layouts; a translation or another version has the same layout`
      : (pairing.error?.message ?? null),
    raw,
  };
}
