import { ratingLabel, type Aspect, type Rating } from "@/lib/formats/ratings";

const COLORS = ["bg-rose-600", "bg-rose-500", "bg-orange-500", "bg-amber-500", "bg-lime-600", "bg-emerald-600"];

export type Mark = "best" | "worst" | null;

export function RatingBadge({ aspect, rating, mark = null }: { aspect: Aspect; rating: Rating; mark?: Mark }) {
  const label = ratingLabel(rating);
  const off = rating.kind === "out";
  const color =
    rating.kind === "score"
      ? (COLORS[Math.min(5, Math.max(0, Math.round(rating.value)))] ?? "bg-slate-500")
      : off
        ? "border border-dashed border-slate-500 bg-white text-slate-800"
        : "bg-slate-600";
  const ring =
    mark === "best"
      ? "ring-2 ring-emerald-300 ring-offset-1"
      : mark === "worst"
        ? "ring-2 ring-rose-300 ring-offset-1"
        : "";
  return (
    <span
      data-testid="rating"
      data-aspect={aspect}
      data-value={rating.kind === "missing" ? "" : label}
      data-mark={mark ?? undefined}
      data-off-scale={off || undefined}
      title={
        off
          ? `${label} is outside the 1–5 scale: left out of means, filters and marks`
          : mark
            ? `${mark} ${aspect.replace("_", " ")} of this prompt`
            : undefined
      }
      className={`inline-flex min-w-8 justify-center rounded px-1.5 py-0.5 text-xs font-bold ${off ? "" : "text-white"} ${color} ${ring}`}
    >
      {label}
      {off && <span className="ml-1 font-medium">off scale</span>}
    </span>
  );
}

/** overall_score as published (1–10); a value off that scale (0, 1e400 read as Infinity, NaN) marked so. */
export function OverallScore({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <>—</>;
  const off = !Number.isFinite(value) || value < 1 || value > 10;
  return (
    <span data-testid="overall-score" data-off-scale={off || undefined} className="tabular-nums">
      {String(value)}
      {off && (
        <span
          className="ml-1 rounded border border-dashed border-slate-500 px-1 font-medium text-slate-800"
          title={`${value} is outside the 1–10 scale of overall_score: left out of ranges and marks`}
        >
          off scale
        </span>
      )}
    </span>
  );
}
