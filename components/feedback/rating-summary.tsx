import type { UfCompletion } from "@/lib/formats/canonical";
import { ASPECTS, numberMarks, parseRating, ratingLabel, ratingMarks, scoreGap } from "@/lib/formats/ratings";
import { DEFAULT_DISAGREEMENT } from "@/lib/layouts/ultrafeedback";
import { OverallScore } from "./rating-badge";

const MARK_CLASS = { best: "bg-emerald-100 font-bold text-emerald-800", worst: "bg-rose-100 font-bold text-rose-800" };

type Mark = "best" | "worst" | null;

/** A cell of the grid: its mark in colour, and in words for a screen reader. */
function Cell({ mark, children }: { mark: Mark; children: React.ReactNode }) {
  return (
    <td data-mark={mark ?? undefined} className={`px-2 py-1 tabular-nums ${mark ? MARK_CLASS[mark] : ""}`}>
      {children}
      {mark && <span className="sr-only"> ({mark} of the completions)</span>}
    </td>
  );
}

/**
 * Aspect × completion grid of ratings, then overall_score and the fine-grained mean: in each row the
 * best and worst stand out, so the winner shows at a glance; a completion whose two scores disagree is
 * flagged here too.
 */
export function RatingSummary({
  completions,
  picked,
}: {
  completions: UfCompletion[];
  picked?: { chosen: number | null; rejected: number | null };
}) {
  const overallMarks = numberMarks(completions.map((c) => c.overall_score));
  const fineMarks = numberMarks(completions.map((c) => c["fine-grained_score"]));
  return (
    <table data-testid="rating-summary" className="w-full table-fixed border-collapse text-xs">
      <colgroup>
        <col className="w-[26%] @3xl:w-[18%]" />
      </colgroup>
      <thead>
        <tr>
          <th className="px-2 py-1 text-left font-medium text-slate-600">aspect</th>
          {completions.map((c, i) => (
            <th key={i} className="px-2 py-1 text-left font-semibold [overflow-wrap:anywhere] text-slate-700">
              <span className="mr-1 text-slate-600">{i + 1}</span>
              {c.model ?? "unknown model"}
              {picked?.chosen === i && <span className="ml-1 rounded bg-emerald-700 px-1 text-white">chosen</span>}
              {picked?.rejected === i && <span className="ml-1 rounded bg-rose-700 px-1 text-white">rejected</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ASPECTS.map((aspect) => {
          const ratings = completions.map((c) => parseRating(c.annotations?.[aspect]?.Rating));
          const marks = ratingMarks(ratings);
          return (
            <tr key={aspect} className="border-t border-slate-100">
              <td className="px-2 py-1 [overflow-wrap:anywhere] text-slate-600">{aspect.replace("_", " ")}</td>
              {ratings.map((r, i) => (
                <Cell key={i} mark={marks[i] ?? null}>
                  {ratingLabel(r)}
                  {r.kind === "out" && (
                    <span className="ml-1 text-slate-600" title="outside the 1–5 scale: left out of means">
                      off scale
                    </span>
                  )}
                </Cell>
              ))}
            </tr>
          );
        })}
        <tr data-testid="summary-overall" className="border-t border-slate-200">
          <td className="px-2 py-1 text-slate-600">overall score</td>
          {completions.map((c, i) => {
            const gap = scoreGap(c.overall_score, c["fine-grained_score"]);
            return (
              <Cell key={i} mark={overallMarks[i] ?? null}>
                <OverallScore value={c.overall_score} />
                {gap !== null && gap >= DEFAULT_DISAGREEMENT && (
                  <span
                    data-testid="summary-disagree"
                    className="ml-1 rounded bg-amber-100 px-1 font-semibold text-amber-800"
                    title="overall_score (halved to 1–5) is far from the mean of the four ratings"
                  >
                    disagrees by {gap.toFixed(2)}
                  </span>
                )}
              </Cell>
            );
          })}
        </tr>
        <tr data-testid="summary-fine" className="border-t border-slate-100">
          <td className="px-2 py-1 text-slate-600">fine-grained mean</td>
          {completions.map((c, i) => (
            <Cell key={i} mark={fineMarks[i] ?? null}>
              {typeof c["fine-grained_score"] === "number" ? c["fine-grained_score"].toFixed(2) : "—"}
            </Cell>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
