"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_SAMPLE } from "@/lib/datasets/samples";
import { quoted, sourcesFor, type Planned } from "@/lib/datasets/sources";
import { fetchInReader } from "@/lib/ingest/reader";
import { lateSummaries } from "@/lib/sql/late-columns";
import type { HostTrust } from "@/lib/datasets/trust";
import type { ViewState } from "@/lib/state/url-state";
import type { Served } from "@/lib/server/protocol";
import type { LoadedDataset } from "@/lib/types";
import { useWorkspace, useWorkspaceState } from "@/components/query/workspace";

/** A dataset the link names on a host the page does not read from unasked. */
export interface Asking {
  id: string;
  hosts: string[];
  read: () => void;
  decline: () => void;
}

/**
 * The dataset the URL names, and the one on screen: a sample or a remote split loads by itself (once
 * per visit of its id), a local file must be picked again. Until the named one has rows, the last one
 * stays on screen; a failed load puts the URL back on it. A link that names nothing says why and goes
 * back to what was shown (or the default sample); one that reads from an unknown host asks first.
 */
export function useShownDataset(
  view: ViewState,
  update: (patch: Partial<ViewState>) => void,
  base: string,
  trust: HostTrust,
) {
  const ws = useWorkspace();
  const state = useWorkspaceState();
  const dsId = view.ds ?? DEFAULT_SAMPLE;
  const wanted = state.datasets.get(dsId);
  const [shown, setShown] = useState<LoadedDataset | null>(null);
  if (wanted && wanted !== shown) setShown(wanted);

  const back = shown?.id ?? null;
  const goBack = useCallback(() => {
    const to = back ?? DEFAULT_SAMPLE;
    if (to !== dsId) update({ ds: to === DEFAULT_SAMPLE && !back ? null : to });
  }, [back, dsId, update]);
  const { loadingIt, asking } = useNamedDataset(dsId, base, trust, goBack, (ds) => {
    if (!ds && back && back !== dsId) update({ ds: back });
  });

  // A dataset of the app's server opens there once its load is done.
  const served = dsId.startsWith("server:") ? (state.served?.find((s) => s.id === dsId) ?? null) : null;
  useEffect(() => {
    if (!wanted && served?.state === "ready") ws?.openServed(dsId);
  }, [ws, wanted, served?.state, dsId]);

  // The first search of a whole dataset builds its search column; searches after it scan that.
  const searching = view.q.trim() !== "";
  const whole = wanted !== undefined && !wanted.loading;
  useEffect(() => {
    if (searching && whole) ws?.prepareSearch(dsId);
  }, [ws, searching, whole, dsId]);

  // The charts, or a filter on a summary built on first use (see `LateSummary`), build its column.
  const late = wanted ? lateSummaries(wanted.layout).flatMap((s) => s.fields) : [];
  const wantsLate = view.panel === "stats" || view.clauses.some((c) => late.includes(c.field));
  useEffect(() => {
    if (wantsLate && whole) ws?.prepareLate(dsId);
  }, [ws, wantsLate, whole, dsId]);

  return {
    dsId,
    shown,
    state,
    asking,
    missing: wanted || loadingIt || asking ? null : missingReason(dsId, state.served),
    serving: served && served.state !== "ready" && served.state !== "failed" ? served : null,
    preparing: state.preparing.has(dsId),
  };
}

/**
 * Loads the dataset an id names (a sample, a catalog split, an address), once per visit of the id,
 * after the user agreed to every host it reads from; until then `asking` says which. `declined` runs
 * when the user says no or the id names nothing; `loaded` when the load ends (null: it failed).
 */
export function useNamedDataset(
  id: string | null,
  base: string,
  trust: HostTrust,
  declined: () => void,
  loaded?: (ds: LoadedDataset | null) => void,
): { loadingIt: boolean; asking: Asking | null } {
  const ws = useWorkspace();
  const state = useWorkspaceState();
  const wanted = id ? state.datasets.get(id) : undefined;
  const [answered, setAnswered] = useState(0);
  const requested = useRef<string | null>(null);
  const loadingIt = id !== null && state.loads.some((l) => l.id === id);

  // What the id names, and the hosts it would read from that the user has not agreed to.
  const planned: Planned | null = useMemo(
    () =>
      typeof window === "undefined" || id === null ? null : sourcesFor(id, base, window.location.origin, fetchInReader),
    [id, base],
  );
  const hosts = useMemo(
    () =>
      planned && "sources" in planned
        ? trust.untrusted(
            [
              ...planned.sources.flatMap((s) => (s.kind === "url" ? [s.url] : [])),
              ...(planned.asks ? [planned.asks] : []),
            ],
            window.location.origin,
          )
        : [],
    // `answered` counts the user's yeses, which change what the trust holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [planned, trust, answered],
  );

  useEffect(() => {
    if (wanted) {
      requested.current = null;
      return;
    }
    if (!ws || id === null || !state.ready || loadingIt || requested.current === id || !planned || hosts.length > 0)
      return;
    requested.current = id;
    if ("problem" in planned) {
      ws.fail(id, `the link’s dataset ${quoted(id)} cannot be opened: ${planned.problem}`);
      declined();
      return;
    }
    void ws
      .load(id, planned.label, planned.resolve ?? planned.sources, { check: planned.check })
      .then((ds) => loaded?.(ds));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ws, state.ready, id, wanted, loadingIt, planned, hosts]);

  const asking: Asking | null =
    id !== null && hosts.length > 0 && !wanted
      ? {
          id,
          hosts,
          read: () => {
            trust.allowHosts(hosts);
            setAnswered((n) => n + 1);
          },
          decline: declined,
        }
      : null;
  return { loadingIt, asking };
}

/** Why a dataset the URL names cannot come back by itself after a reload (or is not there yet). */
function missingReason(id: string, served: readonly Served[] | null): string | null {
  if (id.startsWith("server:")) {
    const name = id.slice(7);
    if (served === null) return `${name} is a dataset of the app's server (npm run serve), and this page has none.`;
    const s = served.find((x) => x.id === id);
    if (!s) return `The server does not serve ${name}: it serves ${served.map((x) => x.name).join(", ") || "nothing"}.`;
    if (s.state === "failed") return `The server could not load ${name}: ${s.message ?? "no reason given"}.`;
    return null;
  }
  if (id.startsWith("file:")) {
    return `${id.slice(5).replace(/~\d+$/, "")} was opened from this computer in another session. Open it again to read it here.`;
  }
  if (id.startsWith("query:")) {
    return "This was a query result in another session. Run the query again in the SQL console to open it.";
  }
  return null;
}
