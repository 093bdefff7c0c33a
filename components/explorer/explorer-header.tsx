"use client";
import type { Served } from "@/lib/server/protocol";
import type { Pane } from "@/lib/types";
import { DatasetPicker } from "@/components/loader/dataset-picker";
import { FileOpen } from "@/components/loader/file-open";
import { PaneSwitch, PanelSwitch } from "./pane-switch";
import type { Panel } from "@/lib/state/url-state";
import { SearchBox } from "./search-box";

interface Props {
  dsId: string;
  opened: { id: string; label: string }[];
  /** What the app's server serves, when it has one. */
  served: readonly Served[] | null;
  onDataset: (id: string) => void;
  onFiles: (files: File[]) => void;
  onCatalog: () => void;
  query: string;
  onQuery: (q: string) => void;
  /** The row count and any status beside it. */
  status: React.ReactNode;
  pane: Pane;
  onPane: (pane: Pane) => void;
  panel: Panel | null;
  onPanel: (panel: Panel | null) => void;
  onHelp: () => void;
}

/** The top bar: dataset, opening files and remote splits, search, the count, panes and help. */
export function ExplorerHeader({
  dsId,
  opened,
  served,
  onDataset,
  onFiles,
  onCatalog,
  query,
  onQuery,
  status,
  pane,
  onPane,
  panel,
  onPanel,
  onHelp,
}: Props) {
  return (
    <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
      <h1 className="text-base font-semibold tracking-tight">Alignment Data Explorer</h1>
      <DatasetPicker value={dsId} opened={opened} served={served} onChange={onDataset} />
      <FileOpen onFiles={onFiles} />
      <button
        type="button"
        data-testid="open-catalog"
        onClick={onCatalog}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
      >
        Hugging Face…
      </button>
      <div className="min-w-[12rem] flex-1">
        <SearchBox value={query} onChange={onQuery} />
      </div>
      {status}
      <PanelSwitch panel={panel} onChange={onPanel} />
      <PaneSwitch pane={pane} onChange={onPane} />
      <button
        type="button"
        data-testid="help-button"
        onClick={onHelp}
        title="Keyboard shortcuts (?)"
        className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
      >
        ?
      </button>
    </header>
  );
}
