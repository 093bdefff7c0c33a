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
        : "bg-slate-400";
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
