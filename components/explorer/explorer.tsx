"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { fileUrl, findSplit, formatBytes, parseRemoteId, remoteId, resolveReference } from "@/lib/datasets/catalog";
import { FIRST_PAGE } from "@/lib/datasets/first-page";
import { DEFAULT_SAMPLE, SAMPLES, sampleById } from "@/lib/datasets/samples";
import { fetchCount, fetchListPage, fetchPosition } from "@/lib/data/list";
import { layoutInfo, type LayoutId } from "@/lib/formats/layouts";
import type { LoadedDataset } from "@/lib/ingest/load";
import type { IngestSource } from "@/lib/ingest/protocol";
import { NO_FILTERS } from "@/lib/sql/filters";
import { listKey, type ListState } from "@/lib/sql/list";
import type { Pane } from "@/lib/state/url-state";
import { ModelSummary } from "@/components/feedback/model-summary";
import type { RawLink } from "@/components/feedback/raw-completions";
import { FilterBar } from "@/components/filters/filter-bar";
import { DatasetPicker } from "@/components/loader/dataset-picker";
import { CatalogPanel } from "@/components/loader/catalog-panel";
import { FileOpen } from "@/components/loader/file-open";
import { LoadError, LoadProgressBar } from "@/components/loader/load-status";
import { RecordList } from "@/components/table/record-list";
import { HelpOverlay } from "./help-overlay";
import { RecordPanel } from "./record-panel";
import { SearchBox } from "./search-box";
import { useDatasets } from "./use-datasets";
import { useRawPartner } from "./use-raw-link";
import { useViewState } from "./use-view-state";

function sampleSources(id: string): IngestSource[] | null {
  const sample = sampleById(id);
  if (!sample) return null;
  return sample.files.map((f) => ({
    kind: "url",
    url: `${window.location.origin}/samples/${f}`,
    name: f.split("/").pop() ?? f,
  }));
}

/** What a dataset id in the URL loads: a bundled sample, a catalog split (under `base`), or one address. */
function sourcesFor(id: string, base: string): { label: string; sources: IngestSource[] } | null {
  const sample = sampleSources(id);
  if (sample) return { label: sampleById(id)?.label ?? id, sources: sample };
  const remote = parseRemoteId(id);
  if (remote) {
    const found = findSplit(remote.repo, remote.split);
    if (!found) return null;
    const files = found.split.files.filter((f) => !remote.files || remote.files.includes(f.path));
    if (files.length === 0) return null;
    const subset = remote.files ? ` (${files.length} of ${found.split.files.length} files)` : "";
    return {
      label: `${found.dataset.label} · ${found.split.name}${subset}`,
      sources: files.map((f) => ({
        kind: "url",
        url: fileUrl(base, remote.repo, f.path),
        name: f.path.split("/").pop() ?? f.path,
        bytes: f.bytes,
      })),
    };
  }
  if (id.startsWith("url:")) {
    const resolved = resolveReference(id.slice(4), base);
    if ("problem" in resolved) return null;
    return { label: resolved.name, sources: [{ kind: "url", url: resolved.url, name: resolved.name }] };
  }
  return null;
}

const NOUN: Partial<Record<LayoutId, string>> = { ultrafeedback: "prompts", ultrafeedback_binarized: "pairs" };
const WIDE: LayoutId[] = ["ultrafeedback", "ultrafeedback_binarized"];
const fmt = (n: number) => n.toLocaleString("en-US");

function typing(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    el?.isContentEditable === true
  );
}

