"use client";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Table,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Engine } from "@/lib/engine/types";
import type { ListRow } from "@/lib/data/list";
import { genericListColumns, type DatasetRef, type ListState, type SortSpec } from "@/lib/sql/list";
import { listColumns } from "./columns";
import { useListWindow } from "./use-list-window";

const ROW_HEIGHT = 52;
/** The width the flexible text column keeps before the list scrolls sideways. */
const TEXT_MIN = 256;

interface Props {
  engine: Engine | null;
  ds: DatasetRef;
  state: ListState;
  count: number;
  selectedRow: number | null;
  scrollToIndex: number | null;
  onSelect: (row: number, index: number) => void;
  onOpen: (row: number) => void;
  onSort: (sort: SortSpec | null) => void;
  onFirstRow: (row: number | null) => void;
  /** Rows to show before the engine can fetch any. */
  initialRows?: ListRow[];
}

export function RecordList({
  engine,
  ds,
  state,
  count,
  selectedRow,
  scrollToIndex,
  onSelect,
  onOpen,
  onSort,
  onFirstRow,
  initialRows,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  const list = useListWindow(engine, ds, state, initialRows);
  const columns = useMemo(() => listColumns(ds.layout, genericListColumns(ds), state.search), [ds, state.search]);

  useLayoutEffect(() => setHeaderHeight(header.current?.offsetHeight ?? 0), [columns]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = list;

  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [ensure, first, last, count, list.version]);

  const firstRow = list.rowAt(0)?.row ?? null;
  useEffect(() => onFirstRow(count === 0 ? null : firstRow), [firstRow, count, onFirstRow]);

  useEffect(() => {
    if (scrollToIndex !== null) virtualizer.scrollToIndex(scrollToIndex, { align: "center" });
  }, [scrollToIndex, virtualizer]);

  const sorting: SortingState = state.sort ? [{ id: state.sort.column, desc: state.sort.desc }] : [];
  const { rowAt, version } = list;
  // A stable array: the table recomputes its rows (and resets derived state) whenever `data` changes.
  const windowRows = useMemo(() => {
    const out: ListRow[] = [];
    for (let i = first; i <= last; i++) {
      const r = rowAt(i);
      if (r) out.push(r);
    }
    return out;
    // version changes when fetched rows land in the cache behind rowAt
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, last, rowAt, version]);
  const table = useReactTable({
    data: windowRows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.row),
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableSortingRemoval: true,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const s = next[0];
      onSort(s ? { column: s.id, desc: s.desc } : null);
    },
  });

  // Rows are memoized and get stable handlers, so a scroll renders only the rows that come into view.
  const handlers = useRef({ onSelect, onOpen });
  useEffect(() => {
    handlers.current = { onSelect, onOpen };
  });
  const select = useCallback((row: number, index: number) => handlers.current.onSelect(row, index), []);
  const open = useCallback((row: number) => handlers.current.onOpen(row), []);

  const leaves = table.getVisibleLeafColumns();
  const generic = ds.layout === "generic";
  // A column without a size is the flexible text column; a generic table shares the width evenly.
  const widthOf = (c: (typeof leaves)[number]) => (generic && c.id !== "__row" ? null : c.columnDef.size || null);
  const template = leaves
    .map((c) => {
      const w = widthOf(c);
      return w ? `${w}px` : generic ? "minmax(8rem, 1fr)" : `minmax(${TEXT_MIN}px, 1fr)`;
    })
    .join(" ");
  const minWidth = leaves.reduce((s, c) => s + (widthOf(c) ?? (generic ? 128 : TEXT_MIN)), 0);

  const selectedIndex = items.find((v) => list.rowAt(v.index)?.row === selectedRow)?.index ?? -1;
  function move(delta: number) {
    const from = selectedIndex === -1 ? (delta > 0 ? -1 : 1) : selectedIndex;
    const index = Math.min(count - 1, Math.max(0, from + delta));
    const r = list.rowAt(index);
    if (r) {
      onSelect(r.row, index);
      virtualizer.scrollToIndex(index);
    }
  }

  return (
    <div
      ref={scroller}
      tabIndex={0}
      data-testid="record-list"
      className="h-full min-h-0 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:ring-inset"
      onKeyDown={(e) => {
        if (e.key === "ArrowDown") {
          e.preventDefault();
          move(1);
        } else if (e.key === "ArrowUp") {
          e.preventDefault();
          move(-1);
        }
      }}
    >
      <div style={{ minWidth }}>
        <div ref={header} className="sticky top-0 z-10">
          {table.getHeaderGroups().map((group) => (
            <div
              key={group.id}
              className="grid border-b border-slate-200 bg-slate-100 text-xs font-semibold text-slate-600"
              style={{ gridTemplateColumns: template }}
            >
              {group.headers.map((h) => {
                const span = { gridColumn: `span ${h.colSpan}` };
                if (h.isPlaceholder) return <div key={h.id} style={span} aria-hidden />;
                if (h.subHeaders.length > 0) {
                  return (
                    <div
                      key={h.id}
                      style={span}
                      title={String(h.column.columnDef.header)}
                      className="truncate border-l border-slate-200 px-1 pt-1 text-center"
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </div>
                  );
                }
                const dir = h.column.getIsSorted();
                const numeric = h.column.columnDef.meta?.numeric;
                return (
                  <div
                    key={h.id}
                    style={span}
                    role="columnheader"
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                  >
                    <button
                      type="button"
                      data-testid={`sort-${h.column.id}`}
                      onClick={h.column.getToggleSortingHandler()}
                      className={`w-full truncate px-2 py-1.5 hover:bg-slate-200 ${numeric ? "text-right" : "text-left"}`}
                      title={`Sort by ${h.column.columnDef.meta?.title ?? h.column.id.replace(/^__/, "").replaceAll("_", " ")}`}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : ""}
                    </button>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((v) => {
            const r = list.rowAt(v.index);
            return (
              <RowView
                key={v.key}
                r={r}
                index={v.index}
                top={v.start - headerHeight}
                selected={r !== undefined && r.row === selectedRow}
                template={template}
                table={table}
                columns={columns}
                onSelect={select}
                onOpen={open}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowViewProps {
  r: ListRow | undefined;
  index: number;
  top: number;
  selected: boolean;
  template: string;
  table: Table<ListRow>;
  /** Only to re-render when the columns change (a new search highlights differently). */
  columns: ColumnDef<ListRow, unknown>[];
  onSelect: (row: number, index: number) => void;
  onOpen: (row: number) => void;
}

const RowView = memo(function RowView({ r, index, top, selected, template, table, onSelect, onOpen }: RowViewProps) {
  const trow = r ? table.getRow(String(r.row), true) : undefined;
  return (
    <div
      data-testid={r ? "record-row" : "record-row-loading"}
      data-row={r?.row}
      aria-selected={selected}
      onClick={() => r && onSelect(r.row, index)}
      onDoubleClick={() => r && onOpen(r.row)}
      className={`absolute right-0 left-0 grid cursor-pointer items-center border-b border-slate-100 text-sm ${
        selected ? "bg-sky-100" : "hover:bg-slate-100"
      }`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)`, gridTemplateColumns: template }}
    >
      {trow ? (
        trow.getVisibleCells().map((cell) => {
          const meta = cell.column.columnDef.meta;
          return (
            <div
              key={cell.id}
              data-col={cell.column.id}
              className={`px-2 ${meta?.wrap ? "line-clamp-2 break-words" : meta?.numeric ? "text-right text-slate-600 tabular-nums" : "truncate text-slate-600 tabular-nums"}`}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </div>
          );
        })
      ) : (
        <div className="col-span-full mx-2 h-3 animate-pulse rounded bg-slate-200" />
      )}
    </div>
  );
});
