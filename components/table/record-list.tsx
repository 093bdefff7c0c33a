"use client";
import { useEffect, useMemo, useRef } from "react";
import { flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Engine } from "@/lib/engine/types";
import type { ListRow } from "@/lib/data/list";
import { genericListColumns, type DatasetRef, type ListState, type SortSpec } from "@/lib/sql/list";
import { listColumns } from "./columns";
import { useListWindow } from "./use-list-window";

const ROW_HEIGHT = 52;

interface Props {
  engine: Engine | null;
  ds: DatasetRef;
  state: ListState;
  count: number;
  selectedRow: number | null;
  scrollToIndex: number | null;
  onSelect: (row: number, index: number) => void;
  onSort: (sort: SortSpec | null) => void;
  onFirstRow: (row: number | null) => void;
}

export function RecordList({
  engine,
  ds,
  state,
  count,
  selectedRow,
  scrollToIndex,
  onSelect,
  onSort,
  onFirstRow,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useListWindow(engine, ds, state);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
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

  const columns = useMemo(() => listColumns(ds.layout, genericListColumns(ds), state.search), [ds, state.search]);
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

  const template = columns.map((c) => (c.size ? `${c.size}px` : "minmax(0,1fr)")).join(" ");
  const layoutTemplate = ds.layout === "generic" ? `64px repeat(${columns.length - 1}, minmax(8rem, 1fr))` : template;

  function move(delta: number, from: number) {
    const index = Math.min(count - 1, Math.max(0, from + delta));
    const r = list.rowAt(index);
    if (r) {
      onSelect(r.row, index);
      virtualizer.scrollToIndex(index);
    }
  }
  const selectedIndex = items.find((v) => list.rowAt(v.index)?.row === selectedRow)?.index ?? -1;

  return (
    <div className="flex h-full min-h-0 flex-col">
      {table.getHeaderGroups().map((group) => (
        <div
          key={group.id}
          className="grid border-b border-slate-200 bg-slate-100 text-xs font-semibold text-slate-600"
          style={{ gridTemplateColumns: layoutTemplate }}
        >
          {group.headers.map((h) => {
            const dir = h.column.getIsSorted();
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
              >
                <button
                  type="button"
                  onClick={h.column.getToggleSortingHandler()}
                  className="w-full truncate px-2 py-1.5 text-left hover:bg-slate-200"
                  title="Sort"
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  {dir === "asc" ? " ▲" : dir === "desc" ? " ▼" : ""}
                </button>
              </div>
            );
          })}
        </div>
      ))}
      <div
        ref={scroller}
        tabIndex={0}
        data-testid="record-list"
        className="min-h-0 flex-1 overflow-y-auto outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "j") {
            e.preventDefault();
            move(1, selectedIndex === -1 ? -1 : selectedIndex);
          } else if (e.key === "ArrowUp" || e.key === "k") {
            e.preventDefault();
            move(-1, selectedIndex === -1 ? 1 : selectedIndex);
          }
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((v) => {
            const r = list.rowAt(v.index);
            const trow = r ? table.getRow(String(r.row)) : undefined;
            const selected = r !== undefined && r.row === selectedRow;
            return (
              <div
                key={v.key}
                data-testid={r ? "record-row" : "record-row-loading"}
                data-row={r?.row}
                aria-selected={selected}
                onClick={() => r && onSelect(r.row, v.index)}
                className={`absolute right-0 left-0 grid cursor-pointer items-center border-b border-slate-100 text-sm ${
                  selected ? "bg-sky-100" : "hover:bg-slate-100"
                }`}
                style={{
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                  gridTemplateColumns: layoutTemplate,
                }}
              >
                {trow ? (
                  trow.getVisibleCells().map((cell) => (
                    <div
                      key={cell.id}
                      className={`px-2 ${cell.column.id === "__preview" || ds.layout === "generic" ? "line-clamp-2 break-words" : "text-slate-600 tabular-nums"}`}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))
                ) : (
                  <div className="col-span-full mx-2 h-3 animate-pulse rounded bg-slate-200" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
