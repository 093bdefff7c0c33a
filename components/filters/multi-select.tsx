"use client";
import { useDismiss } from "@/components/ui/use-dismiss";
import type { FacetValue } from "@/lib/filters/field";
import { fmt } from "@/lib/text/format";

interface Props {
  id: string;
  label: string;
  options: FacetValue[];
  selected: string[];
  onChange: (values: string[]) => void;
}

/** A dropdown of checkboxes with each value's prompt count; closes on a click outside or Escape. */
export function MultiSelect({ id, label, options, selected, onChange }: Props) {
  const [box] = useDismiss();
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <details ref={box} data-testid={`filter-${id}`} className="relative">
      <summary
        className={`cursor-pointer list-none rounded border px-2 py-0.5 ${selected.length ? "border-sky-300 bg-sky-50 text-sky-900" : "border-slate-300 bg-white"}`}
      >
        {label}
        {selected.length > 0 ? ` (${selected.length})` : ""} ▾
      </summary>
      <div className="absolute z-30 mt-1 max-h-80 min-w-56 overflow-y-auto rounded border border-slate-200 bg-white p-1 shadow-lg">
        {selected.length > 0 && (
          <button
            type="button"
            className="mb-1 w-full rounded px-2 py-1 text-left text-sky-700 hover:bg-slate-100"
            onClick={() => onChange([])}
          >
            Clear
          </button>
        )}
        {options.length === 0 && <p className="px-2 py-1 text-slate-600">No values.</p>}
        {options.map((o) => (
          <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 hover:bg-slate-100">
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span className="flex-1 truncate">{o.value}</span>
            <span className="text-slate-600 tabular-nums">{fmt(o.n)}</span>
          </label>
        ))}
      </div>
    </details>
  );
}
