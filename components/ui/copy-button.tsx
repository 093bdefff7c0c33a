"use client";
import { useState } from "react";

/** Copies a text whole to the clipboard; `text` may be computed (and fetched) on the click. */
export function CopyButton({
  text,
  label = "Copy",
  title,
  className = "",
}: {
  text: string | (() => Promise<string> | string);
  label?: string;
  title?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      data-testid="copy"
      title={title ?? "Copy the whole text"}
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await navigator.clipboard.writeText(typeof text === "string" ? text : await text());
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 1500);
      }}
      className={`rounded px-1.5 text-[11px] font-normal text-slate-600 normal-case hover:bg-slate-200 hover:text-slate-800 ${className}`}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Not copied" : label}
    </button>
  );
}
