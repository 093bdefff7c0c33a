"use client";
import { useCallback, useEffect, useRef } from "react";

/** A `<details>` popover that closes on a click outside it or on Escape; `close` closes it from code. */
export function useDismiss() {
  const box = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const el = box.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !el.contains(e.target as Node)) el.open = false;
    };
    window.addEventListener("pointerdown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("pointerdown", close);
      window.removeEventListener("keydown", close);
    };
  }, []);
  const close = useCallback(() => {
    if (box.current) box.current.open = false;
  }, []);
  return [box, close] as const;
}
