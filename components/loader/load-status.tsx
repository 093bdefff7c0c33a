import type { LoadProgress } from "@/lib/ingest/load";
import type { Failure, Loading } from "@/lib/datasets/workspace";
import type { Served } from "@/lib/server/protocol";
import { fmt } from "@/lib/text/format";

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

function duration(seconds: number) {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Where a load stands: bytes, rows, rate and time left, over all files of the split; or that it waits its turn. */
export function LoadProgressBar({ load }: { load: Loading }) {
  const p: LoadProgress | null = load.progress;
  // Position over the whole load: finished files plus the current one (network bytes for remote files).
  const current = p ? (p.ranged === false && p.fetched !== null && p.rows === 0 ? p.fetched : p.bytesDone) : 0;
  const done = p ? p.doneBytes + Math.min(current, p.bytesTotal ?? current) : 0;
  const total = p?.plannedBytes ?? (p && p.fileCount === 1 ? p.bytesTotal : null);
  const fraction = total ? Math.min(1, done / total) : null;
  const elapsed = p ? (p.at - p.startedAt) / 1000 : 0;
  const rate = elapsed > 0.2 ? done / elapsed : 0;
  const left = rate > 0 && total ? (total - done) / rate : NaN;
  return (
    <div
      data-testid="load-progress"
      data-state={load.state}
      data-rows={p?.rows ?? 0}
      data-fetched={p?.fetched ?? ""}
      data-total={total ?? ""}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm"
    >
      <span className="font-medium">
        {load.state === "queued" ? "Waiting to load" : "Loading"} {load.label}
      </span>
      <div
        className="h-2 w-48 overflow-hidden rounded bg-sky-100"
        role="progressbar"
        aria-label={`Loading ${load.label}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="h-full bg-sky-500 transition-all"
          style={{ width: `${Math.round((fraction ?? 0.05) * 100)}%` }}
        />
      </div>
      {p && (
        <span className="text-slate-600 tabular-nums">
          {p.fileCount > 1 && `file ${p.fileIndex + 1} of ${p.fileCount} · `}
          {fmt(p.rows)} rows so far
          {total ? ` · ${mb(done)} of ${mb(total)}` : ""}
          {rate > 0 ? ` · ${mb(rate)}/s` : ""}
          {Number.isFinite(left) && left > 0 ? ` · about ${duration(left)} left` : ""}
          {p.fetched !== null &&
            ` · ${mb(p.fetched)} fetched${p.ranged === true ? " by range requests" : p.ranged === false ? " (whole file: no range support)" : ""}`}
        </span>
      )}
      <button
        type="button"
        data-testid="load-cancel"
        onClick={load.cancel}
        className="ml-auto rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100"
      >
        Cancel
      </button>
    </div>
  );
}

export function LoadError({ failure, onDismiss }: { failure: Failure; onDismiss: () => void }) {
  return (
    <div
      role="alert"
      className="flex items-start gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-900"
    >
      <span className="font-semibold">Could not load:</span>
      <span data-testid="load-error" className="min-w-0 flex-1 break-words">
        {failure.message}
      </span>
      {failure.retry && (
        <button
          type="button"
          onClick={failure.retry}
          className="rounded border border-rose-300 bg-white px-2 py-0.5 hover:bg-rose-100"
        >
          Retry
        </button>
      )}
      <button
        type="button"
        onClick={onDismiss}
        className="rounded border border-rose-300 bg-white px-2 py-0.5 hover:bg-rose-100"
      >
        Dismiss
      </button>
    </div>
  );
}

/** What a load kept but changed or replaced (each message names the file, line and column), until dismissed. */
export function LoadWarnings({
  name,
  messages,
  onDismiss,
}: {
  name: string;
  messages: string[];
  onDismiss: () => void;
}) {
  return (
    <div
      role="status"
      className="flex items-start gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      <span className="font-semibold">
        Read with changes: <bdi>{name}</bdi>
      </span>
      <ul className="min-w-0 flex-1 space-y-0.5">
        {messages.map((m) => (
          <li key={m} data-testid="load-warning" className="break-words">
            <bdi>{m}</bdi>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={onDismiss}
        className="rounded border border-amber-300 bg-white px-2 py-0.5 hover:bg-amber-100"
      >
        Dismiss
      </button>
    </div>
  );
}

/** A dataset loading on the app's server: what the load is doing, and how far. */
export function ServerLoadBar({ served }: { served: Served }) {
  const percent = served.percent ?? 0;
  return (
    <div
      data-testid="load-progress"
      data-engine="server"
      data-state={served.state}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm"
    >
      <span className="font-medium">
        {served.state === "waiting" ? "Waiting to load" : "Loading"} <bdi>{served.name}</bdi> on the server
      </span>
      <div
        className="h-2 w-48 overflow-hidden rounded bg-sky-100"
        role="progressbar"
        aria-label={`Loading ${served.name} on the server`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={served.percent ?? undefined}
      >
        <div className="h-full bg-sky-500 transition-all" style={{ width: `${Math.max(5, percent)}%` }} />
      </div>
      <span className="text-slate-600 tabular-nums">
        {served.phase ?? "waiting for the loads before it"}
        {served.percent !== null ? ` · ${served.percent}%` : ""} · {mb(served.bytes)} in {served.files.length} file
        {served.files.length === 1 ? "" : "s"}
      </span>
    </div>
  );
}
