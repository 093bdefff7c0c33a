"use client";
import { columnLabel, columnType } from "@/lib/formats/column-names";
import { useState } from "react";
import { columnFieldId, isNumericType, measuresOf } from "@/lib/filters/columns";
import type { Clause, DatasetRef } from "@/lib/types";
import { useDismiss } from "@/components/ui/use-dismiss";

type Kind = "has" | "in" | "range";

/** Adds a condition on any column of the dataset: a range of numbers, one value, or text it contains. */
export function ColumnFilter({ ds, onAdd }: { ds: DatasetRef; onAdd: (clause: Clause) => void }) {
  const [box, closeBox] = useDismiss();
  const [column, setColumn] = useState(ds.columns[0] ?? "");
  const measures = measuresOf(ds).filter((m) => !ds.columns.includes(m.name));
  const measure = measures.some((m) => m.name === column);
  const numeric = measure || isNumericType(columnType(ds, column));
  const [kind, setKind] = useState<Kind | null>(null);
  // A measure is a number of the layout's: kept by range only.
  const how: Kind = measure ? "range" : (kind ?? (numeric ? "range" : "has"));
  const [text, setText] = useState("");
  const [lo, setLo] = useState("");
  const [hi, setHi] = useState("");

  function add() {
    const field = columnFieldId(how, column);
    const n = (s: string) => (s.trim() === "" || !Number.isFinite(Number(s)) ? null : Number(s));
    if (how === "range") {
      const range = { min: n(lo), max: n(hi) };
      if (range.min === null && range.max === null) return;
      onAdd({ field, op: "range", range });
    } else if (text !== "") {
      onAdd(how === "in" ? { field, op: "in", values: [text] } : { field, op: "has", text });
    } else return;
    closeBox();
    setText("");
    setLo("");
    setHi("");
  }

  const input = "rounded border border-slate-300 bg-white px-1 py-0.5";
  return (
    <details ref={box} data-testid="column-filter" className="relative">
      <summary className="cursor-pointer list-none rounded border border-dashed border-slate-300 px-2 py-0.5 text-slate-600 hover:bg-slate-50">
        + Column filter
      </summary>
      <form
        className="absolute z-30 mt-1 flex w-80 flex-col gap-2 rounded border border-slate-200 bg-white p-2 shadow-lg"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="flex items-center gap-2">
          <span className="w-14 text-slate-600">Column</span>
          <select
            data-testid="column-filter-column"
            value={column}
            onChange={(e) => {
              setColumn(e.target.value);
              setKind(null);
            }}
            className={`min-w-0 flex-1 ${input}`}
          >
            <optgroup label="Columns of the file">
              {ds.columns.map((c) => (
                <option key={c} value={c}>
                  {columnLabel(ds, c)}
                  {columnType(ds, c) ? ` (${columnType(ds, c)!.toLowerCase().slice(0, 24)})` : ""}
                </option>
              ))}
            </optgroup>
            {measures.length > 0 && (
              <optgroup label="Measures of each row">
                {measures.map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.title}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="w-14 text-slate-600">Keep</span>
          <select
            data-testid="column-filter-kind"
            value={how}
            disabled={measure}
            onChange={(e) => setKind(e.target.value as Kind)}
            className={`flex-1 ${input}`}
          >
            <option value="has">rows whose text contains</option>
            <option value="in">rows equal to</option>
            <option value="range">rows in a range of numbers</option>
          </select>
        </label>
        {how === "range" ? (
          <div className="flex items-center gap-2">
            <span className="w-14 text-slate-600">From</span>
            <input
              aria-label="From"
              data-testid="column-filter-min"
              inputMode="decimal"
              value={lo}
              onChange={(e) => setLo(e.target.value)}
              className={`w-20 ${input}`}
            />
            <span className="text-slate-600">to</span>
            <input
              aria-label="To"
              data-testid="column-filter-max"
              inputMode="decimal"
              value={hi}
              onChange={(e) => setHi(e.target.value)}
              className={`w-20 ${input}`}
            />
          </div>
        ) : (
          <input
            aria-label="Value"
            placeholder={how === "in" ? "the exact value" : "text, matched case-insensitively"}
            data-testid="column-filter-value"
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={input}
          />
        )}
        <button
          type="submit"
          data-testid="column-filter-add"
          className="self-end rounded bg-sky-700 px-3 py-0.5 text-white hover:bg-sky-800"
        >
          Add
        </button>
      </form>
    </details>
  );
}
