"use client";
import { own } from "@/lib/engine/values";
import { useEffect, useRef, useState } from "react";
import * as Plot from "@observablehq/plot";
import type { ChartSpec, Mark } from "@/lib/stats/types";
import type { Clause } from "@/lib/types";
import { cutText, fmt } from "@/lib/text/format";

interface Props {
  spec: ChartSpec;
  marks: Mark[];
  clauses: readonly Clause[];
  /** A click (or a drag over bins) on marks. */
  onSelect: (marks: Mark[]) => void;
}

const COLOR = { base: "#0ea5e9", dim: "#bae6fd", picked: "#0369a1" };
const short = (s: string) => (s.length > 18 ? `${cutText(s, 17)}…` : s);

function useWidth(el: React.RefObject<HTMLDivElement | null>) {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e?.contentRect.width ?? 0)));
    ro.observe(node);
    return () => ro.disconnect();
  }, [el]);
  return width;
}

/** The marks Plot draws for a chart: bars per category, rectangles per bin, or cells of a grid. */
function marksOf(spec: ChartSpec, data: Mark[], fill: (d: Mark) => string, label: (d: Mark) => string) {
  const title = label;
  const max = Math.max(0, ...data.map((d) => d.n));
  if (spec.kind === "grid") {
    return [
      Plot.cell(data, { x: "x", y: "y", fill: "n", title, inset: 0.5 }),
      Plot.text(data, {
        x: "x",
        y: "y",
        text: (d: Mark) => (d.n ? fmt(d.n) : ""),
        fill: (d: Mark) => (d.n > max / 2 ? "white" : "black"),
        fontSize: 9,
        pointerEvents: "none",
      }),
    ];
  }
  if (spec.kind === "histogram") {
    const widths = data.flatMap((d) => (d.hi !== null && d.lo !== null ? [d.hi - d.lo] : []));
    const step = widths.length ? Math.min(...widths) : 1;
    return [
      Plot.rectY(data, {
        x1: "lo",
        x2: (d: Mark) => d.hi ?? (d.lo ?? 0) + step,
        y: "n",
        fill,
        title,
        insetLeft: 0.5,
        insetRight: 0.5,
      }),
      Plot.ruleY([0]),
    ];
  }
  if (data.length > 7) {
    return [Plot.barX(data, { y: "key", x: "n", fill, title, sort: null }), Plot.ruleX([0])];
  }
  return [Plot.barY(data, { x: "key", y: "n", fill, title }), Plot.ruleY([0])];
}

/**
 * One chart drawn by Observable Plot from counts SQL made. Each mark carries its value and exact
 * count (`data-value`, `data-count`, its accessible label and its hover title); marks a clause
 * selects are darker. A click selects a mark, a drag over bins a span, Enter on a focused mark too.
 */
export function PlotChart({ spec, marks, clauses, onSelect }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    const node = box.current;
    if (!node || width === 0) return;
    const linkable = spec.select !== undefined;
    const picked = marks.map((m) => spec.isSelected?.(m, clauses) ?? false);
    const any = picked.some(Boolean);
    const index = new Map(marks.map((m, i) => [m, i]));
    const fill = (d: Mark) => (picked[index.get(d)!] ? COLOR.picked : any ? COLOR.dim : COLOR.base);
    const label = (d: Mark) =>
      `${spec.kind === "grid" ? `${d.x} × ${d.y}` : d.key}: ${fmt(d.n)}${d.total !== null ? ` of ${fmt(d.total)}` : ""} ${spec.unit}`;
    const horizontal = spec.kind === "bars" && marks.length > 7;
    // Counts are whole: no tick between them.
    const countTicks = (d: number) => (Number.isInteger(d) ? fmt(d) : "");
    const keyTicks = (k: string) => short(own(spec.tickLabels, k) ?? k);
    const grid = spec.kind === "grid";
    const svg = Plot.plot({
      width,
      height: grid ? 260 : horizontal ? Math.max(120, 22 * marks.length + 40) : 170,
      marginLeft: horizontal ? 130 : grid ? 44 : 48,
      marginBottom: 36,
      style: { fontSize: "11px", background: "transparent" },
      x: grid
        ? { label: spec.xLabel ?? null, domain: axis(marks, "x") }
        : spec.kind === "histogram"
          ? { label: spec.xLabel ?? null, type: spec.xLog ? "log" : "linear", tickFormat: spec.xLog ? "~s" : undefined }
          : horizontal
            ? { label: spec.unit, grid: true, tickFormat: countTicks }
            : { label: null, domain: marks.map((m) => m.key), tickFormat: keyTicks },
      y: grid
        ? { label: spec.yLabel ?? null, domain: axis(marks, "y").reverse() }
        : horizontal
          ? { label: null, domain: marks.map((m) => m.key), tickFormat: keyTicks }
          : { label: spec.unit, grid: true, tickFormat: countTicks },
      color: grid ? { scheme: "blues", type: "sqrt" } : undefined,
      marks: marksOf(spec, marks, fill, label),
    });
    // Marks are drawn in the order of their data: the index of each rectangle is its mark.
    const rects = [
      ...svg.querySelectorAll<SVGRectElement>(
        'g[aria-label="bar"] rect, g[aria-label="rect"] rect, g[aria-label="cell"] rect',
      ),
    ];
    let dragFrom: number | null = null;
    rects.forEach((rect) => {
      const i = (rect as unknown as { __data__: number }).__data__;
      const m = marks[i];
      if (!m) return;
      rect.setAttribute("data-value", grid ? `${m.x} × ${m.y}` : m.key);
      rect.setAttribute("data-count", String(m.n));
      rect.setAttribute("aria-label", label(m));
      if (picked[i]) rect.setAttribute("data-selected", "true");
      if (!linkable) return;
      rect.setAttribute("role", "button");
      rect.setAttribute("tabindex", "0");
      rect.style.cursor = "pointer";
      rect.addEventListener("pointerdown", () => (dragFrom = i));
      rect.addEventListener("pointerup", () => {
        const from = dragFrom ?? i;
        dragFrom = null;
        const [a, b] = from <= i ? [from, i] : [i, from];
        select.current(spec.kind === "histogram" ? marks.slice(a, b + 1) : [m]);
      });
      rect.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        select.current([m]);
      });
    });
    // Plot names its mark groups with aria-label; as groups they may carry one
    svg.querySelectorAll("g[aria-label]:not([role])").forEach((g) => g.setAttribute("role", "group"));
    node.replaceChildren(svg);
    return () => node.replaceChildren();
  }, [spec, marks, clauses, width]);

  return <div ref={box} className="min-h-[120px] w-full" />;
}

/** The bins of a grid's axis, in numeric order. */
function axis(marks: Mark[], which: "x" | "y"): string[] {
  const seen = new Map<string, number>();
  for (const m of marks) {
    const key = which === "x" ? m.x : m.y;
    const lo = which === "x" ? m.lo : m.ylo;
    if (key !== null) seen.set(key, lo ?? 0);
  }
  return [...seen].sort((a, b) => a[1] - b[1]).map(([k]) => k);
}
