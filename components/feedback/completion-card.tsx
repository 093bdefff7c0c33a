"use client";
import type { Ref, UIEventHandler } from "react";
import type { AspectAnnotation, UfCompletion } from "@/lib/formats/canonical";
import { ASPECTS, TYPE_MEANINGS, parseRating, scoreGap, type Aspect } from "@/lib/formats/ratings";
import { DEFAULT_DISAGREEMENT } from "@/lib/layouts/ultrafeedback";
import { useState } from "react";
import { RawToggle, TextBody } from "@/components/text/text-body";
import { CopyButton } from "@/components/ui/copy-button";
import { CompletionMark } from "@/components/marks/mark-bar";
import { OverallScore, RatingBadge, type Mark } from "./rating-badge";

function AspectRow({ aspect, annotation, mark }: { aspect: Aspect; annotation: AspectAnnotation | null; mark: Mark }) {
  const meanings = aspect === "truthfulness" || aspect === "helpfulness" ? TYPE_MEANINGS[aspect] : null;
  const types = meanings ? (annotation?.Type ?? []) : [];
  return (
    <details className="group rounded border border-slate-200 bg-white px-2 py-1">
      <summary className="flex cursor-pointer list-none items-center gap-2 text-xs">
        <RatingBadge aspect={aspect} rating={parseRating(annotation?.Rating)} mark={mark} />
        <span className="font-medium text-slate-700">{aspect.replace("_", " ")}</span>
        {types.length > 0 && (
          <span
            className="text-slate-600"
            title={types.map((t) => `${t}: ${meanings?.[t] ?? "unknown code"}`).join("\n")}
          >
            type {types.join(", ")}
          </span>
        )}
        <span className="ml-auto text-sky-700 group-open:hidden">why?</span>
      </summary>
      <div className="mt-1 space-y-1 text-xs text-slate-700">
        {meanings && types.length > 0 && (
          <ul className="list-inside list-disc text-slate-600">
            {types.map((t) => (
              <li key={t}>
                <span className="font-mono">{t}</span> — {meanings[t] ?? "unknown code"}
              </li>
            ))}
          </ul>
        )}
        {(annotation?.Rationale || annotation?.["Rationale For Rating"]) && (
          <div className="flex justify-end">
            <CopyButton
              text={[annotation?.Rationale, annotation?.["Rationale For Rating"]].filter(Boolean).join("\n\n")}
              label="Copy rationale"
            />
          </div>
        )}
        {annotation?.Rationale && <p className="whitespace-pre-wrap">{annotation.Rationale}</p>}
        {annotation?.["Rationale For Rating"] && (
          <p className="whitespace-pre-wrap">{annotation["Rationale For Rating"]}</p>
        )}
        {!annotation && <p className="text-slate-600">No annotation.</p>}
      </div>
    </details>
  );
}

export type Picked = "chosen" | "rejected" | null;

interface Props {
  completion: UfCompletion;
  index: number;
  query: string;
  marks: Record<Aspect, Mark>;
  picked?: Picked;
  responseRef?: Ref<HTMLDivElement>;
  onResponseScroll?: UIEventHandler<HTMLDivElement>;
  /** Whether it meets the list's completion conditions (null: there are none). */
  matched?: boolean | null;
  /** The list's ratings are this completion's model's ("Ratings of: a model"). */
  scoped?: boolean;
  /** The check the list shows flags this completion, and why. */
  flagged?: { check: string; why: string } | null;
}

