import { memo } from "react";
import type { ListRow } from "@/lib/data/list";
import type { ListColumn } from "@/lib/layouts/spec";
import { CellView, cellClass } from "./cells";
import { cellValue } from "./columns";

export const ROW_HEIGHT = 52;
/** One line a row, where the list sits above a record. */
export const DENSE_ROW_HEIGHT = 36;

interface Props {
  r: ListRow | undefined;
  index: number;
  top: number;
  selected: boolean;
  template: string;
  columns: readonly ListColumn[];
  query: string;
  onSelect: (row: number, index: number) => void;
  onOpen: (row: number) => void;
  /** Header rows above the first row, for its place in the grid (aria-rowindex counts from 1). */
  headerRows: number;
  height: number;
}

/**
 * One row of the virtual window, drawn straight from the column list. Rows are memoized and keyed
 * by their slot in the window, so a scroll updates the elements in place instead of making new ones.
 */
export const ListRowView = memo(function ListRowView({
  r,
  index,
  top,
  selected,
  template,
  columns,
  query,
  onSelect,
  onOpen,
  headerRows,
  height,
}: Props) {
  // The same cells whether the row's data is in or not, so a row that fills in only changes text.
  return (
    <div
      data-testid={r ? "record-row" : "record-row-loading"}
      data-row={r?.row}
      role="row"
      aria-rowindex={index + headerRows + 1}
      aria-selected={selected}
      onClick={() => r && onSelect(r.row, index)}
      onDoubleClick={() => r && onOpen(r.row)}
      className={`absolute right-0 left-0 grid cursor-pointer items-center border-b border-slate-100 text-sm ${
        selected ? "bg-sky-100" : "hover:bg-slate-100"
      }`}
      style={{
        height,
        transform: `translateY(${top}px)`,
        gridTemplateColumns: template,
        contain: "strict",
      }}
    >
      {columns.map((c) => (
        <div key={c.id} data-col={c.id} role="gridcell" className={`px-2 ${cellClass(c.kind, height < ROW_HEIGHT)}`}>
          {r ? (
            <CellView kind={c.kind} value={cellValue(r, c)} query={c.highlight ? query : ""} />
          ) : c.highlight || c.kind === "text" ? (
            <span className="block h-3 rounded bg-slate-100" />
          ) : null}
        </div>
      ))}
    </div>
  );
});
