import type { Cell } from "@/lib/data/list";
import type { CellKind } from "@/lib/layouts/spec";
import { Highlight } from "@/components/text/highlight";
import { fmt } from "@/lib/text/format";
import { MarkCell } from "@/components/marks/mark-cell";

const num = (v: Cell) => (typeof v === "number" ? v : null);
const whole = (v: Cell) => (num(v) === null ? "—" : fmt(num(v)!));
const fixed = (v: Cell, digits = 2) => {
  const n = num(v);
  return n === null ? "—" : n.toFixed(n % 1 === 0 ? 0 : digits);
};
/** Scores as published: 8, 7.5, 7.75. */
const score = (v: Cell) => {
  const n = num(v);
  return n === null ? "—" : String(Math.round(n * 100) / 100);
};

/** Mean on a 1–5 scale, tinted from red to green so a column of them reads at a glance. */
function Mean({ value, whole = false }: { value: Cell; whole?: boolean }) {
  const n = num(value);
  if (n === null) return <span className="text-slate-600">—</span>;
  const tint =
    n >= 4.5 ? "text-emerald-700" : n >= 3.5 ? "text-lime-800" : n >= 2.5 ? "text-amber-800" : "text-rose-700";
  return <span className={`font-semibold ${tint}`}>{whole ? fmt(n) : n.toFixed(2)}</span>;
}

/** One list cell, by what its column holds; search matches are marked where the column asks for it. */
export function CellView({ kind, value, query }: { kind: CellKind; value: Cell; query: string }) {
  switch (kind) {
    case "row":
    case "count":
      return <>{whole(value)}</>;
    case "mean":
      return <Mean value={value} />;
    case "rating":
      return <Mean value={value} whole />;
    case "spread":
      return <>{fixed(value)}</>;
    case "score":
      return <>{score(value)}</>;
    case "number": {
      // Exact text (an integer beyond 2^53, a decimal) is shown as it is.
      if (typeof value === "string") return <>{value}</>;
      const n = num(value);
      return (
        <>
          {n === null
            ? "—"
            : !Number.isFinite(n)
              ? String(n)
              : Number.isInteger(n)
                ? fmt(n)
                : String(Number(n.toPrecision(6)))}
        </>
      );
    }
    case "margin":
      return num(value) === 0 ? (
        <span className="rounded bg-amber-100 px-1 text-amber-800">tie</span>
      ) : (
        <>{fixed(value)}</>
      );
    case "na":
      return num(value) ? <span className="font-semibold text-slate-700">{fixed(value)}</span> : null;
    case "models":
      // Each name isolated: one that holds a right-to-left override does not reorder the others.
      return (
        <span className="text-xs text-slate-600">
          {(value === null ? "" : String(value)).split(", ").map((name, i) => (
            <span key={i}>
              {i > 0 && ", "}
              <Highlight text={name} query={query} />
            </span>
          ))}
        </span>
      );
    case "text":
    case "value":
      return <Highlight text={value === null ? "" : String(value)} query={query} />;
    case "json":
      return <span className="font-mono text-xs text-slate-600">{value === null ? "" : String(value)}</span>;
    case "mark":
      return <MarkCell value={value} />;
  }
}

/** How a cell of each kind sits in its row. */
export function cellClass(kind: CellKind, oneLine = false): string {
  if (kind === "text" || kind === "models" || kind === "value" || kind === "json")
    return oneLine ? "truncate" : "line-clamp-2 break-words";
  if (kind === "mark") return "";
  return "text-right text-slate-600 tabular-nums";
}

export const isNumericKind = (kind: CellKind) => !["text", "models", "value", "json", "mark"].includes(kind);
