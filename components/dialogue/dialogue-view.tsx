"use client";
import { useRef } from "react";
import type { ChatMessage } from "@/lib/formats/canonical";
import { BELOW_HEADER } from "@/components/record/sticky";
import { MessageBubble } from "./message-bubble";
import { splitMatches } from "@/lib/text/matches";

/** A dialogue longer than this has an outline of its turns to jump by. */
export const OUTLINE_FROM = 9;

export function DialogueView({ messages, query }: { messages: ChatMessage[]; query: string }) {
  const list = useRef<HTMLDivElement>(null);
  if (messages.length === 0) return <p className="text-sm text-slate-600">This record has no messages.</p>;
  const bubbles = (
    <div ref={list} className="flex min-w-0 flex-col gap-3">
      {messages.map((m, i) => (
        <MessageBubble key={i} message={m} index={i} query={query} />
      ))}
    </div>
  );
  if (messages.length < OUTLINE_FROM) return bubbles;
  const jump = (i: number) => list.current?.children[i]?.scrollIntoView({ block: "start" });
  return (
    <div className="@container">
      <div className="grid grid-cols-1 gap-3 @3xl:grid-cols-[13rem_minmax(0,1fr)]">
        <details className="rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-xs @3xl:hidden">
          <summary className="cursor-pointer font-semibold text-slate-700">Outline: {messages.length} turns</summary>
          <Outline messages={messages} query={query} onJump={jump} />
        </details>
        <nav
          aria-label="Turns"
          className="sticky hidden max-h-[calc(100dvh-8rem)] self-start overflow-y-auto rounded-lg border border-slate-200 bg-white px-2 py-1.5 text-xs @3xl:block"
          style={{ top: `calc(${BELOW_HEADER} + 0.5rem)` }}
        >
          <div className="mb-1 font-semibold text-slate-700">{messages.length} turns</div>
          <Outline messages={messages} query={query} onJump={jump} />
        </nav>
        {bubbles}
      </div>
    </div>
  );
}

/** How many times the search occurs in a text: the places the highlight marks. */
const matches = (text: string, query: string) => splitMatches(text, query).filter((p) => p.match).length;

function Outline({ messages, query, onJump }: { messages: ChatMessage[]; query: string; onJump: (i: number) => void }) {
  return (
    <ol data-testid="turn-outline" className="mt-1 flex flex-col">
      {messages.map((m, i) => {
        const found = matches(m.content, query);
        return (
          <li key={i}>
            <button
              type="button"
              data-testid="outline-turn"
              data-found={found || undefined}
              onClick={() => onJump(i)}
              className="flex min-h-6 w-full min-w-0 items-center gap-1.5 rounded px-1 text-left hover:bg-slate-100"
            >
              <span className="shrink-0 text-slate-600 tabular-nums">{i + 1}</span>
              <span className={`shrink-0 font-semibold ${m.role === "user" ? "text-slate-700" : "text-sky-800"}`}>
                <bdi>{m.role || "unknown"}</bdi>
              </span>
              <span className="min-w-0 truncate text-slate-600">
                <bdi>{m.content.slice(0, 80)}</bdi>
              </span>
              {found > 0 && (
                <span
                  className="ml-auto shrink-0 rounded bg-amber-200 px-1 font-semibold text-amber-900"
                  title={`${found} match${found === 1 ? "" : "es"} of the search`}
                >
                  {found}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
