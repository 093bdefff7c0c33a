"use client";
import { useEffect, useRef, type ReactNode } from "react";

interface Props {
  /** The id of the element that names the dialog. */
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
  /** Centered card, or a panel along the right edge. */
  placement?: "center" | "right";
  /** Keys that close it besides Escape (the help closes on `?` too). */
  closeKeys?: string[];
  className?: string;
  testId?: string;
}

/**
 * The one modal dialog of the page: focus moves into it and back where it was when it closes; a click
 * outside, Escape (or the given keys) close it; keys pressed in it do not reach the page's shortcuts.
 */
export function Modal({
  labelledBy,
  onClose,
  children,
  placement = "center",
  closeKeys = [],
  className = "",
  testId,
}: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  const keys = closeKeys.join(" ");
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" || keys.split(" ").includes(e.key)) {
        const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
        if (e.key !== "Escape" && typing) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        close.current();
      }
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => {
      window.removeEventListener("keydown", onKey, { capture: true });
      before?.focus?.();
    };
  }, [keys]);
  const frame =
    placement === "right"
      ? "fixed inset-0 z-40 flex justify-end bg-slate-900/30"
      : "fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4";
  return (
    <div className={frame} onClick={() => close.current()} role="presentation">
      <div
        ref={dialog}
        data-testid={testId}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        className={`outline-none ${className}`}
      >
        {children}
      </div>
    </div>
  );
}
