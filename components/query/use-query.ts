"use client";
import { useEffect, useRef, useState } from "react";
import { ServerUnreachable } from "@/lib/engine/http";
import { isAbort, type Connector } from "@/lib/engine/types";
import type { Priority } from "@/lib/query/manager";
import type { EngineKind } from "@/lib/types";
import { useServerEpoch, useWorkspace } from "./workspace";

export interface QueryState<T> {
  /** The answer for the current key; while a new one is pending, the last answer (see `stale`). */
  data: T | undefined;
  error: Error | null;
  /** The answer for the current key is not in yet. */
  pending: boolean;
  /** `data` answers an earlier key. */
  stale: boolean;
}

/**
 * Asks the page's query queue for what `run` computes, whenever `key` changes. An answer nobody waits
 * for any more (the key moved on, the view left) is cancelled in the queue and never shown: no view
 * holds an engine or guards against stale answers itself. `key` null: nothing to ask yet.
 */
export function useQuery<T>(
  key: readonly unknown[] | null,
  run: (db: Connector) => Promise<T>,
  priority: Priority = "panel",
  /** The engine of the dataset asked about (the page's own by default). */
  engine: EngineKind = "browser",
): QueryState<T> {
  const ws = useWorkspace();
  // A server that answers again after it stopped is asked again what it did not answer.
  const epoch = useServerEpoch(engine);
  const k = key === null ? null : JSON.stringify(key);
  const [answer, setAnswer] = useState<{ key: string; data: T | undefined; error: Error | null } | null>(null);
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (!ws || k === null) return;
    const controller = new AbortController();
    const db = ws.queriesFor({ engine }).client({ priority, signal: controller.signal });
    latest.current(db).then(
      (data) => {
        if (!controller.signal.aborted) setAnswer({ key: k, data, error: null });
      },
      (e: unknown) => {
        // Unanswered, not failed: what is on screen stays until the server answers again.
        if (controller.signal.aborted || isAbort(e) || e instanceof ServerUnreachable) return;
        setAnswer({ key: k, data: undefined, error: e instanceof Error ? e : new Error(String(e)) });
      },
    );
    return () => controller.abort();
  }, [ws, k, priority, engine, epoch]);
  const current = answer !== null && answer.key === k;
  return {
    // Nothing asked, nothing answered: an answer to an earlier question is not kept once none is asked.
    data: k === null ? undefined : answer?.data,
    error: current ? answer.error : null,
    pending: !current,
    stale: k !== null && !current && answer?.data !== undefined,
  };
}
