"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { getEngine } from "@/lib/engine/browser";
import type { Engine } from "@/lib/engine/types";
import { loadSources, type LoadedDataset, type LoadProgress } from "@/lib/ingest/load";
import type { IngestSource } from "@/lib/ingest/protocol";

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
  const loadRef = useRef<(id: string, label: string, sources: IngestSource[]) => Promise<LoadedDataset | null>>(() =>
    Promise.resolve(null),
  );

  const startEngine = useCallback(() => {
    setFailure(null);
    getEngine().then(setEngine, (e: unknown) =>
      setFailure({ message: `The in-browser database did not start: ${(e as Error).message}`, retry: startEngine }),
    );
  }, []);
  useEffect(startEngine, [startEngine]);

  const load = useCallback(
    (id: string, label: string, sources: IngestSource[]): Promise<LoadedDataset | null> => {
      if (!engine) return Promise.resolve(null);
      active.current?.abort();
      const controller = new AbortController();
      active.current = controller;
      setFailure(null);
      setLoading({ id, label, progress: null, cancel: () => controller.abort() });
      const retry = () => void loadRef.current(id, label, sources);
      return loadSources(
        engine,
        label,
        sources,
        (progress) => setLoading((l) => (l && l.id === id ? { ...l, progress } : l)),
        controller.signal,
      )
        .then((ds) => {
          setDatasets((m) => new Map(m).set(id, ds));
          return ds;
        })
        .catch((e: unknown) => {
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

  return { engine, datasets, loading, failure, load, dismiss: () => setFailure(null) };
}
