"use client";
import { cutText } from "@/lib/text/format";
import { specOf } from "@/lib/layouts/registry";
import { MODEL_FIELD } from "@/lib/layouts/ultrafeedback";
import { withClause } from "@/lib/filters/clauses";
import type { HostTrust } from "@/lib/datasets/trust";
import type { ViewState } from "@/lib/state/url-state";
import type { Clause, ListState, LoadedDataset, SortSpec } from "@/lib/types";
import { ModelSummary } from "@/components/feedback/model-summary";
import type { RawLink } from "@/components/feedback/raw-completions";
import { RecordList } from "@/components/table/record-list";
import dynamic from "next/dynamic";
import { DatasetLine } from "./dataset-status";
import { MarkTools } from "@/components/marks/mark-tools";
import { RecordPanel } from "./record-panel";
import type { PairSettings } from "@/lib/pairs/rules";
import { useCompact, useMedia, WIDE_QUERY } from "@/components/ui/use-media";
import { SplitHandle, splitStyle, useSplit } from "./split";

// The charts load their library only when opened.
const StatsPanel = dynamic(() => import("@/components/stats/stats-panel").then((m) => m.StatsPanel), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-600">Loading the charts…</p>,
});

const ChecksPanel = dynamic(() => import("@/components/checks/checks-panel").then((m) => m.ChecksPanel), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-600">Loading the checks…</p>,
});

const SqlConsole = dynamic(() => import("@/components/console/sql-console").then((m) => m.SqlConsole), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-600">Loading the SQL editor…</p>,
});

interface Props {
  ds: LoadedDataset;
  view: ViewState;
  listState: ListState;
  count: number | null;
  selectedRow: number | null;
  scrollTo: number | null;
  link: RawLink;
  toolbar: React.ReactNode;
  onSelect: (row: number) => void;
  onOpen: (row: number) => void;
  onSort: (sort: SortSpec | null) => void;
  onFirstRow: (row: number | null) => void;
  onPickModel: (model: string) => void;
  /** The raw rows loaded beside (binarized pairs), for charts that join them. */
  partner: LoadedDataset | null;
  onClauses: (clauses: Clause[]) => void;
  /** Every open dataset, for the console. */
  datasets: readonly LoadedDataset[];
  onSql: (sql: string) => void;
  onColumns: (columns: string[]) => void;
  onOpenDataset: (id: string, pair?: string | null) => void;
  onSetting: (key: string, values: string[] | null) => void;
  onOpenWith: (id: string, clauses: Clause[]) => void;
  /** The hosts the page reads from without asking (a query's addresses are checked against it). */
  trust: HostTrust;
  /** A partner is open and aligned: the record shows both sides, read with these settings. */
  pair: PairSettings | null;
  /** The control that opens a partner ("Compare with…"). */
  compare: React.ReactNode;
}

