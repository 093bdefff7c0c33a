"use client";
import { FIRST_PAGE } from "@/lib/datasets/first-page";
import { sampleById } from "@/lib/datasets/samples";
import type { ListState, SortSpec } from "@/lib/types";
import { RecordList } from "@/components/table/record-list";
import { RecordPanel } from "./record-panel";
import { splitStyle } from "./split";
import { useMedia, WIDE_QUERY } from "@/components/ui/use-media";

interface Props {
  selectedRow: number | null;
  listState: ListState;
  onSelect: (row: number) => void;
  onOpen: (row: number) => void;
  onSort: (sort: SortSpec | null) => void;
  onFirstRow: (row: number | null) => void;
  /** One pane: the list as cards, a tap opens the record. */
  compact?: boolean;
}

/** Whether the page opens on the default sample's first page, as a link without search, sort or pane asks. */
export function showsSnapshot(dsId: string, view: { q: string; sort: unknown; pane: string }): boolean {
  return (
    dsId === FIRST_PAGE.id &&
    sampleById(FIRST_PAGE.id) !== undefined &&
    view.q === "" &&
    view.sort === null &&
    view.pane === "split"
  );
}

/** The default sample's first page and record, as the database will list them, while the database starts. */
export function SnapshotPanes({
  selectedRow,
  listState,
  onSelect,
  onOpen,
  onSort,
  onFirstRow,
  compact = false,
}: Props) {
  const sample = sampleById(FIRST_PAGE.id)!;
  const wide = useMedia(WIDE_QUERY, true);
  return (
    <main
      data-testid="panes"
      data-pane="snapshot"
      className="grid min-h-0 flex-1"
      style={compact ? { gridTemplateColumns: "minmax(0, 1fr)" } : splitStyle(!wide, null)}
    >
      <div className="flex min-h-0 flex-col border-slate-200 bg-white">
        <div className="border-b border-slate-100 px-3 py-1 text-xs text-slate-600">
          {sample.label} · starting the in-browser database…
        </div>
        <div className="min-h-0 flex-1">
          <RecordList
            id="record-list"
            ds={{ table: "", layout: sample.layout, columns: [] }}
            state={listState}
            count={sample.rows}
            selectedRow={selectedRow}
            scrollToIndex={null}
            onSelect={compact ? onOpen : onSelect}
            cards={compact}
            onOpen={onOpen}
            onSort={onSort}
            onFirstRow={onFirstRow}
            initialRows={FIRST_PAGE.rows}
          />
        </div>
      </div>
      {!compact && <div aria-hidden className="bg-slate-200" />}
      {!compact && (
        <RecordPanel
          ds={{ table: "", layout: sample.layout, columns: [] }}
          row={selectedRow}
          query=""
          initialRecord={FIRST_PAGE.record}
        />
      )}
    </main>
  );
}

/** Where the panes will be, before any dataset is open: what the page waits for. */
export function NoPanes({ asking, failed }: { asking: boolean; failed: boolean }) {
  return (
    <main className="flex flex-1 items-center justify-center text-sm text-slate-600">
      {asking
        ? "Nothing is read until you answer above."
        : failed
          ? "Nothing is loaded yet."
          : "Starting the in-browser database…"}
    </main>
  );
}
