"use client";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import {
  LINK_LIMIT,
  LONG_FIELDS,
  linkPart,
  parseViewState,
  serializeViewState,
  type ViewState,
} from "@/lib/state/url-state";

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

/** Searches and queries too long for a link, whole, by the start the link holds (back and forward find them). */
const held = new Map<string, string>();
const HELD = 20;
const heldKey = (field: string, part: string) => `${field}\n${part}`;

/** The view a link describes, with the whole of what it holds only the start of, when this page has it. */
function read(search: string): ViewState {
  let view = parseViewState(new URLSearchParams(search));
  for (const f of LONG_FIELDS) {
    const whole = view.cut[f] ? held.get(heldKey(f, view[f])) : undefined;
    if (whole !== undefined) view = { ...view, [f]: whole };
  }
  return view;
}

/**
 * View state lives in the URL: every change is written there (`push` makes a history entry,
 * otherwise the entry is replaced) and back/forward read it back. Nothing goes to the server.
 * A search or query too long for a link is kept whole in the page; the link holds its start.
 */
export function useViewState() {
  const search = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  const view = useMemo(() => read(search), [search]);

  const update = useCallback((patch: Partial<ViewState>, push = false) => {
    const next = { ...read(window.location.search), ...patch };
    for (const f of LONG_FIELDS) {
      // A new value is whole: it is cut only if it is too long itself.
      if (f in patch) next.cut = { ...next.cut, [f]: false };
      const part = linkPart(next[f], LINK_LIMIT[f]);
      if (part !== next[f]) {
        held.delete(heldKey(f, part));
        held.set(heldKey(f, part), next[f]);
        if (held.size > HELD) held.delete(held.keys().next().value!);
      }
    }
    const query = serializeViewState(next);
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    // Keep the router's own history state so its back/forward handling stays intact.
    const state: unknown = window.history.state;
    if (push) window.history.pushState(state, "", url);
    else window.history.replaceState(state, "", url);
    listeners.forEach((l) => l());
  }, []);

  return [view, update] as const;
}
