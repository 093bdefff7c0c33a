"use client";
import { useMemo } from "react";
import type { ConsoleResult } from "@/lib/console/run";
import { internalTest, joinGrowth, TABLE_NAME_COLUMNS, type ReadableView } from "@/lib/console/tables";
import { fetchRecord } from "@/lib/data/record";
import { ident } from "@/lib/sql/ident";
import { fmt } from "@/lib/text/format";
import type { EngineKind, LoadedDataset } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";
import { useWorkspace } from "@/components/query/workspace";
import { Highlight } from "@/components/text/highlight";

const NOTE = "rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900";

/**
 * What a result may not say by itself: that a join gave more rows than its left view has (some of
 * its rows were matched more than once), and which of the tables a catalog query lists are the
 * page's own storage rather than views to read.
 */
export function ResultNotes({
  result,
  views,
  datasets,
  engine,
}: {
  result: ConsoleResult;
  views: readonly ReadableView[];
  datasets: readonly LoadedDataset[];
  engine: EngineKind;
}) {
  const ws = useWorkspace();
  const prefix = ws?.derivedFor({ engine }).prefix ?? null;
  const grown = useQuery(
    ["console-join", result.ds.table],
    (db) => joinGrowth(db, result.sql, views, result.ds.rows),
    "panel",
    engine,
  ).data;
  const nameColumn = TABLE_NAME_COLUMNS.find((c) => result.ds.columns.includes(c)) ?? null;
  const internal = useMemo(() => (prefix === null ? null : internalTest(prefix, datasets)), [prefix, datasets]);
  const names = useQuery(
    nameColumn && internal ? ["console-names", result.ds.table, nameColumn] : null,
    async (db) => {
      const { rows } = await db.query(
        `SELECT DISTINCT CAST(${ident(nameColumn!)} AS VARCHAR) AS name FROM ${ident(result.ds.table)} ORDER BY name`,
      );
      return rows.map((r) => String(r.name)).filter((name) => internal!(name));
    },
    "panel",
    engine,
  ).data;

  return (
    <>
      {grown && (
        <p data-testid="sql-join-note" role="note" className={NOTE}>
          {fmt(result.ds.rows)} rows from the {fmt(grown.leftRows)} {grown.left.noun} of{" "}
          <span className="font-mono">{grown.left.name}</span>:{" "}
          {grown.key ? (
            <>
              <span className="font-mono">{grown.key}</span> repeats on the other side
            </>
          ) : (
            "the join matched some of them more than once"
          )}
          , so those {grown.left.noun} are counted more than once.
        </p>
      )}
      {names && names.length > 0 && (
        <p data-testid="sql-internal-note" role="note" className={NOTE}>
          {names.length === 1 ? "One of these is" : `${names.length} of these are`} the page’s own storage, not a view
          to read: <span className="font-mono break-all">{names.join(", ")}</span>. Query the views instead:{" "}
          <span className="font-mono">{views.map((v) => v.name).join(", ")}</span>.
        </p>
      )}
    </>
  );
}

/** One row of a result with each column's whole value: what a cell of the list cuts short. */
export function ResultRow({
  result,
  row,
  engine,
  onClose,
}: {
  result: ConsoleResult;
  row: number;
  engine: EngineKind;
  onClose: () => void;
}) {
  const asked = useQuery(
    ["console-row", result.ds.table, row],
    (db) => fetchRecord(db, result.ds, row),
    "list",
    engine,
  );
  const record = asked.data;
  return (
    <section
      data-testid="sql-row"
      data-row={row}
      aria-label={`Row ${row} of the result`}
      className="flex max-h-[45%] min-h-24 flex-col overflow-hidden rounded border border-slate-200"
    >
      <header className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-2 py-1 text-xs">
        <h3 className="font-semibold text-slate-700">Row {fmt(row)}, whole</h3>
        <button
          type="button"
          data-testid="sql-row-close"
          onClick={onClose}
          className="ml-auto rounded border border-slate-300 bg-white px-2 hover:bg-slate-100"
        >
          Close
        </button>
      </header>
      {asked.error && (
        <p role="alert" className="p-2 text-sm text-rose-700">
          Row {fmt(row)} could not be read: {asked.error.message}
        </p>
      )}
      {!asked.error && !record && <p className="p-2 text-sm text-slate-600">Opening…</p>}
      {record?.kind === "generic" && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 overflow-auto p-2 text-sm">
          {record.fields.map((f) => (
            <div key={f.name} className="contents">
              <dt className="font-mono text-xs text-slate-600">{f.name}</dt>
              <dd data-testid="sql-row-value" data-column={f.name} className="break-words whitespace-pre-wrap">
                <Highlight text={f.value} query="" />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
