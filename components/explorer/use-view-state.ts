"use client";
import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { parseViewState, serializeViewState, type ViewState } from "@/lib/state/url-state";

/** View state lives in the URL; `push` makes a history entry, otherwise the entry is replaced. */
export function useViewState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const text = params.toString();
  const view = useMemo(() => parseViewState(new URLSearchParams(text)), [text]);

  const update = useCallback(
    (patch: Partial<ViewState>, push = false) => {
      const current = parseViewState(new URLSearchParams(window.location.search));
      const query = serializeViewState({ ...current, ...patch });
      const url = query ? `${pathname}?${query}` : pathname;
      if (push) router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [router, pathname],
  );
  return [view, update] as const;
}
