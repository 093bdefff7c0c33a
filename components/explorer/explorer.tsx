"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { remoteId } from "@/lib/datasets/catalog";
import { FIRST_PAGE } from "@/lib/datasets/first-page";
import { DEFAULT_SAMPLE, sampleById } from "@/lib/datasets/samples";
import { fetchPosition } from "@/lib/data/list";
import type { LayoutId } from "@/lib/formats/layouts";
import type { LoadedDataset } from "@/lib/ingest/load";
import { NO_FILTERS, type Filters } from "@/lib/sql/filters";
import type { ListState } from "@/lib/sql/list";
import type { Pane } from "@/lib/state/url-state";
import { ModelSummary } from "@/components/feedback/model-summary";
import { FilterBar } from "@/components/filters/filter-bar";
import { CatalogPanel } from "@/components/loader/catalog-panel";
import { LoadError, LoadProgressBar } from "@/components/loader/load-status";
import { RecordList } from "@/components/table/record-list";
import { sourcesFor } from "./dataset-sources";
import { DatasetLine, FilterExtras, RowCount } from "./dataset-status";
import { ExplorerHeader } from "./explorer-header";
import { RecordToolbar } from "./pane-switch";
import { SnapshotPanes } from "./snapshot-panes";
import { useRecordKeys } from "./use-record-keys";
import { HelpOverlay } from "./help-overlay";
import { RecordPanel } from "./record-panel";
import { useDatasets } from "./use-datasets";
import { useListCount } from "./use-list-count";
import { rawLink, useOpenFiles } from "./openers";
import { useRawPartner } from "./use-raw-link";
import { useViewState } from "./use-view-state";

const NOUN: Partial<Record<LayoutId, string>> = { ultrafeedback: "prompts", ultrafeedback_binarized: "pairs" };
const WIDE: LayoutId[] = ["ultrafeedback", "ultrafeedback_binarized"];
const fmt = (n: number) => n.toLocaleString("en-US");

