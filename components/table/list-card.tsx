import { memo } from "react";
import type { ListRow } from "@/lib/data/list";
import type { ListColumn } from "@/lib/layouts/spec";
import type { SortSpec } from "@/lib/types";
import { columnName } from "@/lib/sql/list";
import { CellView } from "./cells";
import { cellValue } from "./columns";

const TEXTUAL = new Set(["text", "models", "value", "json"]);

/** A card's parts: its title (the main text), one line per other text column, then the numbers two a line. */
export interface CardLayout {
  title: ListColumn | null;
  lines: ListColumn[];
  /** Columns of one group (an aspect's mean and spread) share a cell, under the group's name. */
  cells: { label: string; columns: ListColumn[] }[];
  perLine: number;
  height: number;
}

const PAD = 16;
const TITLE = 40;
const LINE = 18;

const GAP = 4;

/** `perLine`: number cells side by side (two on a phone, three from 560 px). */
export function cardLayout(columns: readonly ListColumn[], perLine = 2): CardLayout {
  const shown = columns.filter((c) => c.id !== "__row" && c.kind !== "mark");
  const title = shown.find((c) => c.kind === "text") ?? shown.find((c) => TEXTUAL.has(c.kind)) ?? null;
  const lines = shown.filter((c) => c !== title && TEXTUAL.has(c.kind));
  const cells: CardLayout["cells"] = [];
  const size = new Map<string, number>();
  for (const c of shown) if (c.group) size.set(c.group, (size.get(c.group) ?? 0) + 1);
  for (const c of shown) {
    if (c === title || TEXTUAL.has(c.kind)) continue;
    // A mean and its spread share a cell; a group of more (one model's ratings) has a cell each.
    const pairs = c.group !== undefined && size.get(c.group)! <= 2;
    const last = cells[cells.length - 1];
    if (pairs && last && last.label === c.group) last.columns.push(c);
    else cells.push({ label: pairs ? c.group! : c.header, columns: [c] });
  }
  const cellLines = Math.ceil(cells.length / perLine);
  const parts = 1 + lines.length + (cells.length > 0 ? 1 : 0);
  const height = PAD + TITLE + (parts - 1) * GAP + (lines.length + cellLines) * LINE;
  return { title, lines, cells, perLine, height };
}

interface Props {
  r: ListRow | undefined;
  index: number;
  top: number;
  selected: boolean;
  layout: CardLayout;
  /** The mark column, when the dataset has marks. */
  mark: ListColumn | null;
  query: string;
  onSelect: (row: number, index: number) => void;
}

/** A row of the list as a card on a narrow screen: every column the row has, none scrolled out of sight. */
export const ListCardView = memo(function ListCardView({
  r,
  index,
  top,
  selected,
  layout,
  mark,
  query,
  onSelect,
}: Props) {
  const { title, lines, cells, perLine, height } = layout;
  return (
    <div
      data-testid={r ? "record-row" : "record-row-loading"}
      data-row={r?.row}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      onClick={() => r && onSelect(r.row, index)}
      className={`absolute right-0 left-0 cursor-pointer border-b border-slate-200 px-3 py-2 text-sm ${
        selected ? "bg-sky-100" : "active:bg-slate-100"
      }`}
      style={{ height, transform: `translateY(${top}px)`, contain: "strict" }}
    >
      <div role="gridcell" className="flex h-full flex-col overflow-hidden" style={{ gap: GAP }}>
        <div className="line-clamp-2 shrink-0 leading-5 break-words" style={{ height: TITLE }}>
          <span className="mr-1.5 rounded bg-slate-100 px-1 text-xs text-slate-600 tabular-nums">
            #{r ? r.row : index}
          </span>
          {mark && r && (
            <span className="mr-1.5 inline-block align-middle">
              <CellView kind="mark" value={cellValue(r, mark)} query="" />
            </span>
          )}
          {title && r && (
            <CellView kind={title.kind} value={cellValue(r, title)} query={title.highlight ? query : ""} />
          )}
        </div>
        {lines.map((c) => (
          <div key={c.id} data-col={c.id} className="shrink-0 truncate text-xs leading-[18px] text-slate-600">
            <span className="mr-1 font-semibold">{c.header}</span>
            {r && <CellView kind={c.kind} value={cellValue(r, c)} query={c.highlight ? query : ""} />}
          </div>
        ))}
        {cells.length > 0 && (
          <div
            className="grid shrink-0 gap-x-3 text-xs leading-[18px]"
            style={{ gridTemplateColumns: `repeat(${perLine}, minmax(0, 1fr))` }}
          >
            {cells.map((cell) => (
              <div key={cell.label} className="flex min-w-0 items-baseline gap-1.5">
                <span className="truncate font-semibold text-slate-600">{cell.label}</span>
                {cell.columns.map((c) => (
                  <span key={c.id} data-col={c.id} className="shrink-0 text-slate-700 tabular-nums">
                    {cell.columns.length > 1 && c.header !== "avg" && (
                      <span className="mr-0.5 text-slate-600">{c.header}</span>
                    )}
                    {r ? <CellView kind={c.kind} value={cellValue(r, c)} query="" /> : "…"}
                  </span>
                ))}
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
});

/** Sorting where there is no header row to click: a column, and which way. */
export function CardSort({
  columns,
  sort,
  onSort,
}: {
  columns: readonly ListColumn[];
  sort: { column: ListColumn; desc: boolean } | null;
  onSort: (sort: SortSpec | null) => void;
}) {
  const sortable = columns.filter((c) => !c.unsortable);
  const label = (c: ListColumn) => (c.group ? `${c.group} ${c.header}` : c.id === "__row" ? "Row" : c.header);
  return (
    <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-100 px-3 py-1 text-xs text-slate-600">
      <label className="flex min-w-0 items-center gap-1">
        Sort by
        <select
          data-testid="card-sort"
          value={sort ? columnName(sort.column) : ""}
          onChange={(e) => {
            const c = sortable.find((x) => columnName(x) === e.target.value);
            onSort(c ? { column: c.id, desc: c.descFirst ?? false } : null);
          }}
          className="min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5"
        >
          <option value="">file order</option>
          {sortable.map((c) => (
            <option key={c.id} value={columnName(c)}>
              {label(c)}
            </option>
          ))}
        </select>
      </label>
      {sort && (
        <button
          type="button"
          data-testid="card-sort-direction"
          onClick={() => onSort({ column: sort.column.id, desc: !sort.desc })}
          className="rounded border border-slate-300 bg-white px-2 py-0.5"
        >
          {sort.desc ? "highest first ↓" : "lowest first ↑"}
        </button>
      )}
    </div>
  );
}
