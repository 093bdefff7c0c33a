import type { LoadProgress } from "@/lib/ingest/load";

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

export function LoadProgressBar({
  label,
  progress,
  onCancel,
}: {
  label: string;
  progress: LoadProgress | null;
  onCancel: () => void;
}) {
  const fraction = progress?.bytesTotal ? Math.min(1, progress.bytesDone / progress.bytesTotal) : null;
  return (
    <div
      data-testid="load-progress"
      className="flex items-center gap-3 border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm"
    >
      <span className="font-medium">Loading {label}</span>
      <div className="h-2 w-48 overflow-hidden rounded bg-sky-100">
        <div
          className="h-full bg-sky-500 transition-all"
          style={{ width: `${Math.round((fraction ?? 0.05) * 100)}%` }}
        />
      </div>
      {progress && (
        <span className="text-slate-600 tabular-nums">
          {progress.fileCount > 1 && `file ${progress.fileIndex + 1} of ${progress.fileCount} · `}
          {progress.rows.toLocaleString("en-US")} rows so far
          {progress.bytesTotal ? ` · ${mb(progress.bytesDone)} of ${mb(progress.bytesTotal)}` : ""}
        </span>
      )}
      <button
        type="button"
        onClick={onCancel}
        className="ml-auto rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100"
      >
        Cancel
      </button>
    </div>
  );
}

export function LoadError({
  message,
  onRetry,
  onDismiss,
}: {
  message: string;
  onRetry?: () => void;
  onDismiss: () => void;
}) {
  return (
    <div
      role="alert"
      className="flex items-start gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-900"
    >
      <span className="font-semibold">Could not load:</span>
      <span data-testid="load-error" className="min-w-0 flex-1 break-words">
        {message}
      </span>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
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