export function Explorer({ hubBase }: { hubBase: string }) {
  const [view, update] = useViewState();
  const base = view.base ?? hubBase;
  const [catalog, setCatalog] = useState(false);
  const { engine, datasets, loading, failure, load, dismiss, preparing, prepareSearch } = useDatasets();
  const dsId = view.ds ?? DEFAULT_SAMPLE;
  const [shown, setShown] = useState<LoadedDataset | null>(null);
  const [firstRow, setFirstRow] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<number | null>(null);
  const [help, setHelp] = useState(false);

  // Open the dataset the URL names; a sample loads by itself (once per visit of its id), a local
  // file must be picked again. A failed load puts the URL back on what is still shown.
  const wanted = datasets.get(dsId);
  const idle = loading === null;
  const requested = useRef<string | null>(null);
  if (wanted && wanted !== shown) setShown(wanted);
  useEffect(() => {
    if (wanted) {
      requested.current = null;
      return;
    }
    if (!engine || !idle || requested.current === dsId) return;
    const planned = sourcesFor(dsId, base);
    if (!planned) return;
    requested.current = dsId;
    void load(dsId, planned.label, planned.sources).then((ds) => {
      const back = shown ? idOf(datasets, shown) : null;
      if (!ds && back) update({ ds: back });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, dsId, wanted, idle]);

  // The first search of a whole dataset builds its search column; searches after it scan that.
  const searching = view.q.trim() !== "";
  const whole = wanted !== undefined && !wanted.loading;
  useEffect(() => {
    if (searching && whole) prepareSearch(dsId);
  }, [searching, whole, dsId, prepareSearch]);

  // The list state changes only when what the list shows would: a new row selection keeps it.
  const stateKey = JSON.stringify([view.q, view.sort, view.filters]);
  const listState: ListState = useMemo(
    () => ({ search: view.q, sort: view.sort, filters: view.filters }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stateKey],
  );

  const count = useListCount(engine, shown, listState);

  // A link that names a row scrolls the list to it once the dataset is open.
  useEffect(() => {
    if (!engine || !shown || view.row === null) return;
    let live = true;
    fetchPosition(engine, shown, listState, view.row).then(
      (pos) => live && setScrollTo(pos),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, shown]);

  const selectedRow = view.row ?? firstRow;

  const setPane = useCallback((pane: Pane) => update({ pane }, true), [update]);
  const isFeedback = shown?.layout === "ultrafeedback";
  const step = useRecordKeys({
    engine,
    shown,
    listState,
    count,
    selectedRow,
    help,
    setHelp,
    view,
    update,
    setPane,
    isFeedback,
    onScrollTo: setScrollTo,
  });

  const onFiles = useOpenFiles(load, update, view.ds);

  const openRemote = useCallback(
    (id: string) => {
      setCatalog(false);
      update({ ds: id, q: "", sort: null, row: null, filters: NO_FILTERS }, true);
    },
    [update],
  );

  const partner = useRawPartner(engine, datasets, shown);
  const link = rawLink(engine, partner, dsId, load, update);

  const opened = [...datasets.entries()]
    .filter(([id]) => !sampleById(id))
    .map(([id, ds]) => ({ id, label: `${ds.name} (${fmt(ds.rows)} rows${ds.loading ? " so far" : ""})` }));
  const missingFile = dsId.startsWith("file:") && !wanted && !loading;
  const wide = shown !== null && WIDE.includes(shown.layout);
  const snapshotSample = sampleById(FIRST_PAGE.id);
  const snapshot =
    !shown &&
    !failure &&
    dsId === FIRST_PAGE.id &&
    snapshotSample !== undefined &&
    view.q === "" &&
    view.sort === null &&
    view.pane === "split";
  const noun = (shown && NOUN[shown.layout]) ?? "rows";
  const pane = view.pane;
  const showModels = isFeedback && view.models && pane !== "record";

  const list = shown && (
    <div className="flex min-h-0 flex-col border-slate-200 bg-white">
      <DatasetLine ds={shown} />
      {count === 0 ? (
        <p className="p-4 text-sm text-slate-500">
          No {noun} match{view.q ? ` “${view.q}”` : ""}
          {view.q && wide ? " with these filters" : wide ? " these filters" : ""}.
        </p>
      ) : (
        <div className="min-h-0 flex-1">
          <RecordList
            engine={engine}
            ds={shown}
            state={listState}
            count={count ?? 0}
            selectedRow={selectedRow}
            scrollToIndex={scrollTo}
            onSelect={(row) => update({ row })}
            onOpen={(row) => update({ row, pane: "record" }, true)}
            onSort={(sort) => update({ sort, row: null })}
            onFirstRow={setFirstRow}
          />
        </div>
      )}
    </div>
  );

  const recordToolbar = pane === "record" && <RecordToolbar onBack={() => setPane("split")} onStep={step} />;

  const record = shown && (
    <RecordPanel
      engine={engine}
      ds={shown}
      row={count === 0 ? null : selectedRow}
      query={view.q}
      link={shown.layout === "ultrafeedback_binarized" ? link : undefined}
      toolbar={recordToolbar}
    />
  );

  const split = wide
    ? "grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,2fr)_minmax(0,3fr)] [&>*:first-child]:border-b"
    : "grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,2fr)_minmax(0,3fr)] lg:grid-cols-[minmax(22rem,2fr)_3fr] lg:grid-rows-1 [&>*:first-child]:border-b lg:[&>*:first-child]:border-r lg:[&>*:first-child]:border-b-0";

  return (
    <div className="flex h-dvh flex-col">
      <ExplorerHeader
        dsId={dsId}
        opened={opened}
        onDataset={(id) => update({ ds: id, q: "", sort: null, row: null, filters: NO_FILTERS }, true)}
        onFiles={onFiles}
        onCatalog={() => setCatalog(true)}
        query={view.q}
        onQuery={(q) => update({ q, row: null })}
        status={<RowCount shown={shown} count={count} noun={noun} preparing={preparing === dsId} />}
        pane={pane}
        onPane={setPane}
        onHelp={() => setHelp(true)}
      />
      {loading && <LoadProgressBar label={loading.label} progress={loading.progress} onCancel={loading.cancel} />}
      {failure && <LoadError message={failure.message} onRetry={failure.retry} onDismiss={dismiss} />}
      {missingFile && (
        <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {dsId.slice(5)} was opened from this computer in another session. Open it again to read it here.
        </div>
      )}
      {shown && wide && (
        <FilterBar
          key={shown.table}
          engine={engine}
          ds={shown}
          filters={view.filters}
          onChange={(filters) => update({ filters, row: null }, true)}
        >
          <FilterExtras
            ds={shown}
            modelsOpen={view.models}
            onToggleModels={() => update({ models: !view.models })}
            partner={partner}
          />
        </FilterBar>
      )}
      {shown ? (
        <main
          className={`grid min-h-0 flex-1 ${pane === "split" ? split : "grid-cols-[minmax(0,1fr)] grid-rows-1"}`}
          data-testid="panes"
          data-pane={pane}
        >
          {pane !== "record" &&
            (showModels ? (
              <div className="grid min-h-0 grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,3fr)_minmax(0,2fr)] border-slate-200 xl:grid-cols-[minmax(0,1fr)_36rem] xl:grid-rows-1">
                {list}
                <div className="min-h-0 border-t border-slate-200 xl:border-t-0 xl:border-l">
                  <ModelSummary
                    engine={engine}
                    ds={shown}
                    state={listState}
                    selected={view.filters.models}
                    onPick={(model) => update({ filters: toggleModel(view.filters, model), row: null })}
                  />
                </div>
              </div>
            ) : (
              list
            ))}
          {pane !== "list" && record}
        </main>
      ) : snapshot ? (
        <SnapshotPanes
          className={split}
          selectedRow={selectedRow}
          listState={listState}
          onSelect={(row) => update({ row })}
          onOpen={(row) => update({ row, pane: "record" }, true)}
          onSort={(sort) => update({ sort, row: null })}
          onFirstRow={setFirstRow}
        />
      ) : (
        <main className="flex flex-1 items-center justify-center text-sm text-slate-500">
          {failure ? "Nothing is loaded yet." : "Starting the in-browser database…"}
        </main>
      )}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {catalog && (
        <CatalogPanel
          base={base}
          defaultBase={hubBase}
          onBase={(b) => update({ base: b })}
          onLoadSplit={(repo, split, files) => openRemote(remoteId(repo, split, files))}
          onOpenUrl={(url) => openRemote(`url:${url}`)}
          onClose={() => setCatalog(false)}
        />
      )}
    </div>
  );
}

/** A click on a model in the summary shows only its prompts; a second click shows all again. */
function toggleModel(filters: Filters, model: string): Filters {
  const only = filters.models.length === 1 && filters.models[0] === model;
  return { ...filters, models: only ? [] : [model] };
}

function idOf(datasets: ReadonlyMap<string, LoadedDataset>, ds: LoadedDataset): string | null {
  for (const [id, d] of datasets) if (d.table === ds.table) return id;
  return null;
}
