import type { UfCompletion } from "@/lib/formats/canonical";
import { ASPECTS, parseRating, ratingLabel, ratingMarks } from "@/lib/formats/ratings";

const MARK_CLASS = { best: "bg-emerald-100 font-bold text-emerald-800", worst: "bg-rose-100 font-bold text-rose-800" };

/** Aspect × completion grid of ratings; each aspect's best and worst score stand out. */
export function RatingSummary({
  completions,
  picked,
}: {
  completions: UfCompletion[];
  picked?: { chosen: number | null; rejected: number | null };
}) {
  return (
    <table data-testid="rating-summary" className="w-full border-collapse text-xs">
      <thead>
        <tr>
          <th className="px-2 py-1 text-left font-medium text-slate-500">aspect</th>
          {completions.map((c, i) => (
            <th key={i} className="px-2 py-1 text-left font-semibold text-slate-700">
              <span className="mr-1 text-slate-400">{i + 1}</span>
              {c.model ?? "unknown model"}
              {picked?.chosen === i && <span className="ml-1 rounded bg-emerald-600 px-1 text-white">chosen</span>}
              {picked?.rejected === i && <span className="ml-1 rounded bg-rose-600 px-1 text-white">rejected</span>}
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
              <td className="px-2 py-1 text-slate-600">{aspect.replace("_", " ")}</td>
              {ratings.map((r, i) => {
                const mark = marks[i];
                return (
                  <td key={i} className={`px-2 py-1 tabular-nums ${mark ? MARK_CLASS[mark] : ""}`}>
                    {ratingLabel(r)}
                    {r.kind === "out" && (
                      <span className="ml-1 text-slate-500" title="outside the 1–5 scale: left out of means">
                        off scale
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
        <tr className="border-t border-slate-100">
          <td className="px-2 py-1 text-slate-600">overall score</td>
          {completions.map((c, i) => (
            <td key={i} className="px-2 py-1 tabular-nums">
              {c.overall_score ?? "—"}
              {c["fine-grained_score"] !== null && c["fine-grained_score"] !== undefined && (
                <span className="text-slate-400"> · fine {c["fine-grained_score"].toFixed(2)}</span>
              )}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
