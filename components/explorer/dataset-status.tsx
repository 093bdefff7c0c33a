import { formatBytes } from "@/lib/datasets/catalog";
import { specOf } from "@/lib/layouts/registry";
import type { ListState, LoadedDataset } from "@/lib/types";
import { ExportButton } from "@/components/export/export-button";
import { ColumnChooser } from "@/components/table/column-chooser";
import type { RawPartner } from "./use-raw-link";
import { fmt } from "@/lib/text/format";

/** "N of M rows", or "loading — N rows so far" while a table grows; and when the search column is being built. */
export function RowCount({
  shown,
  count,
  noun,
  preparing,
}: {
  shown: LoadedDataset | null;
  count: number | null;
  noun: string;
  preparing: boolean;
}) {
  const stored = shown?.stored;
  return (
    <>
      <span
        data-testid="row-count"
        // The dataset the count is of (its `ds=` id): until a newly named one has rows, the last one stays.
        data-dataset={shown?.id}
        // Whether the dataset's copy in this browser is settled (the status line says it in words, beside the list).
        data-stored={stored ? ("problem" in stored ? "failed" : stored.reopened ? "reopened" : "kept") : undefined}
        // What a search reads: the rows themselves, the built search text, or that text through its index.
        data-search={shown?.grams ? "index" : shown?.indexed ? "text" : "rows"}
        className="text-sm text-slate-600 tabular-nums"
        aria-live="polite"
      >
        {shown && count !== null
          ? shown.loading
            ? `loading — ${count === shown.rows ? "" : `${fmt(count)} of `}${fmt(shown.rows)} ${noun} so far`
            : `${fmt(count)} of ${fmt(shown.rows)} ${noun}`
          : `… ${noun}`}
      </span>
      {preparing && (
        <span data-testid="search-status" className="text-xs text-slate-600">
          preparing search over {shown ? fmt(shown.rows) : ""} {noun}…
        </span>
      )}
    </>
  );
}

