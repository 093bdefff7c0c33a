"use client";
import { useLayoutEffect, useRef } from "react";
import { fetchMatchedCompletions, fetchRecord, fetchRowJson, type RecordData } from "@/lib/data/record";
import { fetchFlaggedCompletions } from "@/lib/checks/completions";
import { checksOf } from "@/lib/checks/index";
import type { SettingsText } from "@/lib/checks/types";
import { scopeModel } from "@/lib/filters/where";
import type { Clause, DatasetRef } from "@/lib/types";
import type { RawLink } from "@/components/feedback/raw-completions";
import { useQuery } from "@/components/query/use-query";
import { RecordView } from "@/components/record/record-view";
import { useWorkspace } from "@/components/query/workspace";
import { CopyButton } from "@/components/ui/copy-button";
import { RowOverlap } from "@/components/checks/row-overlap";
import { CheckGroup } from "@/components/checks/check-group";
import { MatchStepper } from "./match-stepper";
import { STEPPER_HEIGHT, STEPPER_VAR } from "@/components/record/sticky";
import { MarkBar } from "@/components/marks/mark-bar";
import { PairRecordView } from "@/components/pairs/pair-record";
import type { PairSettings } from "@/lib/pairs/rules";

export function RecordPanel({
  ds,
  row,
  query,
  link,
  toolbar,
  initialRecord,
  clauses = [],
  checks,
  pair = null,
  onOpenRow,
}: {
  ds: DatasetRef;
  row: number | null;
  query: string;
  link?: RawLink;
  toolbar?: React.ReactNode;
  /** A record known before the engine can fetch it (the bundled sample's first). */
  initialRecord?: RecordData | null;
  /** The list's clauses: the record marks which completions meet them. */
  clauses?: readonly Clause[];
  /** The checks' settings in force: a check the list shows marks the completions it flags. */
  checks?: SettingsText;
  /** A partner is open: the record shows both sides, read with these settings. */
  pair?: PairSettings | null;
  /** Opens another row of the dataset (one the record names, as a duplicate of this one). */
  onOpenRow?: (row: number) => void;
}) {
  const ws = useWorkspace();
  const asked = row !== null && !initialRecord;
  // While the table grows, a row not read yet is asked for again as rows arrive.
  const growing = (ds as { loading?: boolean; rows?: number }).loading ? (ds as { rows?: number }).rows : null;
  const loaded = useQuery(
    asked ? [ds.table, row, growing] : null,
    (db) => fetchRecord(db, ds, row!),
    "list",
    ds.engine,
  );
  const matched = useQuery(
    row !== null && clauses.length ? [ds.table, row, JSON.stringify(clauses), "matched"] : null,
    (db) => fetchMatchedCompletions(db, ds, clauses, row!),
    "list",
    ds.engine,
  );
  const check = clauses.find((c) => c.field === "check" && c.op === "is");
  const checkId = check?.op === "is" ? check.value : null;
  const flagged = useQuery(
    row !== null && checkId ? [ds.table, row, checkId, JSON.stringify(checks ?? {}), "flagged"] : null,
    (db) => fetchFlaggedCompletions(db, ds, checkId!, checks, row!),
    "list",
    ds.engine,
  );
  const focus = {
    matched: matched.data ?? null,
    model: scopeModel(ds, clauses),
    flagged:
      checkId && flagged.data && !flagged.stale
        ? { check: checksOf(ds.layout).find((c) => c.id === checkId)?.title ?? checkId, completions: flagged.data }
        : null,
  };
  const missing = !loaded.pending && loaded.data === null;
  const error = loaded.error?.message ?? (missing && growing === null ? `Row ${row} is not in this dataset.` : null);
  // While the next record loads, the previous one stays on screen instead of a flash of "Opening…".
  const record =
    (row !== null ? loaded.data : null) ?? (initialRecord && initialRecord.row === row ? initialRecord : null);
  // Another record opens at its top, not where the one before was left. The same record read again (its
  // query asked anew once the search index is built) keeps the reader's place.
  const panel = useRef<HTMLDivElement>(null);
  const lastShown = useRef<number | null>(null);
  const shownRow = record?.row ?? null;
  useLayoutEffect(() => {
    if (shownRow === null || shownRow === lastShown.current) return;
    lastShown.current = shownRow;
    panel.current?.scrollTo({ top: 0 });
  }, [shownRow]);
  const stepping = row !== null && record !== null && !error && query.trim() !== "";
  return (
    <div
      id="record-panel"
      ref={panel}
      style={stepping ? ({ [STEPPER_VAR]: STEPPER_HEIGHT } as React.CSSProperties) : undefined}
      data-testid="record-panel"
      tabIndex={-1}
      className="min-h-0 overflow-y-auto bg-slate-50 p-4 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:ring-inset"
    >
      {toolbar}
      {stepping && <MatchStepper key={`${record.row}\n${query}`} query={query} row={record.row} />}
      {row === null && <p className="text-sm text-slate-600">Select a row to read it.</p>}
      {row !== null && !record && !error && <p className="text-sm text-slate-600">Opening…</p>}
      {error && <p className="text-sm text-rose-700">{error}</p>}
      {row !== null && record && !error && <RowOverlap ds={ds} row={record.row} />}
      {row !== null && record && !error && checkId && (
        <CheckGroup ds={ds} row={record.row} checkId={checkId} checks={checks} onOpenRow={onOpenRow} />
      )}
      {row !== null && record && !error && (
        <MarkBar ds={ds} row={record.row}>
          {pair ? (
            <PairRecordView ds={ds} row={record.row} query={query} settings={pair} />
          ) : (
            <RecordView
              record={record}
              query={query}
              link={link}
              focus={focus}
              actions={
                ws && (
                  <CopyButton
                    label="Copy row as JSON"
                    title="The row as its file holds it, as JSON"
                    text={() => fetchRowJson(ws.queriesFor(ds).client({ priority: "list" }), ds, record.row)}
                  />
                )
              }
            />
          )}
        </MarkBar>
      )}
    </div>
  );
}
