"use client";
import type { Engine } from "@/lib/engine/types";
import { ASPECTS } from "@/lib/formats/ratings";
import { activeFilterCount, DEFAULT_DISAGREEMENT, NO_FILTERS, type Filters, type Scope } from "@/lib/sql/filters";
import type { DatasetRef } from "@/lib/sql/list";
import { ASPECT_SHORT } from "@/components/table/columns";
import { MultiSelect } from "./multi-select";
import { RangeInput } from "./range-input";
import { useFacets } from "./use-facets";

interface Props {
  engine: Engine | null;
  ds: DatasetRef;
  filters: Filters;
  onChange: (f: Filters) => void;
  children?: React.ReactNode;
}

const scopeValue = (s: Scope) => (s.kind === "model" ? `model:${s.model}` : s.kind);

function FeedbackFilters({ engine, ds, filters: f, onChange }: Props) {
  const facets = useFacets(engine, ds);
  const set = (patch: Partial<Filters>) => onChange({ ...f, ...patch });
  return (
    <>
      <label className="flex items-center gap-1">
        <span className="text-slate-600">Ratings of</span>
        <select
          data-testid="filter-scope"
          value={scopeValue(f.scope)}
          onChange={(e) => {
            const v = e.target.value;
            set({
              scope:
                v === "all"
                  ? { kind: "all" }
                  : v.startsWith("model:")
                    ? { kind: "model", model: v.slice(6) }
                    : { kind: "any" },
            });
          }}
          className="rounded border border-slate-300 bg-white px-1 py-0.5"
        >
          <option value="any">any completion</option>
          <option value="all">all completions</option>
          <optgroup label="the completion of">
            {f.scope.kind === "model" &&
              !facets.model.some((m) => f.scope.kind === "model" && m.value === f.scope.model) && (
                <option value={scopeValue(f.scope)}>{f.scope.model}</option>
              )}
            {facets.model.map((m) => (
              <option key={m.value} value={`model:${m.value}`}>
                {m.value}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {ASPECTS.map((a) => (
        <RangeInput
          key={a}
          id={a}
          label={ASPECT_SHORT[a]}
          value={f.ratings[a]}
          min={1}
          max={5}
          step={1}
          onChange={(r) => {
            const ratings = { ...f.ratings };
            if (r) ratings[a] = r;
            else delete ratings[a];
            set({ ratings });
          }}
        />
      ))}
      <RangeInput
        id="overall"
        label="Overall"
        value={f.overall}
        min={1}
        max={10}
        step={0.5}
        onChange={(overall) => set({ overall })}
      />
      <RangeInput
        id="fine"
        label="Fine-grained"
        value={f.fine}
        min={1}
        max={5}
        step={0.25}
        onChange={(fine) => set({ fine })}
      />
      <label
        className={`flex items-center gap-1 rounded px-1.5 py-0.5 ${f.disagree !== null ? "bg-sky-50 ring-1 ring-sky-300" : ""}`}
        title="Completions whose overall_score, halved to the 1–5 scale, is this far or farther from the mean of the four ratings"
      >
        <input
          data-testid="filter-disagree"
          type="checkbox"
          checked={f.disagree !== null}
          onChange={(e) => set({ disagree: e.target.checked ? DEFAULT_DISAGREEMENT : null })}
        />
        <span className="text-slate-600">overall vs fine-grained gap ≥</span>
        <input
          data-testid="filter-disagree-threshold"
          aria-label="Disagreement threshold"
          type="number"
          min={0.25}
          max={4.5}
          step={0.25}
          value={f.disagree ?? DEFAULT_DISAGREEMENT}
          disabled={f.disagree === null}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (e.target.value !== "" && Number.isFinite(n)) set({ disagree: n });
          }}
          className="w-12 rounded border border-slate-300 bg-white px-1 py-0.5 text-right tabular-nums disabled:opacity-50"
        />
      </label>
      <MultiSelect
        id="principles"
        label="Principles"
        options={facets.principle}
        selected={f.principles}
        onChange={(principles) => set({ principles })}
      />
      <span className="h-4 w-px bg-slate-200" aria-hidden />
      <MultiSelect
        id="models"
        label="Models"
        options={facets.model}
        selected={f.models}
        onChange={(models) => set({ models })}
      />
      <MultiSelect
        id="sources"
        label="Sources"
        options={facets.source}
        selected={f.sources}
        onChange={(sources) => set({ sources })}
      />
      <label className={`flex items-center gap-1 rounded px-1.5 py-0.5 ${f.na ? "bg-sky-50 ring-1 ring-sky-300" : ""}`}>
        <input data-testid="filter-na" type="checkbox" checked={f.na} onChange={(e) => set({ na: e.target.checked })} />
        <span className="text-slate-600">has an N/A rating</span>
      </label>
    </>
  );
}

function PairFilters({ filters: f, onChange }: Props) {
  const set = (patch: Partial<Filters>) => onChange({ ...f, ...patch });
  return (
    <>
      <RangeInput
        id="chosen"
        label="Chosen score"
        value={f.chosen}
        min={1}
        max={10}
        step={0.5}
        onChange={(chosen) => set({ chosen })}
      />
      <RangeInput
        id="rejected"
        label="Rejected score"
        value={f.rejected}
        min={1}
        max={10}
        step={0.5}
        onChange={(rejected) => set({ rejected })}
      />
      <RangeInput
        id="margin"
        label="Margin"
        value={f.margin}
        min={0}
        max={9}
        step={0.5}
        onChange={(margin) => set({ margin })}
      />
      <label className="flex items-center gap-1">
        <span className="text-slate-600">Ties</span>
        <select
          data-testid="filter-ties"
          value={f.ties ?? ""}
          onChange={(e) =>
            set({ ties: e.target.value === "only" || e.target.value === "none" ? e.target.value : null })
          }
          className={`rounded border px-1 py-0.5 ${f.ties ? "border-sky-300 bg-sky-50" : "border-slate-300 bg-white"}`}
        >
          <option value="">ties and non-ties</option>
          <option value="only">ties only</option>
          <option value="none">no ties</option>
        </select>
      </label>
    </>
  );
}

/** The filters of the UltraFeedback layouts; every change goes to the URL and from there into SQL. */
export function FilterBar(props: Props) {
  const n = activeFilterCount(props.filters);
  return (
    <div
      data-testid="filters"
      className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 bg-white px-4 py-1.5 text-xs"
    >
      {props.ds.layout === "ultrafeedback" ? <FeedbackFilters {...props} /> : <PairFilters {...props} />}
      {n > 0 && (
        <button
          type="button"
          data-testid="clear-filters"
          onClick={() => props.onChange(NO_FILTERS)}
          className="rounded px-2 py-0.5 text-sky-700 hover:bg-sky-50"
        >
          Clear {n} filter{n === 1 ? "" : "s"}
        </button>
      )}
      <div className="ml-auto flex items-center gap-2">{props.children}</div>
    </div>
  );
}
