"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { forDuckdbCli } from "@/lib/console/cli";
import type { HostTrust } from "@/lib/datasets/trust";
import { ASPECTS } from "@/lib/formats/ratings";
import { detectOrExplain, specOf } from "@/lib/layouts/registry";
import type { EngineKind, LoadedDataset, SortSpec } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useWorkspace } from "@/components/query/workspace";
import { ExportButton } from "@/components/export/export-button";
import { RecordList } from "@/components/table/record-list";
import { LinkCutNote, linkCutOf } from "@/components/explorer/link-cut-note";
import type { ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { readableViews } from "@/lib/console/tables";
import { insertAtCursor, SqlEditor } from "./sql-editor";
import { SchemaList } from "./schema-list";
import { ResultNotes, ResultRow } from "./result-notes";
import { HostQuestionBar } from "./host-question";
import { useConsoleRun } from "./use-console-run";

interface Props {
  /** The SQL in the page address; a link with one runs it. */
  sql: string;
  /** The link holds only the start of it. */
  sqlCut: boolean;
  onSql: (sql: string) => void;
  datasets: readonly LoadedDataset[];
  onOpenDataset: (id: string) => void;
  /** The hosts the page reads from without asking. */
  trust: HostTrust;
  /** The engine the queries run on: the page's own, or the server's. */
  engine: EngineKind;
}

/** A first query over the dataset on screen (the first given), whatever else is open. */
const example = (datasets: readonly LoadedDataset[]) => {
  const first = datasets[0];
  if (!first) return "SELECT 42 AS answer";
  const companion = specOf(first.layout).companion;
  if (companion)
    return `SELECT model, count(*) AS completions, avg(r_honesty) AS honesty\nFROM ${first.sqlName}${companion.readable}\nGROUP BY model\nORDER BY completions DESC`;
  return `SELECT *\nFROM ${first.sqlName}\nLIMIT 100`;
};

/**
 * The SQL console over the open datasets' readable views. Only queries run (DuckDB decides, see
 * `checkQuery`); a newer run stops an older one; the result pages through the same list as a dataset.
 */
export function SqlConsole({ sql, sqlCut, onSql, datasets, onOpenDataset, trust, engine }: Props) {
  const ws = useWorkspace();
  const [draft, setDraft] = useState(() => sql || example(datasets));
  const { run, setRun, question, start: startRun, cancel } = useConsoleRun(trust, onSql, engine);
  const [copied, setCopied] = useState(false);
  const [sort, setSort] = useState<SortSpec | null>(null);
  // The row selected in the result, and the one shown whole (a click opens it; Enter opens the selected one).
  const [selected, setSelected] = useState<number | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  const editor = useRef<ReactCodeMirrorRef>(null);
  const views = useMemo(() => readableViews(datasets), [datasets]);
  const schema = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const d of datasets) {
      out[d.sqlName] = ["row", ...d.columns];
      const companion = specOf(d.layout).companion;
      if (companion) {
        out[`${d.sqlName}${companion.readable}`] = [
          "row",
          "idx",
          "model",
          "principle",
          ...ASPECTS.flatMap((a) => [`r_${a}`, `na_${a}`, `oos_${a}`]),
          "overall",
          "fine",
          "response_chars",
        ];
      }
    }
    return out;
  }, [datasets]);

  // The query last run: a link naming another one (back, forward, a link followed in the page) runs that.
  const lastRun = useRef<string | null>(null);
  const start = useCallback(
    (text: string) => {
      lastRun.current = text;
      setSort(null);
      setOpened(null);
      setSelected(null);
      startRun(text);
    },
    [startRun],
  );

  // A link that holds a query runs it once the datasets it may name are open, and so does a link that
  // names another query later (back, forward); a query the link held only the start of is not run.
  const ready = datasets.length > 0 && datasets.every((d) => !d.loading);
  const partial = linkCutOf("sql", sql, sqlCut) === "cut";
  useEffect(() => {
    if (!sql || !ready || partial || sql === lastRun.current) return;
    setDraft(sql);
    start(sql);
  }, [sql, ready, start, partial]);

  const result = run?.state === "done" ? run.result : null;
  const layout = result ? detectOrExplain(result.ds.columns) : null;
  const known = layout && "layout" in layout ? specOf(layout.layout) : null;
  // A result opens as a dataset of the page's own engine (a server keeps only what it was started with).
  const openable = known?.fields && engine === "browser" ? known.label : null;

  async function openAsDataset() {
    if (!ws || !result) return;
    const id = `query:${Date.now().toString(36)}`;
    try {
      await ws.adopt(id, `SQL result (${fmt(result.ds.rows)} rows)`, result.raw);
      onOpenDataset(id);
    } catch (e) {
      setRun({ state: "error", message: (e as Error).message, refused: false });
    }
  }

  return (
    <section
      data-testid="sql-console"
      aria-label="SQL console"
      className="flex min-h-0 flex-col gap-2 overflow-hidden bg-white p-3"
    >
      <header className="flex flex-wrap items-baseline gap-x-3 text-xs text-slate-600">
        <h2 className="text-sm font-semibold text-slate-700">SQL</h2>
        <span>
          Queries over {datasets.map((d) => d.sqlName).join(", ") || "the open datasets"} · Ctrl+Enter runs · only
          queries run: nothing loaded can be changed from here
        </span>
      </header>
      <div className="flex min-h-0 flex-1 gap-3">
        <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-2">
          <LinkCutNote field="sql" value={draft === sql ? sql : ""} cut={draft === sql && sqlCut} />
          <SqlEditor value={draft} onChange={setDraft} onRun={() => start(draft)} schema={schema} editorRef={editor} />
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <button
              type="button"
              data-testid="sql-run"
              onClick={() => start(draft)}
              className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-800"
            >
              Run
            </button>
            {run?.state === "running" && (
              <button
                type="button"
                data-testid="sql-cancel"
                onClick={cancel}
                className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
              >
                Cancel
              </button>
            )}
            <button
              type="button"
              data-testid="sql-copy-cli"
              title="The same query with each name replaced by the files it reads, for DuckDB's command line"
              onClick={() => {
                void navigator.clipboard?.writeText(forDuckdbCli(draft, datasets)).then(() => setCopied(true));
                setTimeout(() => setCopied(false), 1500);
              }}
              className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
            >
              {copied ? "Copied" : "Copy for DuckDB CLI"}
            </button>
            {run?.state === "running" && (
              <span className="text-slate-600">
                {run.fetching ? (
                  <>
                    reading <bdi className="font-mono">{run.fetching}</bdi>…
                  </>
                ) : (
                  "running…"
                )}
              </span>
            )}
            {run?.state === "cancelled" && <span className="text-slate-600">cancelled</span>}
            {result && (
              <span className="text-slate-600 tabular-nums">
                {fmt(result.ds.rows)} row{result.ds.rows === 1 ? "" : "s"} ·{" "}
                {result.ms < 10 ? result.ms.toFixed(1) : fmt(Math.round(result.ms))} ms
              </span>
            )}
            {result && result.ds.rows > 0 && (
              <ExportButton ds={{ ...result.ds, sqlName: "query" }} state={{ search: "", sort }} />
            )}
            {openable && (
              <button
                type="button"
                data-testid="sql-open-dataset"
                onClick={() => void openAsDataset()}
                className="rounded border border-sky-300 bg-sky-50 px-2 py-1 text-sky-800 hover:bg-sky-100"
              >
                Open as dataset ({openable})
              </button>
            )}
          </div>
          {question && <HostQuestionBar question={question} />}
          {run?.state === "error" && (
            <pre
              data-testid="sql-error"
              data-refused={run.refused}
              role="alert"
              className="max-h-40 overflow-auto rounded border border-rose-200 bg-rose-50 p-2 text-xs whitespace-pre-wrap text-rose-900"
            >
              {run.message}
            </pre>
          )}
          {result && <ResultNotes result={result} views={views} datasets={datasets} engine={engine} />}
          {result && (
            <div
              data-testid="sql-result"
              data-rows={result.ds.rows}
              className="min-h-0 flex-1 rounded border border-slate-200"
            >
              {result.ds.rows > 0 ? (
                <RecordList
                  ds={result.ds}
                  state={{ search: "", sort, columns: result.ds.columns }}
                  count={result.ds.rows}
                  selectedRow={selected}
                  scrollToIndex={null}
                  onSelect={(row) => {
                    setSelected(row);
                    setOpened(row);
                  }}
                  onOpen={setOpened}
                  onSort={setSort}
                  onFirstRow={() => undefined}
                />
              ) : (
                <p className="p-3 text-sm text-slate-600">The query returned no rows.</p>
              )}
            </div>
          )}
          {result && opened !== null && (
            <ResultRow result={result} row={opened} engine={engine} onClose={() => setOpened(null)} />
          )}
        </div>
        <SchemaList views={views} engine={engine} onInsert={(text) => insertAtCursor(editor.current, text)} />
      </div>
    </section>
  );
}
