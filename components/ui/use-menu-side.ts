"use client";
import { useCallback, useEffect, useState, type RefObject } from "react";

/**
 * Which edge of its button a `<details>` menu (the element after its summary) hangs from: its right edge when there
 * is room to the left of it, else its left edge. Decided when it opens and again while it is open,
 * whenever the window or the bar around it changes size (a badge that appears beside
 * the button can wrap it to the start of a new line).
 */
export function useMenuSide(box: RefObject<HTMLDetailsElement | null>) {
  const [side, setSide] = useState<"right-0" | "left-0">("right-0");
  const decide = useCallback(() => {
    const el = box.current;
    if (!el?.open) return;
    const width = (el.querySelector(":scope > summary + *") as HTMLElement | null)?.offsetWidth ?? 0;
    setSide(el.getBoundingClientRect().right >= width + 8 ? "right-0" : "left-0");
  }, [box]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const watch = new ResizeObserver(decide);
    for (let up: HTMLElement | null = el.parentElement, i = 0; up && i < 3; up = up.parentElement, i++)
      watch.observe(up);
    el.addEventListener("toggle", decide);
    window.addEventListener("resize", decide);
    return () => {
      watch.disconnect();
      el.removeEventListener("toggle", decide);
      window.removeEventListener("resize", decide);
    };
  }, [box, decide]);
  return side;
}
