"use client";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { parseViewState, serializeViewState, type ViewState } from "@/lib/state/url-state";

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const snapshot = () => window.location.search;
const serverSnapshot = () => "";

/**
 * View state lives in the URL: every change is written there (`push` makes a history entry,
 * otherwise the entry is replaced) and back/forward read it back. Nothing goes to the server.
 */
export function useViewState() {
  const search = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  const view = useMemo(() => parseViewState(new URLSearchParams(search)), [search]);

  const update = useCallback((patch: Partial<ViewState>, push = false) => {
    const current = parseViewState(new URLSearchParams(window.location.search));
    const query = serializeViewState({ ...current, ...patch });
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    // Keep the router's own history state so its back/forward handling stays intact.
    const state: unknown = window.history.state;
    if (push) window.history.pushState(state, "", url);
    else window.history.replaceState(state, "", url);
    listeners.forEach((l) => l());
  }, []);

  return [view, update] as const;
}