function PaneSwitch({ pane, onChange }: { pane: Pane; onChange: (p: Pane) => void }) {
  const options: [Pane, string, string][] = [
    ["list", "List", "The list on its own (l)"],
    ["split", "Both", "List and record together (Esc)"],
    ["record", "Record", "The record on its own, full width (Enter)"],
  ];
  return (
    <div className="flex overflow-hidden rounded border border-slate-300 text-xs" role="group" aria-label="Panes">
      {options.map(([value, label, title]) => (
        <button
          key={value}
          type="button"
          data-testid={`pane-${value}`}
          aria-pressed={pane === value}
          title={title}
          onClick={() => onChange(value)}
          className={`px-2 py-1 ${pane === value ? "bg-slate-700 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

export function Explorer({ hubBase }: { hubBase: string }) {
  const [view, update] = useViewState();
  const base = view.base ?? hubBase;
  const [catalog, setCatalog] = useState(false);
  const { engine, datasets, loading, failure, load, dismiss, preparing, prepareSearch } = useDatasets();
  const dsId = view.ds ?? DEFAULT_SAMPLE;
  const [shown, setShown] = useState<LoadedDataset | null>(null);
  const [counted, setCounted] = useState<{ key: string; base: string; n: number } | null>(null);
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

  const countKey = shown ? listKey(shown, listState) : "";
  // While a table grows, the last count of the same view stands until the new one is in.
  const countBase = shown ? listKey({ ...shown, rows: undefined }, listState) : "";
  const count = counted?.key === countKey || counted?.base === countBase ? (counted?.n ?? null) : null;
  useEffect(() => {
    if (!engine || !shown) return;
    let live = true;
    fetchCount(engine, shown, listState).then(
      (n) => live && setCounted({ key: countKey, base: countBase, n }),
      () => live && setCounted({ key: countKey, base: countBase, n: 0 }),
    );
    return () => {
      live = false;
    };
  }, [engine, shown, listState, countKey, countBase]);

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

  // Steps run one after another, each from where the one before landed, so fast key repeats add up.
  const steps = useRef<{ queue: Promise<void>; row: number | null }>({ queue: Promise.resolve(), row: null });
  useEffect(() => {
    steps.current.row = selectedRow;
  }, [selectedRow]);

  /** Selects the record `delta` places away in the current order, in any pane. */
  const step = useCallback(
    (delta: number) => {
      const s = steps.current;
      s.queue = s.queue
        .then(async () => {
          if (!engine || !shown || s.row === null || count === null) return;
          const pos = await fetchPosition(engine, shown, listState, s.row);
          const next = Math.min(count - 1, Math.max(0, (pos ?? -1) + delta));
          const [r] = await fetchListPage(engine, shown, listState, next, 1);
          if (r) {
            s.row = r.row;
            update({ row: r.row });
            setScrollTo(next);
          }
        })
        .catch(() => undefined);
    },
    [engine, shown, listState, count, update],
  );

  const setPane = useCallback((pane: Pane) => update({ pane }, true), [update]);
  const isFeedback = shown?.layout === "ultrafeedback";

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (help) {
        if (e.key === "Escape" || e.key === "?") {
          e.preventDefault();
          setHelp(false);
        }
        return;
      }
      if (typing(e.target)) return;
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      if (e.key === "?") setHelp(true);
      else if (e.key === "j") step(1);
      else if (e.key === "k") step(-1);
      else if ((e.key === "Enter" && !onControl) || e.key === "o") {
        const s = steps.current;
        s.queue = s.queue.then(() => {
          if (s.row !== null) update({ pane: "record", row: s.row }, true);
        });
      } else if (e.key === "Escape" && view.pane !== "split") setPane("split");
      else if (e.key === "l") setPane(view.pane === "list" ? "split" : "list");
      else if (e.key === "m" && isFeedback) update({ models: !view.models });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [help, step, update, view.pane, view.models, setPane, isFeedback]);

  const onFiles = useCallback(
    (files: File[]) => {
      const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
      const label = sorted.length === 1 ? sorted[0]!.name : `${sorted[0]!.name} + ${sorted.length - 1} more`;
      const id = `file:${sorted.map((f) => f.name).join("+")}`;
      const sources: IngestSource[] = sorted.map((file) => ({ kind: "file", file, name: file.name }));
      const before = view.ds;
      let switched = false;
      // The view moves to the new rows as soon as the first of them are in; a failure moves it back.
      void load(id, label, sources, () => {
        switched = true;
        update({ ds: id, q: "", sort: null, row: null, filters: NO_FILTERS }, true);
      }).then((ds) => {
        if (!ds && switched) update({ ds: before });
      });
    },
    [load, update, view.ds],
  );

  const openRemote = useCallback(
    (id: string) => {
      setCatalog(false);
      update({ ds: id, q: "", sort: null, row: null, filters: NO_FILTERS }, true);
    },
    [update],
  );

  const partner = useRawPartner(engine, datasets, shown);
  const rawSample = SAMPLES.find((s) => s.layout === "ultrafeedback");
  const link: RawLink = {
    engine,
    raw: partner ? { ...partner.ds, name: partner.ds.name } : null,
    onOpenRaw: (row) => partner && update({ ds: partner.id, row, q: "", sort: null, filters: NO_FILTERS }, true),
    onLoadRaw:
      rawSample && sampleById(dsId)
        ? () => void load(rawSample.id, rawSample.label, sampleSources(rawSample.id) ?? [])
        : null,
  };

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
      <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-1 text-xs text-slate-500">
        <span className="truncate">
          {layoutInfo(shown.layout).label} · {shown.files.join(", ")}
        </span>
        {shown.transfer && (
          <span data-testid="transfer" className="ml-auto shrink-0">
            {shown.transfer.ranged
              ? `fetched ${formatBytes(shown.transfer.fetched)} of ${formatBytes(shown.transfer.size)} by range requests`
              : shown.files.some((f) => /\.parquet$/i.test(f))
                ? `downloaded whole, ${formatBytes(shown.transfer.fetched)}: the server does not answer range requests`
                : `downloaded ${formatBytes(shown.transfer.fetched)}`}
          </span>
        )}
      </div>
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

  const recordToolbar = pane === "record" && (
    <div className="mb-3 flex items-center gap-2 text-xs">
      <button
        type="button"
        onClick={() => setPane("split")}
        className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
      >
        ← Back to the list <kbd className="text-slate-400">Esc</kbd>
      </button>
      <button
        type="button"
        onClick={() => step(-1)}
        className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
      >
        Previous <kbd className="text-slate-400">k</kbd>
      </button>
      <button
        type="button"
        onClick={() => step(1)}
        className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
      >
        Next <kbd className="text-slate-400">j</kbd>
      </button>
    </div>
  );

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
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-base font-semibold tracking-tight">Alignment Data Explorer</h1>
        <DatasetPicker
          value={dsId}
          opened={opened}
          onChange={(id) => update({ ds: id, q: "", sort: null, row: null, filters: NO_FILTERS }, true)}
        />
        <FileOpen onFiles={onFiles} />
        <button
          type="button"
          data-testid="open-catalog"
          onClick={() => setCatalog(true)}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100"
        >
          Hugging Face…
        </button>
        <div className="min-w-[12rem] flex-1">
          <SearchBox value={view.q} onChange={(q) => update({ q, row: null })} />
        </div>
        <span data-testid="row-count" className="text-sm text-slate-600 tabular-nums">
          {shown && count !== null
            ? shown.loading
              ? `loading — ${count === shown.rows ? "" : `${fmt(count)} of `}${fmt(shown.rows)} ${noun} so far`
              : `${fmt(count)} of ${fmt(shown.rows)} ${noun}`
            : `… ${noun}`}
        </span>
        {preparing === dsId && (
          <span data-testid="search-status" className="text-xs text-slate-500">
            preparing search over {shown ? fmt(shown.rows) : ""} {noun}…
          </span>
        )}
        <PaneSwitch pane={pane} onChange={setPane} />
        <button
          type="button"
          data-testid="help-button"
          onClick={() => setHelp(true)}
          title="Keyboard shortcuts (?)"
          className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
        >
          ?
        </button>
      </header>
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
          {isFeedback && (
            <button
              type="button"
              data-testid="toggle-model-summary"
              aria-pressed={view.models}
              onClick={() => update({ models: !view.models })}
              className={`rounded border px-2 py-0.5 ${view.models ? "border-slate-700 bg-slate-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
              title="Per-model summary over the listed prompts (m)"
            >
              Model summary
            </button>
          )}
          {shown.layout === "ultrafeedback_binarized" && (
            <span data-testid="raw-match" className="text-slate-600">
              {partner
                ? partner.matched === null
                  ? "Matching raw UltraFeedback…"
                  : `${fmt(partner.matched)} of ${fmt(shown.rows)} prompts found in ${partner.ds.name}`
                : "Raw UltraFeedback not loaded"}
            </span>
          )}
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
                    onPick={(model) =>
                      update({
                        filters: {
                          ...view.filters,
                          models: view.filters.models.length === 1 && view.filters.models[0] === model ? [] : [model],
                        },
                        row: null,
                      })
                    }
                  />
                </div>
              </div>
            ) : (
              list
            ))}
          {pane !== "list" && record}
        </main>
      ) : snapshot ? (
        // The default sample's first page, as the database will list it, while the database starts.
        <main data-testid="panes" data-pane="snapshot" className={`grid min-h-0 flex-1 ${split}`}>
          <div className="flex min-h-0 flex-col border-slate-200 bg-white">
            <div className="border-b border-slate-100 px-3 py-1 text-xs text-slate-500">
              {snapshotSample?.label} · starting the in-browser database…
            </div>
            <div className="min-h-0 flex-1">
              <RecordList
                engine={null}
                ds={{ table: "", layout: snapshotSample!.layout, columns: [] }}
                state={listState}
                count={snapshotSample!.rows}
                selectedRow={selectedRow}
                scrollToIndex={null}
                onSelect={(row) => update({ row })}
                onOpen={(row) => update({ row, pane: "record" }, true)}
                onSort={(sort) => update({ sort, row: null })}
                onFirstRow={setFirstRow}
                initialRows={FIRST_PAGE.rows}
              />
            </div>
          </div>
          <RecordPanel
            engine={null}
            ds={{ table: "", layout: snapshotSample!.layout, columns: [] }}
            row={selectedRow}
            query=""
            initialRecord={FIRST_PAGE.record}
          />
        </main>
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

function idOf(datasets: ReadonlyMap<string, LoadedDataset>, ds: LoadedDataset): string | null {
  for (const [id, d] of datasets) if (d.table === ds.table) return id;
  return null;
}
