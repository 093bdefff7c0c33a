import { formatBytes } from "@/lib/datasets/catalog";
import { layoutInfo } from "@/lib/formats/layouts";
import type { LoadedDataset } from "@/lib/ingest/load";
import type { RawPartner } from "./use-raw-link";

const fmt = (n: number) => n.toLocaleString("en-US");

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
  return (
    <>
      <span data-testid="row-count" className="text-sm text-slate-600 tabular-nums">
        {shown && count !== null
          ? shown.loading
            ? `loading — ${count === shown.rows ? "" : `${fmt(count)} of `}${fmt(shown.rows)} ${noun} so far`
            : `${fmt(count)} of ${fmt(shown.rows)} ${noun}`
          : `… ${noun}`}
      </span>
      {preparing && (
        <span data-testid="search-status" className="text-xs text-slate-500">
          preparing search over {shown ? fmt(shown.rows) : ""} {noun}…
        </span>
      )}
    </>
  );
}

/** What the list shows: the layout, the files, and for remote files what was fetched and how. */
export function DatasetLine({ ds }: { ds: LoadedDataset }) {
  return (
    <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-1 text-xs text-slate-500">
      <span className="truncate">
        {layoutInfo(ds.layout).label} · {ds.files.join(", ")}
      </span>
      {ds.transfer && (
        <span data-testid="transfer" className="ml-auto shrink-0">
          {ds.transfer.ranged
            ? `fetched ${formatBytes(ds.transfer.fetched)} of ${formatBytes(ds.transfer.size)} by range requests`
            : ds.files.some((f) => /\.parquet$/i.test(f))
              ? `downloaded whole, ${formatBytes(ds.transfer.fetched)}: the server does not answer range requests`
              : `downloaded ${formatBytes(ds.transfer.fetched)}`}
        </span>
      )}
    </div>
  );
}

/** The end of the filter bar: the model summary toggle (UltraFeedback), or how many pairs match raw rows. */
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
  if (ds.layout === "ultrafeedback") {
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
  if (ds.layout !== "ultrafeedback_binarized") return null;
  return (
    <span data-testid="raw-match" className="text-slate-600">
      {partner
        ? partner.matched === null
          ? "Matching raw UltraFeedback…"
          : `${fmt(partner.matched)} of ${fmt(ds.rows)} prompts found in ${partner.ds.name}`
        : "Raw UltraFeedback not loaded"}
    </span>
  );
}
