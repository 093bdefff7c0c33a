"use client";
import type { AspectAnnotation, UfCompletion } from "@/lib/formats/canonical";
import { ASPECTS, TYPE_MEANINGS, parseRating } from "@/lib/formats/ratings";
import { Markdown } from "@/components/text/markdown";
import { RatingBadge } from "./rating-badge";

function AspectRow({ aspect, annotation }: { aspect: (typeof ASPECTS)[number]; annotation: AspectAnnotation | null }) {
  const meanings = aspect === "truthfulness" || aspect === "helpfulness" ? TYPE_MEANINGS[aspect] : null;
  return (
    <details className="group rounded border border-slate-200 bg-white px-2 py-1">
      <summary className="flex cursor-pointer list-none items-center gap-2 text-xs">
        <RatingBadge aspect={aspect} rating={parseRating(annotation?.Rating)} />
        <span className="font-medium text-slate-700">{aspect.replace("_", " ")}</span>
        <span className="ml-auto text-slate-400 group-open:hidden">why?</span>
      </summary>
      <div className="mt-1 space-y-1 text-xs text-slate-700">
        {meanings && annotation?.Type && annotation.Type.length > 0 && (
          <p>
            <span className="text-slate-500">Type: </span>
            {annotation.Type.map((t) => `${t} — ${meanings[t] ?? "unknown code"}`).join("; ")}
          </p>
        )}
        {annotation?.Rationale && <p className="whitespace-pre-wrap">{annotation.Rationale}</p>}
        {annotation?.["Rationale For Rating"] && (
          <p className="whitespace-pre-wrap">{annotation["Rationale For Rating"]}</p>
        )}
        {!annotation && <p className="text-slate-500">No annotation.</p>}
      </div>
    </details>
  );
}

export function CompletionCard({ completion, query }: { completion: UfCompletion; query: string }) {
  const a = completion.annotations;
  return (
    <article
      data-testid="completion"
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
    >
      <header>
        <div className="font-semibold text-slate-900">{completion.model ?? "unknown model"}</div>
        <div className="text-xs text-slate-500">principle: {completion.principle ?? "—"}</div>
      </header>
      <div className="grid gap-1">
        {ASPECTS.map((aspect) => (
          <AspectRow key={aspect} aspect={aspect} annotation={a?.[aspect] ?? null} />
        ))}
      </div>
      {(completion.overall_score !== null || completion["fine-grained_score"] !== null) && (
        <div className="flex gap-3 text-xs text-slate-600">
          <span>
            overall <b className="tabular-nums">{completion.overall_score ?? "—"}</b>
          </span>
          <span>
            fine-grained <b className="tabular-nums">{completion["fine-grained_score"]?.toFixed(2) ?? "—"}</b>
          </span>
        </div>
      )}
      {completion.custom_system_prompt && (
        <details className="text-xs text-slate-600">
          <summary className="cursor-pointer">system prompt</summary>
          <p className="mt-1 whitespace-pre-wrap">{completion.custom_system_prompt}</p>
        </details>
      )}
      <div className="max-h-[32rem] overflow-y-auto rounded border border-slate-200 bg-white p-2 text-sm">
        <Markdown text={completion.response ?? ""} highlight={query} />
      </div>
      {completion.critique && (
        <details className="text-xs text-slate-700">
          <summary className="cursor-pointer">critique</summary>
          <p className="mt-1 whitespace-pre-wrap">{completion.critique}</p>
        </details>
      )}
    </article>
  );
}
