"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { getEngine } from "@/lib/engine/browser";
import type { Engine } from "@/lib/engine/types";
import { loadSources, prewarmReader, type LoadedDataset, type LoadProgress } from "@/lib/ingest/load";
import { buildSearchColumn } from "@/lib/data/list";
import { memoryBudget } from "@/lib/ingest/memory";
import type { IngestSource } from "@/lib/ingest/protocol";

// The database and a reader start as soon as this module runs in the page, before React has
// hydrated: the WebAssembly compile is most of the cold start.
if (typeof window !== "undefined") {
  getEngine().catch(() => undefined);
  prewarmReader();
}

const deviceMemory = () => (navigator as Navigator & { deviceMemory?: number }).deviceMemory;

/** What the open tables take in the database now, so a new load is planned against what is left. */
async function memoryInUse(engine: Engine): Promise<number> {
  try {
    const [r] = await engine.query("SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS n FROM duckdb_memory()");
    return Number(r?.n ?? 0) || 0;
  } catch {
    return 0;
  }
}

export interface Loading {
  id: string;
  label: string;
  progress: LoadProgress | null;
  cancel: () => void;
}

export interface Failure {
  message: string;
  retry: () => void;
}

/** The engine and the datasets loaded into it; a failed or cancelled load leaves them untouched. */
export function useDatasets() {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [datasets, setDatasets] = useState<ReadonlyMap<string, LoadedDataset>>(new Map());
  const [loading, setLoading] = useState<Loading | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const active = useRef<AbortController | null>(null);
  const loadRef = useRef<
    (id: string, label: string, sources: IngestSource[], onFirstRows?: () => void) => Promise<LoadedDataset | null>
  >(() => Promise.resolve(null));

  const startEngine = useCallback(() => {
    setFailure(null);
    prewarmReader();
    getEngine().then(setEngine, (e: unknown) =>
      setFailure({ message: `The in-browser database did not start: ${(e as Error).message}`, retry: startEngine }),
    );
  }, []);
  useEffect(startEngine, [startEngine]);

  const load = useCallback(
    (id: string, label: string, sources: IngestSource[], onFirstRows?: () => void): Promise<LoadedDataset | null> => {
      if (!engine) return Promise.resolve(null);
      active.current?.abort();
      const controller = new AbortController();
      active.current = controller;
      setFailure(null);
      setLoading({ id, label, progress: null, cancel: () => controller.abort() });
      const retry = () => void loadRef.current(id, label, sources, onFirstRows);
      let previous: LoadedDataset | undefined;
      let shownYet = false;
      // The rows already arriving are shown at once; a failure puts back what the id named before.
      const onRows = (partial: LoadedDataset) => {
        if (controller.signal.aborted) return;
        setDatasets((m) => {
          if (!shownYet) previous = m.get(id);
          return new Map(m).set(id, partial);
        });
        if (!shownYet) {
          shownYet = true;
          onFirstRows?.();
        }
      };
      const restore = () =>
        setDatasets((m) => {
          const next = new Map(m);
          if (previous) next.set(id, previous);
          else next.delete(id);
          return next;
        });
      return memoryInUse(engine)
        .then((inUse) =>
          loadSources(
            engine,
            label,
            sources,
            (progress) => setLoading((l) => (l && l.id === id ? { ...l, progress } : l)),
            controller.signal,
            { onRows, memory: { budget: memoryBudget(deviceMemory()), inUse } },
          ),
        )
        .then((ds) => {
          setDatasets((m) => new Map(m).set(id, ds));
          return ds;
        })
        .catch((e: unknown) => {
          if (shownYet) restore();
          if (controller.signal.aborted) return null;
          setFailure({ message: e instanceof Error ? e.message : String(e), retry });
          return null;
        })
        .finally(() => {
          if (active.current === controller) {
            active.current = null;
            setLoading(null);
          }
        });
    },
    [engine],
  );

  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  // The benchmark (scripts/bench) times SQL on the page's own engine and tables; only with ?bench.
  const datasetsRef = useRef(datasets);
  useEffect(() => {
    datasetsRef.current = datasets;
    if (engine && new URLSearchParams(window.location.search).has("bench")) {
      (window as Window & { __explorer?: unknown }).__explorer = { engine, datasets: () => [...datasetsRef.current] };
    }
  }, [engine, datasets]);

  // The search column of a dataset is built on its first search, once it is whole.
  const [preparing, setPreparing] = useState<string | null>(null);
  const indexing = useRef(new Set<string>());
  const prepareSearch = useCallback(
    (id: string) => {
      const ds = datasets.get(id);
      if (!engine || !ds || ds.loading || ds.indexed || indexing.current.has(ds.table)) return;
      indexing.current.add(ds.table);
      setPreparing(id);
      buildSearchColumn(engine, ds)
        .then(() =>
          setDatasets((m) => {
            const current = m.get(id);
            return current?.table === ds.table ? new Map(m).set(id, { ...current, indexed: true }) : m;
          }),
        )
        .catch(() => indexing.current.delete(ds.table))
        .finally(() => setPreparing((p) => (p === id ? null : p)));
    },
    [engine, datasets],
  );

  return { engine, datasets, loading, failure, load, dismiss: () => setFailure(null), preparing, prepareSearch };
}
