"use client";
import { useEffect, useState } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchRecord, type RecordData } from "@/lib/data/record";
import type { DatasetRef } from "@/lib/sql/list";
import type { RawLink } from "@/components/feedback/raw-completions";
import { RecordView } from "@/components/record/record-view";

type Loaded = { key: string; record: RecordData | null; error: string | null };

export function RecordPanel({
  engine,
  ds,
  row,
  query,
  link,
  toolbar,
  initialRecord,
}: {
  engine: Engine | null;
  ds: DatasetRef;
  row: number | null;
  query: string;
  link?: RawLink;
  toolbar?: React.ReactNode;
  /** A record known before the engine can fetch it (the bundled sample's first). */
  initialRecord?: RecordData | null;
}) {
  const key = `${ds.table}:${row}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (!engine || row === null) return;
    let live = true;
    fetchRecord(engine, ds, row).then(
      (record) => live && setLoaded({ key, record, error: record ? null : `Row ${row} is not in this dataset.` }),
      (e: unknown) => live && setLoaded({ key, record: null, error: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [engine, ds, row, key]);

  // While the next record loads, the previous one stays on screen instead of a flash of "Opening…".
  const current = loaded?.key === key ? loaded : null;
  const record =
    current?.record ??
    (row !== null && loaded?.record ? loaded.record : null) ??
    (initialRecord && initialRecord.row === row ? initialRecord : null);
  return (
    <div data-testid="record-panel" className="min-h-0 overflow-y-auto bg-slate-50 p-4">
      {toolbar}
      {row === null && <p className="text-sm text-slate-500">Select a row to read it.</p>}
      {row !== null && !record && !current?.error && <p className="text-sm text-slate-500">Opening…</p>}
      {current?.error && <p className="text-sm text-rose-700">{current.error}</p>}
      {row !== null && record && !current?.error && <RecordView record={record} query={query} link={link} />}
    </div>
  );
}
