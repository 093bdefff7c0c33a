"use client";
import { useEffect, useState } from "react";
import { formatBytes } from "@/lib/datasets/catalog";
import type { DatasetStore, StoredMeta } from "@/lib/store/dataset-store";
import { fmt } from "@/lib/text/format";

interface Props {
  store: DatasetStore | null;
  /** Opens a stored dataset by its id (it is read from the store while its files are unchanged). */
  onOpen: (id: string) => void;
}

const when = (ms: number) => new Date(ms).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** The datasets this browser keeps, their sizes, what room is left, and a Remove for each. */
export function StoredList({ store, onOpen }: Props) {
  const [entries, setEntries] = useState<StoredMeta[] | null>(null);
  const [room, setRoom] = useState<{ usage: number; quota: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!store) return;
    let live = true;
    void Promise.all([store.list(), navigator.storage?.estimate?.().catch(() => null)]).then(([list, estimate]) => {
      if (!live) return;
      setEntries(list);
      if (estimate?.quota) setRoom({ usage: estimate.usage ?? 0, quota: estimate.quota });
    });
    return () => void (live = false);
  }, [store, version]);

  async function remove(keys: string[]) {
    if (!store) return;
    setBusy(true);
    try {
      for (const key of keys) await store.remove(key);
      setVersion((v) => v + 1);
    } finally {
      setBusy(false);
    }
  }

  const total = (entries ?? []).reduce((s, e) => s + e.bytes, 0);
  return (
    <section data-testid="stored-list" data-count={entries?.length ?? ""} className="flex flex-col gap-1">
      <h3 className="font-semibold text-slate-800">Stored in this browser</h3>
      {!store ? (
        <p className="text-xs text-slate-600">
          This browser has no storage for pages: every dataset is read from its files.
        </p>
      ) : entries === null ? (
        <p className="text-xs text-slate-600">Reading the list…</p>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            A dataset is kept here once it has loaded, and opens from here the next time while its files are unchanged
            (same size and date).{" "}
            <span data-testid="stored-room">
              {entries.length > 0 ? `${fmt(entries.length)} stored, ${formatBytes(total)}` : "None stored yet"}
              {room ? `; the browser allows about ${formatBytes(Math.max(0, room.quota - room.usage))} more.` : "."}
            </span>
          </p>
          {entries.length > 0 && (
            <ul className="grid gap-1">
              {entries.map((e) => (
                <li
                  key={e.key}
                  data-testid="stored-entry"
                  data-id={e.id}
                  data-rows={e.rows}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-slate-200 px-2 py-1"
                >
                  <bdi className="min-w-0 font-medium break-words">{e.name}</bdi>
                  <span className="text-slate-600 tabular-nums">
                    {fmt(e.rows)} rows · {formatBytes(e.bytes)} · {when(e.storedAt)}
                  </span>
                  <span className="ml-auto flex gap-1">
                    {e.id.startsWith("file:") ? (
                      <span className="text-xs text-slate-600" title="Opening the same file again reads it from here">
                        open the file again to use it
                      </span>
                    ) : (
                      <button
                        type="button"
                        data-testid="stored-open"
                        onClick={() => onOpen(e.id)}
                        className="rounded bg-sky-700 px-2 py-0.5 text-white hover:bg-sky-800"
                      >
                        Open
                      </button>
                    )}
                    <button
                      type="button"
                      data-testid="stored-remove"
                      disabled={busy}
                      onClick={() => void remove([e.key])}
                      aria-label={`Remove ${e.name} from this browser`}
                      className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-40"
                    >
                      Remove
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {entries.length > 1 && (
            <button
              type="button"
              data-testid="stored-remove-all"
              disabled={busy}
              onClick={() => void remove(entries.map((e) => e.key))}
              className="self-start rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40"
            >
              Remove all
            </button>
          )}
        </>
      )}
    </section>
  );
}
