"use client";
import { useCallback, useRef, useState } from "react";

/** The list's share of the panes, kept in this browser per direction; null until the user drags. */
const KEY = (stacked: boolean) => `explorer.split.${stacked ? "rows" : "columns"}`;
const MIN = 0.15;
const MAX = 0.85;
const clamp = (f: number) => Math.min(MAX, Math.max(MIN, f));

function stored(stacked: boolean): number | null {
  try {
    const v = Number(window.localStorage.getItem(KEY(stacked)));
    return v > 0 ? clamp(v) : null;
  } catch {
    return null;
  }
}

/** Only the loaded panes use it, which the server never renders: the stored share is read at once. */
export function useSplit(stacked: boolean) {
  const [shares, setShares] = useState(() => ({ rows: stored(true), columns: stored(false) }));
  const share = shares[stacked ? "rows" : "columns"];
  const set = useCallback(
    (f: number | null) => {
      const v = f === null ? null : clamp(f);
      setShares((s) => ({ ...s, [stacked ? "rows" : "columns"]: v }));
      try {
        if (v === null) window.localStorage.removeItem(KEY(stacked));
        else window.localStorage.setItem(KEY(stacked), v.toFixed(3));
      } catch {
        // Not kept: the split still moves for this page.
      }
    },
    [stacked],
  );
  return [share, set] as const;
}

/**
 * The grid of list, handle and record. Unset, a list above its record takes what ten rows need
 * (at most 57 %); a list beside it takes two fifths.
 */
export function splitStyle(stacked: boolean, share: number | null): React.CSSProperties {
  if (stacked) {
    const list = share === null ? "min(30rem, 57%)" : `${(share * 100).toFixed(1)}%`;
    return { gridTemplateColumns: "minmax(0, 1fr)", gridTemplateRows: `minmax(0, ${list}) 6px minmax(0, 1fr)` };
  }
  const list = share === null ? "minmax(22rem, 2fr)" : `minmax(16rem, ${share.toFixed(3)}fr)`;
  const record = share === null ? "3fr" : `${(1 - share).toFixed(3)}fr`;
  return { gridTemplateRows: "minmax(0, 1fr)", gridTemplateColumns: `${list} 6px minmax(0, ${record})` };
}

/** The bar between list and record: drag it, or focus it and use the arrow keys; a double click resets it. */
export function SplitHandle({
  stacked,
  share,
  onShare,
}: {
  stacked: boolean;
  share: number | null;
  onShare: (f: number | null) => void;
}) {
  const handle = useRef<HTMLDivElement>(null);
  const shareNow = () => {
    const el = handle.current;
    const grid = el?.parentElement;
    if (!el || !grid) return share ?? 0.4;
    const g = grid.getBoundingClientRect();
    const h = el.getBoundingClientRect();
    return stacked ? (h.top - g.top) / g.height : (h.left - g.left) / g.width;
  };
  const shown = Math.round((share ?? 0.4) * 100);
  return (
    <div
      ref={handle}
      role="separator"
      tabIndex={0}
      aria-orientation={stacked ? "horizontal" : "vertical"}
      aria-label="Size of the list beside the record (arrow keys; double click resets)"
      aria-valuemin={MIN * 100}
      aria-valuemax={MAX * 100}
      aria-valuenow={shown}
      data-testid="split-handle"
      title="Drag to size the list and the record; double click resets"
      className={`group flex touch-none items-center justify-center bg-slate-200 outline-none hover:bg-sky-300 focus-visible:bg-sky-400 ${
        stacked ? "cursor-row-resize" : "cursor-col-resize"
      }`}
      onDoubleClick={() => onShare(null)}
      onKeyDown={(e) => {
        const back = stacked ? "ArrowUp" : "ArrowLeft";
        const forth = stacked ? "ArrowDown" : "ArrowRight";
        if (e.key !== back && e.key !== forth) return;
        e.preventDefault();
        e.stopPropagation();
        onShare(shareNow() + (e.key === forth ? 0.05 : -0.05));
      }}
      onPointerDown={(e) => {
        const grid = handle.current?.parentElement;
        if (!grid || e.button !== 0) return;
        e.preventDefault();
        const g = grid.getBoundingClientRect();
        const target = e.currentTarget;
        target.setPointerCapture(e.pointerId);
        const move = (m: PointerEvent) =>
          onShare(stacked ? (m.clientY - g.top) / g.height : (m.clientX - g.left) / g.width);
        const up = () => {
          target.removeEventListener("pointermove", move);
          target.removeEventListener("pointerup", up);
          target.removeEventListener("pointercancel", up);
        };
        target.addEventListener("pointermove", move);
        target.addEventListener("pointerup", up);
        target.addEventListener("pointercancel", up);
      }}
    >
      <span className={`rounded bg-slate-400 group-hover:bg-sky-600 ${stacked ? "h-0.5 w-8" : "h-8 w-0.5"}`} />
    </div>
  );
}
