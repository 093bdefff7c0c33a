"use client";
import { useCallback, useSyncExternalStore } from "react";

/**
 * A phone, or a window too short for two panes (1280 × 800 at 200 % zoom): one pane at a time, the list
 * as cards, a tap opens the record.
 */
export const COMPACT_QUERY = "(max-width: 639px), (max-height: 520px)";
/** Wide enough for the list beside the record (Tailwind's `lg`). */
export const WIDE_QUERY = "(min-width: 1024px)";

/** Whether a media query holds, following the window; `fallback` before the page is in a browser. */
export function useMedia(query: string, fallback = false): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", listener);
      return () => list.removeEventListener("change", listener);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => fallback,
  );
}

export const useCompact = () => useMedia(COMPACT_QUERY);
