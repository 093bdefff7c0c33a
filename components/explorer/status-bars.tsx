"use client";
import type { WorkspaceState } from "@/lib/datasets/workspace";
import { LoadError, LoadProgressBar } from "@/components/loader/load-status";
import { useWorkspace } from "@/components/query/workspace";

/** Loads in progress (each with its Cancel), failures (each with Retry), and what must be opened again. */
export function StatusBars({ state, missing }: { state: WorkspaceState; missing: string | null }) {
  const ws = useWorkspace();
  return (
    <>
      {state.loads.map((load) => (
        <LoadProgressBar key={load.key} load={load} />
      ))}
      {state.failures.map((failure, i) => (
        <LoadError key={i} failure={failure} onDismiss={() => ws?.dismiss(failure)} />
      ))}
      {missing && (
        <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">{missing}</div>
      )}
    </>
  );
}