export function CompletionCard({
  completion,
  index,
  query,
  marks,
  picked = null,
  responseRef,
  onResponseScroll,
  matched = null,
  scoped = false,
  flagged = null,
}: Props) {
  const [raw, setRaw] = useState(false);
  const a = completion.annotations;
  const fine = completion["fine-grained_score"];
  const gap = scoreGap(completion.overall_score, fine);
  const frame =
    picked === "chosen"
      ? "border-emerald-400 ring-2 ring-emerald-200"
      : picked === "rejected"
        ? "border-rose-400 ring-2 ring-rose-200"
        : flagged
          ? "border-amber-500 ring-2 ring-amber-200"
          : scoped
            ? "border-sky-500 ring-2 ring-sky-200"
            : "border-slate-200";
  return (
    <article
      data-testid="completion"
      data-model={completion.model ?? ""}
      data-picked={picked ?? undefined}
      data-matched={matched === null ? undefined : String(matched)}
      data-scoped={scoped || undefined}
      data-flagged={flagged ? "true" : undefined}
      // Six rows on a subgrid, so the columns line up section by section: header, system prompt,
      // response, ratings, critique, scores.
      className={`row-span-6 grid min-w-0 scroll-mt-20 grid-rows-subgrid gap-2 rounded-lg border bg-slate-50 p-3 ${frame}`}
    >
      <header className="flex flex-wrap items-start gap-2">
        <span className="mt-0.5 rounded bg-slate-200 px-1.5 text-xs font-semibold text-slate-600">{index + 1}</span>
        <div className="min-w-[5rem] flex-1 basis-0">
          <div
            data-testid="completion-model"
            className="font-semibold break-words text-slate-900"
            title={completion.model ?? undefined}
          >
            {completion.model ?? "unknown model"}
          </div>
          <div className="text-xs text-slate-600">principle: {completion.principle ?? "—"}</div>
          {flagged && (
            <div
              data-testid="completion-flagged"
              title={`Flagged by the check “${flagged.check}”`}
              className="mt-1 rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900"
            >
              flagged: <bdi>{flagged.why}</bdi>
            </div>
          )}
        </div>
        <div className="ml-auto flex shrink-0 flex-col items-end gap-1">
          <div className="flex items-center gap-1">
            <CompletionMark index={index} />
            <RawToggle raw={raw} onChange={setRaw} />
            <CopyButton text={completion.response ?? ""} label="Copy" title="Copy the whole response" />
          </div>
          {scoped && (
            <span
              data-testid="completion-scoped"
              className="rounded bg-sky-100 px-1.5 text-xs font-semibold text-sky-800"
            >
              the list’s ratings
            </span>
          )}
          {matched !== null && (
            <span
              data-testid="completion-match"
              className={`rounded px-1.5 text-xs font-semibold ${matched ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-600"}`}
            >
              {matched ? "meets the filters" : "does not meet the filters"}
            </span>
          )}
        </div>
        {picked && (
          <span
            className={`rounded px-2 py-0.5 text-xs font-bold text-white uppercase ${picked === "chosen" ? "bg-emerald-700" : "bg-rose-700"}`}
          >
            {picked}
          </span>
        )}
      </header>
      <div>
        {completion.custom_system_prompt ? (
          <details className="text-xs text-slate-600">
            <summary className="cursor-pointer">system prompt</summary>
            <p className="mt-1 whitespace-pre-wrap">{completion.custom_system_prompt}</p>
          </details>
        ) : (
          <span className="text-xs text-slate-600">no system prompt</span>
        )}
      </div>
      <div
        ref={responseRef}
        onScroll={onResponseScroll}
        data-testid="completion-response"
        tabIndex={0}
        aria-label={`Response of ${completion.model ?? "an unknown model"}`}
        className="max-h-[30rem] min-h-0 overflow-y-auto rounded border border-slate-200 bg-white p-2 text-sm"
      >
        <TextBody text={completion.response ?? ""} query={query} raw={raw} />
      </div>
      <div className="grid content-start gap-1">
        {ASPECTS.map((aspect) => (
          <AspectRow key={aspect} aspect={aspect} annotation={a?.[aspect] ?? null} mark={marks[aspect]} />
        ))}
      </div>
      <div>
        {completion.critique ? (
          <details className="text-xs text-slate-700">
            <summary className="cursor-pointer">critique</summary>
            <p className="mt-1 whitespace-pre-wrap">{completion.critique}</p>
          </details>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        {completion.overall_score !== null && completion.overall_score !== undefined && (
          <span>
            overall_score{" "}
            <b className="text-slate-900">
              <OverallScore value={completion.overall_score} />
            </b>
          </span>
        )}
        {fine !== null && fine !== undefined && (
          <span>
            fine-grained_score <b className="text-slate-900 tabular-nums">{fine.toFixed(2)}</b>
          </span>
        )}
        {gap !== null && gap >= DEFAULT_DISAGREEMENT && (
          <span
            className="rounded bg-amber-100 px-1.5 font-semibold text-amber-800"
            title="overall_score (halved to 1–5) is far from the mean of the four ratings"
          >
            scores disagree by {gap.toFixed(2)}
          </span>
        )}
      </div>
    </article>
  );
}
