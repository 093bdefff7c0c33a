"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import { HostTrust } from "@/lib/datasets/trust";
import { sampleById } from "@/lib/datasets/samples";
import { fetchPosition } from "@/lib/data/list";
import { specOf } from "@/lib/layouts/registry";
import type { ListState, Pane } from "@/lib/types";
import { FilterBar } from "@/components/filters/filter-bar";
import { ExplorerCatalog } from "./explorer-catalog";
import { openedOptions, pickedDataset, pickerValue } from "@/components/loader/dataset-picker";
import { useQuery } from "@/components/query/use-query";
import { useWorkspace } from "@/components/query/workspace";
import { MarksContext, useDatasetScope, useMarksValue } from "@/components/marks/use-marks";
import { useStay } from "@/components/marks/mark-bar";
import { MarkCount } from "@/components/marks/mark-tools";
import { BenchHook } from "./bench-hook";
import { DatasetPanes, modelsIn, toggleModel } from "./dataset-panes";
import { FilterExtras, RowCount } from "./dataset-status";
import { FrontNote } from "./front-note";
import { ExplorerHeader } from "./explorer-header";
import { HelpOverlay } from "./help-overlay";
import { LinkCutNote } from "./link-cut-note";
import { NotListed } from "./not-listed";
import { FRESH, rawLink, useOpenFiles } from "./openers";
import { PanelBack, RecordToolbar } from "./pane-switch";
import { NoPanes, SnapshotPanes, showsSnapshot } from "./snapshot-panes";
import { StatusBars, staleOverlap } from "./status-bars";
import { useListCount } from "./use-list-count";
import { useListedRow } from "./use-listed-row";
import { useRawPartner } from "./use-raw-link";
import { useRecordKeys } from "./use-record-keys";
import { useShownDataset } from "./use-shown-dataset";
import { useViewState } from "./use-view-state";
import { pairSettings } from "@/lib/pairs/rules";
import { ExplorerPairBar, ExplorerPairOpen, withSetting } from "@/components/pairs/pair-wiring";
import { usePairing } from "@/components/pairs/use-pairing";
import { useCompact } from "@/components/ui/use-media";

