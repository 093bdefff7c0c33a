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
import { ListRowView, ROW_HEIGHT, DENSE_ROW_HEIGHT } from "./list-row";
import { CardSort, ListCardView, cardLayout } from "./list-card";
import { useMedia } from "@/components/ui/use-media";
import { useDatasetFrame, useListWindow } from "./use-list-window";

/** The width the flexible text column keeps before the list scrolls sideways. */
const TEXT_MIN = 256;
const NO_ROWS: ListRow[] = [];
/** Keys of the row elements: more than ever fit the window, so a scroll reuses each element in place. */
const SLOTS = 256;
/**
 * Where the page's list was left, by what it listed: a list shown again (back from a record on a phone)
 * opens there, unless the row to show has changed since.
 */
const left = new Map<string, { top: number; target: number | null }>();

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
  /** A narrow screen: each row a card with every column, sorted by a menu instead of the header. */
  cards?: boolean;
  /** One line a row, so more rows fit above a record. */
  dense?: boolean;
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
  cards = false,
  dense = false,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(0);
  // The mark column comes with the first mark and goes with the last.
  useMarksContext();
  const own = useDatasetFrame(initialRows || given ? null : ds, state, count);
  const frame = given ?? own;
  // Rows last shown stay while the table grows or its search column is built: the same rows either way.
  const base = listKey({ ...ds, rows: undefined }, state);
  const list = useListWindow(frame, base, ds.engine, initialRows);
  const chosen = JSON.stringify(state.columns ?? []);
  const marked = markColumn(ds) !== null;
  const clauses = JSON.stringify(state.clauses ?? []);
  const fallback = useMemo(
    () => listColumns(ds, state.columns, state.clauses),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `chosen` stands for the chosen columns, `marked` for the mark column, `clauses` for a model's own ratings
    [ds, chosen, marked, clauses],
  );
  const columns = frame?.columns ?? fallback;
  const defs = useMemo(() => tableColumns(columns), [columns]);

  useLayoutEffect(() => setHeaderHeight(header.current?.offsetHeight ?? 0), [defs, cards]);
  const roomy = useMedia("(min-width: 560px)");
  const card = useMemo(() => (cards ? cardLayout(columns, roomy ? 3 : 2) : null), [cards, columns, roomy]);
  const rowHeight = card?.height ?? (dense ? DENSE_ROW_HEIGHT : ROW_HEIGHT);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
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

  const leftKey = id ? `${id}\n${base}` : null;
  const target = useRef(scrollToIndex);
  target.current = scrollToIndex;
  const restored = useRef<number | null | undefined>(undefined);
  /** The place to give back, until the list is long enough to hold it (its rows may be counted after it is drawn). */
  const returning = useRef<{ top: number } | null>(null);
  useLayoutEffect(() => {
    const was = leftKey ? left.get(leftKey) : undefined;
    returning.current = was && was.target === target.current ? { top: was.top } : null;
    if (returning.current) restored.current = was!.target;
  }, [leftKey]);
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scroller.current;
    const place = returning.current;
    if (!el || !place || el.scrollHeight - el.clientHeight < place.top) return;
    returning.current = null;
    el.scrollTop = place.top;
  }, [leftKey, totalSize]);
  // Kept as the reader scrolls: what a page does as it closes the list (a pane that grows) is not the reader's.
  const keepPlace = () => {
    const el = scroller.current;
    if (!leftKey || !el) return;
    // (a scroll before the place was given back is the reader's: it stays)
    if (returning.current && el.scrollTop !== 0) returning.current = null;
    left.set(leftKey, { top: el.scrollTop, target: target.current });
  };

  // The row to show is scrolled to once the list holds it (a link's row may be known before the count).
  const scrolledTo = useRef<number | null>(null);
  useEffect(() => {
    if (restored.current !== undefined && restored.current === scrollToIndex) return;
    restored.current = undefined;
    if (scrollToIndex === null) scrolledTo.current = null;
    else if (scrollToIndex < count && scrolledTo.current !== scrollToIndex) {
      scrolledTo.current = scrollToIndex;
      virtualizer.scrollToIndex(scrollToIndex, { align: "center" });
    }
  }, [scrollToIndex, virtualizer, count]);

  const sorted = sortColumn(ds, state.sort, state.clauses);
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

  const markCol = columns.find((c) => c.kind === "mark") ?? null;
  // Rows change height with the screen (cards on a phone): the window measures again.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

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

  const rows = (
    <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative", contain: "strict" }}>
      {items.map((v) => {
        const r = rowAt(v.index);
        const selected = r !== undefined && r.row === selectedRow;
        return card ? (
          <ListCardView
            key={v.index % SLOTS}
            r={r}
            index={v.index}
            top={v.start}
            selected={selected}
            layout={card}
            mark={markCol}
            query={state.search}
            onSelect={select}
          />
        ) : (
          <ListRowView
            key={v.index % SLOTS}
            r={r}
            index={v.index}
            top={v.start - headerHeight}
            selected={selected}
            template={template}
            columns={columns}
            query={state.search}
            onSelect={select}
            onOpen={open}
            headerRows={table.getHeaderGroups().length}
            height={rowHeight}
          />
        );
      })}
    </div>
  );
  const grid = (
    <div
      ref={scroller}
      id={id}
      tabIndex={0}
      role="grid"
      aria-label="Rows (↑/↓ move the selection)"
      aria-rowcount={count + (card ? 0 : table.getHeaderGroups().length)}
      data-testid="record-list"
      data-cards={card ? "" : undefined}
      onScroll={keepPlace}
      className={`${card ? "min-h-0 flex-1" : "h-full min-h-0"} overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:ring-inset`}
      onKeyDown={(e) => {
        if (e.key === "ArrowDown") {
          e.preventDefault();
          move(1);
        } else if (e.key === "ArrowUp") {
          e.preventDefault();
          move(-1);
        } else if (e.key === "Enter" && !id && selectedRow !== null && e.target === e.currentTarget) {
          // The page's keys open the main list's row; any other list opens its own here.
          e.preventDefault();
          e.stopPropagation();
          onOpen(selectedRow);
        }
      }}
    >
      {card ? (
        rows
      ) : (
        <div role="presentation" style={{ minWidth }}>
          <div ref={header} role="rowgroup" className="sticky top-0 z-10">
            <ListHeader
              table={table}
              template={template}
              sortKey={JSON.stringify([columns.map((c) => c.id), sorting])}
            />
          </div>
          {rows}
        </div>
      )}
    </div>
  );
  if (!card) return grid;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <CardSort
        columns={columns}
        sort={sorted && state.sort ? { column: sorted, desc: state.sort.desc } : null}
        onSort={onSort}
      />
      {grid}
    </div>
  );
}
