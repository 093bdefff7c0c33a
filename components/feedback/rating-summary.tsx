import type { UfCompletion } from "@/lib/formats/canonical";
import { ASPECTS, parseRating, ratingLabel } from "@/lib/formats/ratings";

/** Aspect × completion grid of ratings; each aspect's best and worst score stand out. */
export function RatingSummary({ completions }: { completions: UfCompletion[] }) {
  return (
    <table data-testid="rating-summary" className="w-full border-collapse text-xs">
      <thead>
        <tr>
          <th className="px-2 py-1 text-left font-medium text-slate-500">aspect</th>
          {completions.map((c, i) => (
            <th key={i} className="px-2 py-1 text-left font-semibold text-slate-700">
              {c.model ?? `completion ${i + 1}`}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ASPECTS.map((aspect) => {
          const ratings = completions.map((c) => parseRating(c.annotations?.[aspect]?.Rating));
          const scores = ratings.flatMap((r) => (r.kind === "score" ? [r.value] : []));
          const best = Math.max(...scores);
          const worst = Math.min(...scores);
          const spread = scores.length > 1 && best !== worst;
          return (
            <tr key={aspect} className="border-t border-slate-100">
              <td className="px-2 py-1 text-slate-600">{aspect.replace("_", " ")}</td>
              {ratings.map((r, i) => {
                const mark =
                  spread && r.kind === "score"
                    ? r.value === best
                      ? "bg-emerald-100 font-bold text-emerald-800"
                      : r.value === worst
                        ? "bg-rose-100 font-bold text-rose-800"
                        : ""
                    : "";
                return (
                  <td key={i} className={`px-2 py-1 tabular-nums ${mark}`}>
                    {ratingLabel(r)}
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
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
