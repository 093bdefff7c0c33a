"use client";
import type { Served } from "@/lib/server/protocol";
import type { Pane } from "@/lib/types";
import { DatasetPicker } from "@/components/loader/dataset-picker";
import { FileOpen } from "@/components/loader/file-open";
import { PaneSwitch, PanelSwitch } from "./pane-switch";
import type { Panel } from "@/lib/state/url-state";
import { SearchBox } from "./search-box";
import { useDismiss } from "@/components/ui/use-dismiss";

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
  /** A phone or a short window: one pane at a time, the rarer controls behind a menu. */
  compact?: boolean;
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
  compact = false,
}: Props) {
  const [menu, closeMenu] = useDismiss();
  if (compact) {
    return (
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-slate-200 bg-white px-2 py-1.5">
        <h1 className="sr-only">Alignment Data Explorer</h1>
        <div className="flex min-w-0 flex-[1_1_12rem]">
          <DatasetPicker value={dsId} opened={opened} served={served} onChange={onDataset} />
        </div>
        <div className="min-w-0 flex-[1_1_10rem]">
          <SearchBox value={query} onChange={onQuery} />
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {status}
          <details ref={menu} data-testid="header-menu" className="relative">
            <summary className="cursor-pointer list-none rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100">
              Menu ▾
            </summary>
            <div
              className="absolute right-0 z-30 mt-1 flex w-60 flex-col items-start gap-2 rounded border border-slate-200 bg-white p-3 shadow-lg"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("button[data-closes]")) closeMenu();
              }}
            >
              <FileOpen onFiles={onFiles} />
              <button
                type="button"
                data-testid="open-catalog"
                data-closes
                onClick={onCatalog}
                className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
              >
                Hugging Face…
              </button>
              <PanelSwitch panel={panel} onChange={onPanel} closes />
              <button
                type="button"
                data-testid="help-button"
                data-closes
                onClick={onHelp}
                className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
              >
                Keyboard shortcuts
              </button>
            </div>
          </details>
        </div>
      </header>
    );
  }
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2 2xl:gap-3">
      <h1 className="sr-only text-base font-semibold tracking-tight 2xl:not-sr-only">Alignment Data Explorer</h1>
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
