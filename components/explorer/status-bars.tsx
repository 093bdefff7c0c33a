"use client";
import type { WorkspaceState } from "@/lib/datasets/workspace";
import { LoadError, LoadProgressBar } from "@/components/loader/load-status";
import { useWorkspace } from "@/components/query/workspace";

/** Loads in progress (each with its Cancel), failures (each with Retry), and a local file to pick again. */
export function StatusBars({ state, missingFile }: { state: WorkspaceState; missingFile: string | null }) {
  const ws = useWorkspace();
  return (
    <>
      {state.loads.map((load) => (
        <LoadProgressBar key={load.key} load={load} />
      ))}
      {state.failures.map((failure, i) => (
        <LoadError key={i} failure={failure} onDismiss={() => ws?.dismiss(failure)} />
      ))}
      {missingFile && (
        <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {missingFile} was opened from this computer in another session. Open it again to read it here.
        </div>
      )}
    </>
  );
}
