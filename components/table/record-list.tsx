"use client";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { ListRow } from "@/lib/data/list";
import type { DataFrame } from "@/lib/data/frame";
import { listColumns, listKey, sortColumn } from "@/lib/sql/list";
import { markColumn } from "@/lib/marks/sql";
import { useMarksContext } from "@/components/marks/use-marks";
import type { DatasetRef, ListState, SortSpec } from "@/lib/types";
import { tableColumns } from "./columns";
import { ListHeader } from "./list-header";
import { ListRowView, ROW_HEIGHT } from "./list-row";
import { useDatasetFrame, useListWindow } from "./use-list-window";

/** The width the flexible text column keeps before the list scrolls sideways. */
const TEXT_MIN = 256;
const NO_ROWS: ListRow[] = [];
/** Keys of the row elements: more than ever fit the window, so a scroll reuses each element in place. */
const SLOTS = 256;

interface Props {
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
  /** The page's main list has the id the keys hand focus to (`record-list`). */
  id?: string;
  /** Rows from elsewhere than the dataset's selection (the same order and columns' meaning). */
  frame?: DataFrame;
}

/** The virtualized list of the current selection; rows, order and counts all come from SQL. */
export function RecordList({
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
  id,
  frame: given,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  // The mark column comes with the first mark and goes with the last.
  useMarksContext();
  const own = useDatasetFrame(initialRows || given ? null : ds, state, count);
  const frame = given ?? own;
  // Rows last shown stay while the table grows or its search column is built: the same rows either way.
  const base = listKey({ ...ds, rows: undefined, indexed: false } as DatasetRef, state);
  const list = useListWindow(frame, base, ds.engine, initialRows);
  const chosen = JSON.stringify(state.columns ?? []);
  const marked = markColumn(ds) !== null;
  const fallback = useMemo(
    () => listColumns(ds, state.columns),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `chosen` stands for the chosen columns, `marked` for the mark column
    [ds, chosen, marked],
  );
  const columns = frame?.columns ?? fallback;
  const defs = useMemo(() => tableColumns(columns), [columns]);

  useLayoutEffect(() => setHeaderHeight(header.current?.offsetHeight ?? 0), [defs]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure, rowAt } = list;

  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [ensure, first, last, count, list.version]);

  const firstRow = rowAt(0)?.row ?? null;
  useEffect(() => onFirstRow(count === 0 ? null : firstRow), [firstRow, count, onFirstRow]);

  useEffect(() => {
    if (scrollToIndex !== null) virtualizer.scrollToIndex(scrollToIndex, { align: "center" });
  }, [scrollToIndex, virtualizer]);

  const sorted = sortColumn(ds, state.sort);
  const sorting: SortingState = sorted && state.sort ? [{ id: sorted.id, desc: state.sort.desc }] : [];
  const table = useReactTable({
    data: NO_ROWS,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
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

  // Rows get stable handlers, so a scroll renders only the rows whose content changed.
  const handlers = useRef({ onSelect, onOpen });
  useEffect(() => {
    handlers.current = { onSelect, onOpen };
  });
  const select = useCallback((row: number, index: number) => handlers.current.onSelect(row, index), []);
  const open = useCallback((row: number) => handlers.current.onOpen(row), []);

  // Columns without a width share what is left: one text column keeps room to read, several share evenly.
  const even = columns.filter((c) => !c.width).length > 1;
  const template = columns
    .map((c) => (c.width ? `${c.width}px` : even ? "minmax(8rem, 1fr)" : `minmax(${TEXT_MIN}px, 1fr)`))
    .join(" ");
  const minWidth = columns.reduce((s, c) => s + (c.width ?? (even ? 128 : TEXT_MIN)), 0);

  const selectedIndex = items.find((v) => rowAt(v.index)?.row === selectedRow)?.index ?? -1;
  function move(delta: number) {
    const from = selectedIndex === -1 ? (delta > 0 ? -1 : 1) : selectedIndex;
    const index = Math.min(count - 1, Math.max(0, from + delta));
    const r = rowAt(index);
    if (r) {
      onSelect(r.row, index);
      virtualizer.scrollToIndex(index);
    }
  }

  return (
    <div
      ref={scroller}
      id={id}
      tabIndex={0}
      role="grid"
      aria-label="Rows (↑/↓ move the selection)"
      aria-rowcount={count + table.getHeaderGroups().length}
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
      <div role="presentation" style={{ minWidth }}>
        <div ref={header} role="rowgroup" className="sticky top-0 z-10">
          <ListHeader table={table} template={template} sortKey={JSON.stringify([columns.map((c) => c.id), sorting])} />
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative", contain: "strict" }}>
          {items.map((v) => {
            const r = rowAt(v.index);
            return (
              <ListRowView
                key={v.index % SLOTS}
                r={r}
                index={v.index}
                top={v.start - headerHeight}
                selected={r !== undefined && r.row === selectedRow}
                template={template}
                columns={columns}
                query={state.search}
                onSelect={select}
                onOpen={open}
                headerRows={table.getHeaderGroups().length}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
