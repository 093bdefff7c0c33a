"use client";
import type { FacetValue, FilterField } from "@/lib/filters/field";
import { clauseOf } from "@/lib/filters/clauses";
import type { Clause } from "@/lib/types";
import { MultiSelect } from "./multi-select";
import { NaRule, OwnScope } from "./own-scope";
import { RangeInput } from "./range-input";

interface Props {
  field: FilterField;
  clauses: readonly Clause[];
  facets: Record<string, FacetValue[]>;
  /** Sets (or with null, removes) this field's clause. */
  onChange: (clause: Clause | null) => void;
}

const on = "bg-sky-50 ring-1 ring-sky-300";

/** The control of one filter field, by the kind of its clause; its state is the clause in the URL. */
export function FieldControl({ field, clauses, facets, onChange }: Props) {
  const id = field.id;
  switch (field.op) {
    case "range": {
      const c = clauseOf(clauses, id, "range");
      const b = field.bounds ?? { min: 0, max: 10, step: 1 };
      const input = (
        <RangeInput
          id={id}
          label={field.label}
          value={c?.range}
          {...b}
          // A new range keeps the condition's own scope.
          onChange={(range) => onChange(range ? { ...c, field: id, op: "range", range } : null)}
        />
      );
      if (field.level !== "completion" || !c) return input;
      return (
        <span className="flex items-center gap-0.5">
          {input}
          <OwnScope clause={c} label={field.label} onChange={onChange} />
        </span>
      );
    }
    case "in": {
      const c = clauseOf(clauses, id, "in");
      return (
        <MultiSelect
          id={id}
          label={field.label}
          options={facets[id] ?? []}
          selected={c?.values ?? []}
          onChange={(values) => onChange(values.length ? { field: id, op: "in", values } : null)}
        />
      );
    }
    case "on": {
      const c = clauseOf(clauses, id, "on");
      return (
        <label className={`flex items-center gap-1 rounded px-1.5 py-0.5 ${c ? on : ""}`} title={field.help}>
          <input
            data-testid={`filter-${id}`}
            type="checkbox"
            checked={c !== undefined}
            onChange={(e) => onChange(e.target.checked ? { field: id, op: "on" } : null)}
          />
          <span className="text-slate-600">{field.label}</span>
        </label>
      );
    }
    case "at-least": {
      const c = clauseOf(clauses, id, "at-least");
      const b = field.bounds ?? { min: 0, max: 10, step: 1 };
      const fallback = field.defaultValue ?? b.min;
      return (
        <label className={`flex items-center gap-1 rounded px-1.5 py-0.5 ${c ? on : ""}`} title={field.help}>
          <input
            data-testid={`filter-${id}`}
            type="checkbox"
            checked={c !== undefined}
            onChange={(e) => onChange(e.target.checked ? { field: id, op: "at-least", value: fallback } : null)}
          />
          <span className="text-slate-600">{field.label}</span>
          <input
            data-testid={`filter-${id}-threshold`}
            aria-label={`${field.label} threshold`}
            type="number"
            {...b}
            value={c?.value ?? fallback}
            disabled={c === undefined}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (e.target.value !== "" && Number.isFinite(n)) onChange({ field: id, op: "at-least", value: n });
            }}
            className="w-12 rounded border border-slate-300 bg-white px-1 py-0.5 text-right tabular-nums disabled:opacity-50"
          />
        </label>
      );
    }
    case "is": {
      const c = clauseOf(clauses, id, "is");
      const choices = field.choices?.(facets) ?? [];
      const value = c?.value ?? "";
      const known = choices.some((x) => x.value === value);
      const plain = choices.filter((x) => !x.group);
      const groups = [...new Set(choices.flatMap((x) => (x.group ? [x.group] : [])))];
      return (
        <span className="flex items-center gap-1">
          <label className="flex items-center gap-1">
            <span className="text-slate-600">{field.label}</span>
            <select
              data-testid={`filter-${id}`}
              value={value}
              onChange={(e) => onChange(e.target.value ? { field: id, op: "is", value: e.target.value } : null)}
              className={`rounded border px-1 py-0.5 ${c ? "border-sky-300 bg-sky-50" : "border-slate-300 bg-white"}`}
            >
              {plain.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
              {!known && c && <option value={value}>{value.slice(value.indexOf(":") + 1)}</option>}
              {groups.map((g) => (
                <optgroup key={g} label={g}>
                  {choices
                    .filter((x) => x.group === g)
                    .map((x) => (
                      <option key={x.value} value={x.value}>
                        {x.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          {field.naChoice && c?.value === "all" && (
            <NaRule
              testId={`filter-${id}-na`}
              label="How an N/A rating counts when all completions must meet the ratings"
              skip={c.na === "skip"}
              onChange={(skip) => onChange({ ...c, na: skip ? "skip" : undefined })}
            />
          )}
        </span>
      );
    }
    default:
      return null;
  }
}
