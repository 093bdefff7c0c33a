"use client";
import { FIRST_PAGE } from "@/lib/datasets/first-page";
import { sampleById } from "@/lib/datasets/samples";
import type { ListState, SortSpec } from "@/lib/types";
import { RecordList } from "@/components/table/record-list";
import { RecordPanel } from "./record-panel";

interface Props {
  className: string;
  selectedRow: number | null;
  listState: ListState;
  onSelect: (row: number) => void;
  onOpen: (row: number) => void;
  onSort: (sort: SortSpec | null) => void;
  onFirstRow: (row: number | null) => void;
}

/** The default sample's first page and record, as the database will list them, while the database starts. */
export function SnapshotPanes({ className, selectedRow, listState, onSelect, onOpen, onSort, onFirstRow }: Props) {
  const sample = sampleById(FIRST_PAGE.id)!;
  return (
    <main data-testid="panes" data-pane="snapshot" className={`grid min-h-0 flex-1 ${className}`}>
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
            onSelect={onSelect}
            onOpen={onOpen}
            onSort={onSort}
            onFirstRow={onFirstRow}
            initialRows={FIRST_PAGE.rows}
          />
        </div>
      </div>
      <RecordPanel
        ds={{ table: "", layout: sample.layout, columns: [] }}
        row={selectedRow}
        query=""
        initialRecord={FIRST_PAGE.record}
      />
    </main>
  );
}
