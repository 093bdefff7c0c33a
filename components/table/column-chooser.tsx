"use client";
import { availableColumns, columnName, listColumns } from "@/lib/sql/list";
import type { DatasetRef } from "@/lib/types";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useMenuSide } from "@/components/ui/use-menu-side";

interface Props {
  ds: DatasetRef;
  /** The chosen columns, by name; empty: the layout's own choice. */
  chosen: string[];
  onChange: (columns: string[]) => void;
}

/** Shows, hides and orders the list's columns; the choice is kept in the page address. */
export function ColumnChooser({ ds, chosen, onChange }: Props) {
  const [box] = useDismiss();
  // The menu opens toward the side with room: rightward when the button is near the left edge.
  const side = useMenuSide(box);
  const all = availableColumns(ds).filter((c) => c.id !== "__row");
  const shown = listColumns(ds, chosen)
    .filter((c) => c.id !== "__row")
    .map(columnName);
  const hidden = all.map(columnName).filter((n) => !shown.includes(n));
  const move = (name: string, by: number) => {
    const at = shown.indexOf(name);
    const next = [...shown];
    next.splice(at, 1);
    next.splice(Math.max(0, Math.min(next.length, at + by)), 0, name);
    onChange(next);
  };
  const titleOf = (name: string) => all.find((c) => columnName(c) === name)?.title ?? name;
  return (
    <details ref={box} data-testid="column-chooser" className="relative">
      <summary className="cursor-pointer list-none rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
        Columns ▾
      </summary>
      <div
        className={`absolute ${side} z-30 mt-1 max-h-96 w-72 overflow-y-auto rounded border border-slate-200 bg-white p-1 text-xs shadow-lg`}
      >
        {shown.map((name, i) => (
          <div key={name} className="flex items-center gap-1 rounded px-1 py-0.5 hover:bg-slate-50">
            <input
              type="checkbox"
              checked
              aria-label={`Show ${name}`}
              onChange={() => onChange(shown.filter((n) => n !== name))}
            />
            <span className="min-w-0 flex-1 truncate" title={titleOf(name)}>
              {name}
            </span>
            <button
              type="button"
              aria-label={`Move ${name} up`}
              disabled={i === 0}
              onClick={() => move(name, -1)}
              className="rounded px-1 hover:bg-slate-200 disabled:opacity-30"
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move ${name} down`}
              disabled={i === shown.length - 1}
              onClick={() => move(name, 1)}
              className="rounded px-1 hover:bg-slate-200 disabled:opacity-30"
            >
              ↓
            </button>
          </div>
        ))}
        {hidden.length > 0 && <div className="mt-1 border-t border-slate-100 px-1 pt-1 text-slate-600">hidden</div>}
        {hidden.map((name) => (
          <label key={name} className="flex items-center gap-1 rounded px-1 py-0.5 hover:bg-slate-50">
            <input type="checkbox" checked={false} onChange={() => onChange([...shown, name])} />
            <span className="min-w-0 flex-1 truncate" title={titleOf(name)}>
              {name}
            </span>
          </label>
        ))}
        {chosen.length > 0 && (
          <button
            type="button"
            onClick={() => onChange([])}
            className="mt-1 w-full rounded px-2 py-1 text-left text-sky-700 hover:bg-slate-100"
          >
            Back to the layout&apos;s columns
          </button>
        )}
      </div>
    </details>
  );
}
