"use client";
import { useState } from "react";
import type { ChatMessage } from "@/lib/formats/canonical";
import { RawToggle, TextBody } from "@/components/text/text-body";
import { CopyButton } from "@/components/ui/copy-button";
import { own } from "@/lib/engine/values";
import { cutText, fmt } from "@/lib/text/format";

const FOLD_AT = 2400;

const ROLE_STYLE: Record<string, string> = {
  user: "bg-white border-slate-200",
  assistant: "bg-sky-50 border-sky-200",
  system: "bg-amber-50 border-amber-200",
};

export function MessageBubble({ message, index, query }: { message: ChatMessage; index: number; query: string }) {
  const [open, setOpen] = useState(false);
  const [raw, setRaw] = useState(false);
  const long = message.content.length > FOLD_AT;
  const shown = long && !open ? cutText(message.content, FOLD_AT) : message.content;
  const role = message.role || "unknown";
  return (
    <article
      data-testid="message"
      data-role={role}
      className={`scroll-mt-12 rounded-lg border px-4 py-3 shadow-sm ${own(ROLE_STYLE, role) ?? "border-slate-300 bg-slate-100"} ${
        role === "user" ? "mr-10" : "ml-10"
      }`}
    >
      <header className="mb-1.5 flex items-baseline gap-2 text-xs text-slate-600">
        <span className="font-semibold tracking-wide text-slate-700 uppercase">
          <bdi>{role}</bdi>
        </span>
        <span>turn {index + 1}</span>
        <span className="ml-auto tabular-nums">{fmt(message.content.length)} chars</span>
        <RawToggle raw={raw} onChange={setRaw} />
        <CopyButton text={message.content} />
      </header>
      <TextBody text={shown} query={query} raw={raw} />
      {long && (
        <button
          type="button"
          onClick={() => setOpen(!open)}
          className="mt-2 text-sm font-medium text-sky-700 hover:underline"
        >
          {open
            ? "Show less"
            : `Show more (${fmt(message.content.length - cutText(message.content, FOLD_AT).length)} more characters)`}
        </button>
      )}
    </article>
  );
}
