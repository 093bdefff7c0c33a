"use client";
import { withClause } from "@/lib/filters/clauses";
import { activeClauses, fieldFor } from "@/lib/filters/where";
import { columnField } from "@/lib/filters/columns";
import { specOf } from "@/lib/layouts/registry";
import type { Clause, LoadedDataset } from "@/lib/types";
import { ColumnFilter } from "./column-filter";
import { FieldControl } from "./field-control";
import { useFacets } from "./use-facets";
import { useState } from "react";
import { COMPACT_QUERY } from "@/components/ui/use-media";

/** Narrow or short screens (a laptop at 800 px) start with the filters folded when none is set. */
const NARROW = "(max-width: 767px), (max-height: 899px)";

interface Props {
  ds: LoadedDataset;
  clauses: Clause[];
  onChange: (clauses: Clause[]) => void;
  children?: React.ReactNode;
  /** Out of sight (a phone reading a record) but kept, folded or open as it was left. */
  hidden?: boolean;
}

/**
 * The filters of the open dataset: its layout's fields, then conditions on any of its columns. Every
 * change goes to the URL as clauses, and from there into SQL.
 */
export function FilterBar({ ds, clauses, onChange, children, hidden = false }: Props) {
  const fields = specOf(ds.layout).filters.filter((f) => !f.hidden);
  const facets = useFacets(ds, fields);
  const active = activeClauses(ds, clauses);
  const n = active.length;
  // Folded to one line, it names the filters set as chips. A phone or a short window starts folded, the
  // chips saying what is set; a narrow screen starts folded unless a filter is set.
  // (The bar is shown only once a dataset is open in the page, never rendered on the server.)
  const [open, setOpen] = useState(
    () =>
      typeof window === "undefined" ||
      !(window.matchMedia(COMPACT_QUERY).matches || (n === 0 && window.matchMedia(NARROW).matches)),
  );
  // Clauses without a control of their own (set by a chart, or on a column) show as chips; folded, every one does.
  const chips = open ? active.filter((c) => columnField(c.field) || fieldFor(ds, c.field)?.hidden) : active;
  return (
    <div
      data-testid="filters"
      data-open={open}
      hidden={hidden}
      className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 bg-white px-4 py-1.5 text-xs"
    >
      <button
        type="button"
        data-testid="filter-toggle"
        data-active={n}
        aria-expanded={open}
        aria-controls={open ? "filter-fields" : undefined}
        onClick={() => setOpen(!open)}
        title={open ? "Fold the filters to one line" : "Show every filter"}
        className={`flex items-center gap-1 rounded border px-2 py-0.5 ${n > 0 ? "border-sky-600 text-sky-900" : "border-slate-300 text-slate-700"} hover:bg-slate-50`}
      >
        <span aria-hidden>{open ? "▾" : "▸"}</span> Filters
        {n > 0 && <span className="rounded bg-sky-700 px-1 text-white tabular-nums">{n}</span>}
      </button>
      {open && (
        <div id="filter-fields" className="contents">
          {fields.map((field, i) => (
            <div key={field.id} className="contents">
              {i > 0 && field.level === "row" && fields[i - 1]!.level !== "row" && (
                <span className="h-4 w-px bg-slate-200" aria-hidden />
              )}
              <FieldControl
                field={field}
                clauses={clauses}
                facets={facets}
                onChange={(clause) => onChange(withClause(clauses, field.id, clause))}
              />
            </div>
          ))}
        </div>
      )}
      {chips.map((c) => (
        <span
          key={c.field}
          data-testid="filter-chip"
          className="flex items-center gap-1 rounded bg-sky-50 px-1.5 py-0.5 text-sky-900 ring-1 ring-sky-300"
        >
          {fieldFor(ds, c.field)?.describe(c, ds)}
          <button
            type="button"
            aria-label={`Remove the filter ${fieldFor(ds, c.field)?.describe(c, ds) ?? ""}`}
            onClick={() => onChange(withClause(clauses, c.field, null))}
            className="rounded px-1 text-sky-700 hover:bg-sky-100"
          >
            ×
          </button>
        </span>
      ))}
      {open && ds.columns.length > 0 && (
        <ColumnFilter key={ds.table} ds={ds} onAdd={(clause) => onChange(withClause(clauses, clause.field, clause))} />
      )}
      {n > 0 && (
        <button
          type="button"
          data-testid="clear-filters"
          onClick={() => onChange(clauses.filter((c) => !active.includes(c)))}
          className="rounded px-2 py-0.5 text-sky-700 hover:bg-sky-50"
        >
          Clear {n} filter{n === 1 ? "" : "s"}
        </button>
      )}
      <div className="ml-auto flex items-center gap-2">{children}</div>
    </div>
  );
}