export function DatasetPanes(props: Props) {
  const { ds, view, listState, count } = props;
  const spec = specOf(ds.layout);
  const noun = spec.noun[1];
  const compact = useCompact();
  // A phone or a short window reads one pane at a time: the list, or what opens from it.
  const pane = compact ? (view.pane === "record" || view.panel ? "record" : "list") : view.pane;
  const wide = useMedia(WIDE_QUERY, true);
  const stacked = spec.stacked || !wide;
  const [share, setShare] = useSplit(stacked);
  const filtered = (listState.clauses?.length ?? 0) > 0 && spec.filters.length > 0;

  const list = (
    <div className="flex min-h-0 flex-col border-slate-200 bg-white">
      <DatasetLine
        ds={ds}
        state={listState}
        onColumns={props.onColumns}
        marks={!ds.loading && <MarkTools ds={ds} state={listState} count={count} onOpenRow={props.onOpen} />}
        compare={!ds.loading && props.compare}
        compact={compact}
      />
      {count === 0 ? (
        <p className="p-4 text-sm break-words text-slate-600">
          No {noun} match{view.q ? ` “${view.q.length > 200 ? `${cutText(view.q, 200)}…` : view.q}”` : ""}
          {view.q && filtered ? " with these filters" : filtered ? " these filters" : ""}.
        </p>
      ) : (
        <div className="min-h-0 flex-1">
          <RecordList
            id="record-list"
            ds={ds}
            state={listState}
            count={count ?? 0}
            selectedRow={props.selectedRow}
            scrollToIndex={props.scrollTo}
            onSelect={compact ? props.onOpen : props.onSelect}
            onOpen={props.onOpen}
            cards={compact}
            dense={spec.stacked && !compact}
            onSort={props.onSort}
            onFirstRow={props.onFirstRow}
          />
        </div>
      )}
    </div>
  );

  const showModels = spec.modelSummary && view.models && pane !== "record";
  return (
    <main
      className={`grid min-h-0 flex-1 ${pane === "split" ? "" : "grid-cols-[minmax(0,1fr)] grid-rows-1"}`}
      style={pane === "split" ? splitStyle(stacked, share) : undefined}
      data-testid="panes"
      data-pane={pane}
      data-compact={compact || undefined}
    >
      {pane !== "record" &&
        (showModels ? (
          <div className="grid min-h-0 grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,3fr)_minmax(0,2fr)] border-slate-200 xl:grid-cols-[minmax(0,1fr)_36rem] xl:grid-rows-1">
            {list}
            <div className="min-h-0 border-t border-slate-200 xl:border-t-0 xl:border-l">
              <ModelSummary ds={ds} state={listState} selected={modelsIn(view)} onPick={props.onPickModel} />
            </div>
          </div>
        ) : (
          list
        ))}
      {pane === "split" && <SplitHandle stacked={stacked} share={share} onShare={setShare} />}
      {pane !== "list" && view.panel === "stats" && (
        <StatsPanel ds={ds} state={listState} partner={props.partner} onClauses={props.onClauses} />
      )}
      {pane !== "list" && view.panel === "sql" && (
        <SqlConsole
          // Its example query reads the dataset on screen: another dataset starts it anew.
          key={ds.id}
          sql={view.sql}
          sqlCut={view.cut.sql}
          onSql={props.onSql}
          // The console runs on the engine of the dataset on screen, over the datasets there, that one first.
          engine={ds.engine ?? "browser"}
          datasets={[
            ds,
            ...props.datasets.filter((d) => d.id !== ds.id && (d.engine ?? "browser") === (ds.engine ?? "browser")),
          ]}
          onOpenDataset={props.onOpenDataset}
          trust={props.trust}
        />
      )}
      {pane !== "list" && view.panel === "checks" && (
        <ChecksPanel
          ds={ds}
          state={listState}
          datasets={props.datasets}
          onClauses={props.onClauses}
          onSetting={props.onSetting}
          onOpenDataset={props.onOpenDataset}
          onOpenWith={props.onOpenWith}
        />
      )}
      {pane !== "list" && view.panel === null && (
        <RecordPanel
          ds={ds}
          row={count === 0 ? null : props.selectedRow}
          query={view.q}
          link={spec.rawPartner ? props.link : undefined}
          toolbar={props.toolbar}
          clauses={listState.clauses}
          checks={listState.checks}
          pair={props.pair}
          onOpenRow={props.onSelect}
        />
      )}
    </main>
  );
}

/** The models the list is filtered to. */
export function modelsIn(view: ViewState): string[] {
  const c = view.clauses.find((x) => x.field === MODEL_FIELD);
  return c?.op === "in" ? c.values : [];
}

/** A click on a model in the summary shows only its prompts; a second click shows all again. */
export function toggleModel(clauses: Clause[], selected: string[], model: string) {
  const only = selected.length === 1 && selected[0] === model;
  return withClause(clauses, MODEL_FIELD, only ? null : { field: MODEL_FIELD, op: "in", values: [model] });
}
