"use client";
import type { HostTrust } from "@/lib/datasets/trust";
import type { ViewState } from "@/lib/state/url-state";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { FRESH } from "@/components/explorer/openers";
import { PairBar } from "./pair-bar";
import { PairOpen } from "./pair-open";
import type { Pairing } from "./use-pairing";

type Update = (patch: Partial<ViewState>, push?: boolean) => void;

/** The check settings with one changed (null values: back to the default). */
export function withSetting(checks: Record<string, string[]>, key: string, values: string[] | null) {
  const next = { ...checks };
  if (values === null) delete next[key];
  else next[key] = values;
  return next;
}

/** The clauses without the pair's own (`pf=`, and `ps=` when the pair closes). */
const withoutPair = (clauses: Clause[], search = false) =>
  clauses.filter((c) => c.field !== "pf" && (!search || c.field !== "ps"));

/** The pair bar of the dataset on screen, its actions written to the link. */
export function ExplorerPairBar({
  shown,
  pairing,
  view,
  update,
  listState,
}: {
  shown: LoadedDataset;
  pairing: Pairing;
  view: ViewState;
  update: Update;
  listState: ListState;
}) {
  return (
    <PairBar
      ds={shown}
      pairing={pairing}
      state={listState}
      onClauses={(clauses) => update({ clauses, row: null }, true)}
      onSetting={(key, values) => update({ checks: withSetting(view.checks, key, values) }, true)}
      onKind={(pairKind) => update({ pairKind }, true)}
      onKey={(pairKey) => update({ pairKey, clauses: withoutPair(view.clauses) }, true)}
      onSwap={(flag) =>
        update(
          {
            ...FRESH,
            ds: pairing.id,
            pair: shown.id,
            pairKind: view.pairKind,
            pairKey: view.pairKey,
            clauses: flag ? [{ field: "pf", op: "is", value: flag }] : [],
          },
          true,
        )
      }
      onClose={() =>
        update({ pair: null, pairKind: null, pairKey: null, clauses: withoutPair(view.clauses, true) }, true)
      }
    />
  );
}

/** "Compare with…" for the dataset on screen: a partner picked, a file, or an address the user typed. */
export function ExplorerPairOpen({
  shown,
  datasets,
  pairing,
  view,
  update,
  onFiles,
  trust,
}: {
  shown: LoadedDataset;
  datasets: readonly LoadedDataset[];
  pairing: Pairing | null;
  view: ViewState;
  update: Update;
  onFiles: (files: File[]) => void;
  trust: HostTrust;
}) {
  return (
    <PairOpen
      ds={shown}
      opened={datasets.filter((d) => d.id !== shown.id)}
      current={pairing?.id ?? null}
      onPick={(pair) => update({ pair, clauses: withoutPair(view.clauses) }, true)}
      onFiles={onFiles}
      onUrl={(url) => {
        // What the user typed is read without asking.
        trust.allow(url);
        update({ pair: `url:${url}` }, true);
      }}
    />
  );
}
