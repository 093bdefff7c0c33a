"use client";
import { useState } from "react";
import type { Range } from "@/lib/types";

interface Props {
  id: string;
  label: string;
  value: Range | null | undefined;
  min: number;
  max: number;
  step: number;
  onChange: (r: Range | null) => void;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** Two number boxes, from and to; an empty box is an open bound. Typing applies when the box holds a number. */
export function RangeInput({ id, label, value, min, max, step, onChange }: Props) {
  const [draft, setDraft] = useState<{ lo: string; hi: string } | null>(null);
  const lo = draft?.lo ?? text(value?.min);
  const hi = draft?.hi ?? text(value?.max);
  const active = value !== null && value !== undefined;

  function commit(nextLo: string, nextHi: string) {
    setDraft({ lo: nextLo, hi: nextHi });
    const parse = (s: string) => (s.trim() === "" ? null : Number(s));
    const a = parse(nextLo);
    const b = parse(nextHi);
    if ((a !== null && !Number.isFinite(a)) || (b !== null && !Number.isFinite(b))) return;
    onChange(a === null && b === null ? null : { min: a, max: b });
  }

  const box =
    "w-12 rounded border border-slate-300 bg-white px-1 py-0.5 text-right tabular-nums [appearance:textfield] focus:border-sky-500";
  return (
    <fieldset
      className={`flex items-center gap-1 rounded px-1.5 py-0.5 ${active ? "bg-sky-50 ring-1 ring-sky-300" : ""}`}
      onBlur={() => setDraft(null)}
    >
      <legend className="sr-only">{label}</legend>
      <span className="text-slate-600">{label}</span>
      <input
        data-testid={`filter-${id}-min`}
        aria-label={`${label} from`}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        placeholder={String(min)}
        value={lo}
        onChange={(e) => commit(e.target.value, hi)}
        className={box}
      />
      <span className="text-slate-600">–</span>
      <input
        data-testid={`filter-${id}-max`}
        aria-label={`${label} to`}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        placeholder={String(max)}
        value={hi}
        onChange={(e) => commit(lo, e.target.value)}
        className={box}
      />
    </fieldset>
  );
}
