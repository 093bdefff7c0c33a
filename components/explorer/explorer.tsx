"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_SAMPLE, sampleById } from "@/lib/datasets/samples";
import { fetchCount, fetchPosition } from "@/lib/data/list";
import { layoutInfo } from "@/lib/formats/layouts";
import type { LoadedDataset } from "@/lib/ingest/load";
import type { IngestSource } from "@/lib/ingest/protocol";
import type { ListState } from "@/lib/sql/list";
import { DatasetPicker } from "@/components/loader/dataset-picker";
import { FileOpen } from "@/components/loader/file-open";
import { LoadError, LoadProgressBar } from "@/components/loader/load-status";
import { RecordList } from "@/components/table/record-list";
import { RecordPanel } from "./record-panel";
import { SearchBox } from "./search-box";
import { useDatasets } from "./use-datasets";
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

export function Explorer() {
  const [view, update] = useViewState();
  const { engine, datasets, loading, failure, load, dismiss } = useDatasets();
  const dsId = view.ds ?? DEFAULT_SAMPLE;
  const [shown, setShown] = useState<LoadedDataset | null>(null);
  const [counted, setCounted] = useState<{ key: string; n: number } | null>(null);
  const [firstRow, setFirstRow] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<number | null>(null);

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
    const sources = sampleSources(dsId);
    if (!sources) return;
    requested.current = dsId;
    void load(dsId, sampleById(dsId)?.label ?? dsId, sources).then((ds) => {
      const back = shown ? idOf(datasets, shown) : null;
      if (!ds && back) update({ ds: back });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, dsId, wanted, idle]);

  const listState: ListState = useMemo(() => ({ search: view.q, sort: view.sort }), [view.q, view.sort]);

  const countKey = shown ? `${shown.table}|${view.q}` : "";
  const count = counted?.key === countKey ? counted.n : null;
  useEffect(() => {
    if (!engine || !shown) return;
    let live = true;
    fetchCount(engine, shown, listState).then(
      (n) => live && setCounted({ key: countKey, n }),
      () => live && setCounted({ key: countKey, n: 0 }),
    );
    return () => {
      live = false;
    };
  }, [engine, shown, listState, countKey]);

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

  const onFiles = useCallback(
    (files: File[]) => {
      const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
      const label = sorted.length === 1 ? sorted[0]!.name : `${sorted[0]!.name} + ${sorted.length - 1} more`;
      const id = `file:${sorted.map((f) => f.name).join("+")}`;
      const sources: IngestSource[] = sorted.map((file) => ({ kind: "file", file, name: file.name }));
      void load(id, label, sources).then((ds) => {
        if (ds) update({ ds: id, q: "", sort: null, row: null }, true);
      });
    },
    [load, update],
  );

  const opened = [...datasets.entries()]
    .filter(([id]) => id.startsWith("file:"))
    .map(([id, ds]) => ({ id, label: `${ds.name} (${ds.rows.toLocaleString("en-US")} rows)` }));
  const selectedRow = view.row ?? firstRow;
  const missingFile = dsId.startsWith("file:") && !wanted && !loading;

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-base font-semibold tracking-tight">Alignment Data Explorer</h1>
        <DatasetPicker
          value={dsId}
          opened={opened}
          onChange={(id) => update({ ds: id, q: "", sort: null, row: null }, true)}
        />
        <FileOpen onFiles={onFiles} />
        <div className="min-w-[12rem] flex-1">
          <SearchBox value={view.q} onChange={(q) => update({ q, row: null })} />
        </div>
        <span data-testid="row-count" className="text-sm text-slate-600 tabular-nums">
          {shown && count !== null
            ? `${count.toLocaleString("en-US")} of ${shown.rows.toLocaleString("en-US")} rows`
            : "… rows"}
        </span>
      </header>
      {loading && <LoadProgressBar label={loading.label} progress={loading.progress} onCancel={loading.cancel} />}
      {failure && <LoadError message={failure.message} onRetry={failure.retry} onDismiss={dismiss} />}
      {missingFile && (
        <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {dsId.slice(5)} was opened from this computer in another session. Open it again to read it here.
        </div>
      )}
      {shown ? (
        <main className="grid min-h-0 flex-1 grid-rows-[minmax(0,2fr)_minmax(0,3fr)] lg:grid-cols-[minmax(22rem,2fr)_3fr] lg:grid-rows-1">
          <div className="flex min-h-0 flex-col border-b border-slate-200 bg-white lg:border-r lg:border-b-0">
            <div className="border-b border-slate-100 px-3 py-1 text-xs text-slate-500">
              {layoutInfo(shown.layout).label} · {shown.files.join(", ")}
            </div>
            {count === 0 ? (
              <p className="p-4 text-sm text-slate-500">No rows match “{view.q}”.</p>
            ) : (
              <RecordList
                engine={engine}
                ds={shown}
                state={listState}
                count={count ?? 0}
                selectedRow={selectedRow}
                scrollToIndex={scrollTo}
                onSelect={(row) => update({ row })}
                onSort={(sort) => update({ sort, row: null })}
                onFirstRow={setFirstRow}
              />
            )}
          </div>
          <RecordPanel engine={engine} ds={shown} row={count === 0 ? null : selectedRow} query={view.q} />
        </main>
      ) : (
        <main className="flex flex-1 items-center justify-center text-sm text-slate-500">
          {failure ? "Nothing is loaded yet." : "Starting the in-browser database…"}
        </main>
      )}
    </div>
  );
}

function idOf(datasets: ReadonlyMap<string, LoadedDataset>, ds: LoadedDataset): string | null {
  for (const [id, d] of datasets) if (d.table === ds.table) return id;
  return null;
}