/** What the list shows: the layout, the files, its SQL name, for remote files what was fetched and how; export. */
export function DatasetLine({
  ds,
  state,
  onColumns,
  marks,
  compare,
  compact = false,
}: {
  ds: LoadedDataset;
  state: ListState;
  onColumns: (columns: string[]) => void;
  /** The marks' counts and tools, beside the export. */
  marks?: React.ReactNode;
  /** The control that opens a partner ("Compare with…"). */
  compare?: React.ReactNode;
  /** One line: the badge, the SQL name and the marks; the rest behind "More". */
  compact?: boolean;
}) {
  const badge = (
    <span
      data-testid="engine-badge"
      data-engine={ds.engine ?? "browser"}
      title={
        ds.engine === "server"
          ? "Queries run on the app's server, in native DuckDB, over every row of its files"
          : "Queries run in this tab, in DuckDB-WASM"
      }
      className={`shrink-0 rounded px-1 font-medium ${ds.engine === "server" ? "bg-violet-100 text-violet-800" : "bg-slate-100 text-slate-700"}`}
    >
      {ds.engine === "server" ? "on the server" : "in this tab"}
    </span>
  );
  const stored = ds.stored && <StoredNote stored={ds.stored} />;
  const files = (
    <span className="truncate">
      {specOf(ds.layout).label} ·{" "}
      {ds.files.map((f, i) => (
        <span key={i}>
          {i > 0 && ", "}
          <bdi>{f}</bdi>
        </span>
      ))}
    </span>
  );
  const sqlName = (
    <span
      data-testid="sql-name"
      className="shrink-0 rounded bg-slate-100 px-1 font-mono text-slate-600"
      title="The name of this dataset in SQL"
    >
      {ds.sqlName}
    </span>
  );
  const transfer = ds.transfer && (
    <span data-testid="transfer" className={compact ? "" : "ml-auto shrink-0"}>
      {ds.transfer.ranged
        ? `fetched ${formatBytes(ds.transfer.fetched)} of ${formatBytes(ds.transfer.size)} by range requests`
        : ds.files.some((f) => /\.parquet$/i.test(f))
          ? `downloaded whole, ${formatBytes(ds.transfer.fetched)}: the server does not answer range requests`
          : `downloaded ${formatBytes(ds.transfer.fetched)}`}
    </span>
  );
  const tools = (
    <span className={`flex min-w-0 flex-wrap items-center gap-1 ${ds.transfer || compact ? "" : "ml-auto"}`}>
      <ColumnChooser ds={ds} chosen={state.columns ?? []} onChange={onColumns} />
      {!ds.loading && <ExportButton ds={ds} state={state} />}
    </span>
  );
  if (compact) {
    return (
      <div className="flex items-center gap-x-2 border-b border-slate-100 px-3 py-1 text-xs text-slate-600">
        {badge}
        {stored}
        <span className="min-w-0 truncate">{sqlName}</span>
        <span className="ml-auto flex shrink-0 items-center gap-1">
          {marks}
          <details data-testid="dataset-more" className="relative">
            <summary className="cursor-pointer list-none rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
              More ▾
            </summary>
            <div className="absolute right-0 z-30 mt-1 flex w-72 max-w-[90vw] flex-col items-start gap-2 rounded border border-slate-200 bg-white p-3 shadow-lg">
              <span className="max-w-full break-words">{files}</span>
              {transfer}
              {compare}
              {tools}
            </div>
          </details>
        </span>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-slate-100 px-3 py-1 text-xs text-slate-600">
      {badge}
      {stored}
      {files}
      {sqlName}
      {transfer}
      {marks}
      {compare}
      {tools}
    </div>
  );
}

/** Whether the dataset was read from this browser's stored copy, was kept there after its load, or why not. */
function StoredNote({ stored }: { stored: NonNullable<LoadedDataset["stored"]> }) {
  if ("problem" in stored) {
    return (
      <span data-testid="stored-badge" data-stored="failed" title={stored.problem} className="shrink-0 text-amber-800">
        not kept in this browser
      </span>
    );
  }
  const at = new Date(stored.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
  return (
    <span
      data-testid="stored-badge"
      data-stored={stored.reopened ? "reopened" : "kept"}
      title={
        stored.reopened
          ? `Read from the copy this browser kept on ${at} (${formatBytes(stored.bytes)}); its files are unchanged`
          : `Kept in this browser (${formatBytes(stored.bytes)}): the next time it opens from here while its files are unchanged`
      }
      className={`shrink-0 rounded px-1 font-medium ${stored.reopened ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}`}
    >
      {stored.reopened ? "from this browser's store" : "stored"}
    </span>
  );
}

/** The end of the filter bar: the model summary toggle, or how many pairs match the raw rows they came from. */
export function FilterExtras({
  ds,
  modelsOpen,
  onToggleModels,
  partner,
}: {
  ds: LoadedDataset;
  modelsOpen: boolean;
  onToggleModels: () => void;
  partner: RawPartner | null;
}) {
  const spec = specOf(ds.layout);
  if (spec.modelSummary) {
    return (
      <button
        type="button"
        data-testid="toggle-model-summary"
        aria-pressed={modelsOpen}
        onClick={onToggleModels}
        className={`rounded border px-2 py-0.5 ${modelsOpen ? "border-slate-700 bg-slate-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
        title="Per-model summary over the listed prompts (m)"
      >
        Model summary
      </button>
    );
  }
  if (!spec.rawPartner) return null;
  const raw = specOf(spec.rawPartner).label;
  return (
    <span data-testid="raw-match" className="text-slate-600">
      {partner ? (
        partner.matched === null ? (
          `Matching raw ${raw}…`
        ) : (
          <>
            {fmt(partner.matched)} of {fmt(ds.rows)} prompts found in <bdi>{partner.ds.name}</bdi>
          </>
        )
      ) : (
        `Raw ${raw} not loaded`
      )}
    </span>
  );
}