export function Explorer({ hubBase, serving = false }: { hubBase: string; serving?: boolean }) {
  const ws = useWorkspace();
  // The backend of the server's datasets is the page's configuration, not a module it imports.
  useEffect(() => {
    if (serving) ws?.connectServer();
  }, [ws, serving]);
  const [view, update] = useViewState();
  const base = view.base ?? hubBase;
  const [trust] = useState(
    () => new HostTrust([hubBase], typeof window === "undefined" ? null : window.sessionStorage),
  );
  const compact = useCompact();
  const [catalog, setCatalog] = useState(false);
  const [help, setHelp] = useState(false);
  const [firstRow, setFirstRow] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<number | null>(null);
  const {
    dsId,
    shown,
    state,
    asking,
    missing,
    preparing,
    serving: servedLoad,
  } = useShownDataset(view, update, base, trust);

  // The list state changes only when what the list shows would: a new row selection keeps it.
  const stateKey = JSON.stringify([view.q, view.sort, view.clauses, view.columns, view.checks]);
  const listState: ListState = useMemo(
    () => ({ search: view.q, sort: view.sort, clauses: view.clauses, columns: view.columns, checks: view.checks }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stateKey],
  );
  const { scope: markScope, ready: marksReady } = useDatasetScope(shown);
  const pairing = usePairing(view, update, shown, base, trust);
  // A link's `mark=` waits for the marks to be in the database, its `pf=` and `ps=` for the pairing:
  // no count of rows they do not filter yet.
  const marksPending = !marksReady && view.clauses.some((c) => c.field === "mark");
  const pairPending = !pairing?.summary && view.clauses.some((c) => c.field === "pf" || c.field === "ps");
  const counted = useListCount(shown, listState);
  const count = marksPending || (pairPending && pairing !== null) ? null : counted;

  // A link that names a row scrolls the list to it once the dataset it names is open.
  const [arrival, setArrival] = useState<{ table: string; row: number | null } | null>(null);
  if (shown && arrival?.table !== shown.table) setArrival({ table: shown.table, row: view.row });
  const arrivedAt = arrival?.row ?? null;
  // Asked again as rows arrive while the table grows (the row may not be read yet), until it is found.
  const [found, setFound] = useState<{ table: string; rows: number | null } | null>(null);
  const asOf = found && found.table === shown?.table ? found.rows : shown?.loading ? shown.rows : null;
  const position = useQuery(
    shown && arrivedAt !== null ? [shown.table, "position", arrivedAt, asOf] : null,
    (db) => fetchPosition(db, shown!, listState, arrivedAt!),
    "list",
    shown?.engine,
  );
  if (shown && position.data != null && found?.table !== shown.table) setFound({ table: shown.table, rows: asOf });
  const target = scrollTo ?? position.data ?? null;

  // The record shows a listed row: the one opened, else the first the list holds, asked of the database.
  const listed = useListedRow(shown, listState, view.row);
  const selectedRow = view.row ?? listed.first ?? firstRow;
  const spec = shown ? specOf(shown.layout) : null;
  const setPane = useCallback((pane: Pane) => update({ pane }, true), [update]);
  const openHelp = useCallback(() => setHelp(true), []);
  const [stay, setStay] = useStay();
  const keyMarks = useMemo(
    () => (markScope === null ? null : { scope: markScope, ready: marksReady, stay }),
    [markScope, marksReady, stay],
  );
  const { step, markRecord, undo, said } = useRecordKeys({
    shown,
    listState,
    count,
    selectedRow,
    openHelp,
    view,
    update,
    setPane,
    hasModels: spec?.modelSummary ?? false,
    onScrollTo: setScrollTo,
    marks: keyMarks,
  });
  const marks = useMarksValue(markScope, marksReady, { stay, setStay, markRecord, undo, said });

  const onFiles = useOpenFiles(ws, update, view.ds);
  const onPartnerFiles = useOpenFiles(ws, update, view.ds, "pair");
  // A bundled pair (`pair:<original>|<partner>`) opens both.
  const openDataset = useCallback(
    (id: string) => {
      const { ds, pair } = pickedDataset(id);
      update({ ...FRESH, ds, pair }, true);
    },
    [update],
  );
  const partner = useRawPartner(state.datasets, shown, pairing?.id ?? null);
  const allDatasets = useMemo(() => [...state.datasets.values()], [state.datasets]);
  const onSql = useCallback((sql: string) => update({ sql }), [update]);
  const link = rawLink(shown, partner, dsId, update);

  const snapshot = !shown && state.failures.length === 0 && showsSnapshot(dsId, view);
  const noun = spec?.noun[1] ?? "rows";
  const select = useCallback((row: number) => update({ row }), [update]);
  const open = useCallback((row: number) => update({ row, pane: "record" }, true), [update]);
  const sort = useCallback((s: ListState["sort"]) => update({ sort: s, row: null }), [update]);
  // On a phone the record and the panels take the whole screen: the filters wait behind the list.
  const reading = compact && (view.pane === "record" || view.panel !== null);

  return (
    <MarksContext.Provider value={marks}>
      <div className="flex h-dvh flex-col">
        <ExplorerHeader
          dsId={pickerValue(dsId, view.pair)}
          opened={openedOptions(state.datasets.values())}
          served={state.served}
          onDataset={openDataset}
          onFiles={onFiles}
          onCatalog={() => setCatalog(true)}
          query={view.q}
          onQuery={(q) => update({ q, row: null })}
          status={
            <>
              <RowCount shown={shown} count={count} noun={noun} preparing={preparing} />
              {shown && (
                <MarkCount
                  ds={shown}
                  clauses={view.clauses}
                  onClauses={(clauses) => update({ clauses, row: null }, true)}
                />
              )}
            </>
          }
          pane={view.pane}
          onPane={setPane}
          panel={view.panel}
          onPanel={(panel) => update({ panel, pane: view.pane === "list" ? "split" : view.pane }, true)}
          onHelp={openHelp}
          compact={compact}
        />
        <StatusBars
          state={state}
          missing={missing}
          asking={asking ?? pairing?.asking ?? null}
          servedLoad={servedLoad}
          badBase={
            view.badBase ? { text: view.badBase, used: hubBase, dismiss: () => update({ badBase: null }) } : null
          }
          pending={
            shown &&
            staleOverlap(shown, view.clauses, spec?.noun ?? ["row", "rows"], (clauses) => update({ clauses }, true))
          }
        />
        {sampleById(dsId) && !reading && <FrontNote short={compact} />}
        <LinkCutNote field="q" value={view.q} cut={view.cut.q} />
        {shown && view.row !== null && listed.listed === false && count !== null && view.pane !== "list" && (
          <NotListed row={view.row} count={count} noun={noun} onFirst={() => update({ row: null }, true)} />
        )}
        {reading && view.panel !== null && (
          <PanelBack panel={view.panel} onBack={() => update({ panel: null, pane: "split" }, true)} />
        )}
        {shown && (
          <FilterBar
            key={shown.table}
            hidden={reading}
            ds={shown}
            clauses={view.clauses}
            onChange={(clauses) => update({ clauses, row: null }, true)}
          >
            <FilterExtras
              ds={shown}
              modelsOpen={view.models}
              onToggleModels={() => update({ models: !view.models })}
              partner={partner}
            />
          </FilterBar>
        )}
        {shown && pairing && !pairing.raw && !reading && (
          <ExplorerPairBar shown={shown} pairing={pairing} view={view} update={update} listState={listState} />
        )}
        {shown ? (
          <DatasetPanes
            ds={shown}
            view={view}
            listState={listState}
            count={count}
            selectedRow={selectedRow}
            scrollTo={target}
            link={link}
            toolbar={
              view.pane === "record" && (
                <RecordToolbar onBack={() => setPane("split")} onStep={step} compact={compact} />
              )
            }
            onSelect={select}
            onOpen={open}
            onSort={sort}
            onFirstRow={setFirstRow}
            onPickModel={(model) => update({ clauses: toggleModel(view.clauses, modelsIn(view), model), row: null })}
            partner={partner?.ds ?? null}
            onClauses={(clauses) => update({ clauses, row: null }, true)}
            datasets={allDatasets}
            onSql={onSql}
            onColumns={(columns) => update({ columns }, true)}
            onOpenDataset={(id, pair) => update({ ds: id, ...FRESH, pair: pair ?? null, panel: null }, true)}
            onSetting={(key, values) => update({ checks: withSetting(view.checks, key, values), row: null }, true)}
            onOpenWith={(id, clauses) => update({ ds: id, ...FRESH, clauses }, true)}
            trust={trust}
            pair={pairing?.summary ? pairSettings(view.checks) : null}
            compare={
              !shown.loading && (
                <ExplorerPairOpen
                  shown={shown}
                  datasets={allDatasets}
                  pairing={pairing}
                  view={view}
                  update={update}
                  onFiles={onPartnerFiles}
                  trust={trust}
                />
              )
            }
          />
        ) : snapshot ? (
          <SnapshotPanes
            compact={compact}
            selectedRow={selectedRow}
            listState={listState}
            onSelect={select}
            onOpen={open}
            onSort={sort}
            onFirstRow={setFirstRow}
          />
        ) : (
          <NoPanes asking={Boolean(asking)} failed={state.failures.length > 0} />
        )}
        {help && <HelpOverlay onClose={() => setHelp(false)} />}
        {catalog && (
          <ExplorerCatalog
            base={base}
            hubBase={hubBase}
            trust={trust}
            update={update}
            openDataset={openDataset}
            store={ws?.kept.store ?? null}
            onClose={() => setCatalog(false)}
          />
        )}
        <BenchHook />
      </div>
    </MarksContext.Provider>
  );
}
