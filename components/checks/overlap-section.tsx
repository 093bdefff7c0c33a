"use client";
import { columnType } from "@/lib/formats/column-names";
import { useState } from "react";
import {
  computeOverlap,
  lastOverlap,
  overlapSettings,
  pastedSide,
  promptOf,
  type OverlapResult,
  type Side,
} from "@/lib/checks/overlap";
import { specOf } from "@/lib/layouts/registry";
import { pairingOf } from "@/lib/pairs/align";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useWorkspace } from "@/components/query/workspace";

interface Props {
  ds: LoadedDataset;
  datasets: readonly LoadedDataset[];
  state: ListState;
  onClauses: (clauses: Clause[]) => void;
  onSetting: (key: string, values: string[] | null) => void;
  /** Opens another dataset with these filters. */
  onOpenWith: (id: string, clauses: Clause[]) => void;
}

const PASTE = "__paste";
const TEXT = /^VARCHAR/i;

/** The text column of a table of no layout: the one picked, else its first text column. */
function sideOf(d: LoadedDataset, column: string | null): Side | null {
  const fallback = d.columns.find((c) => TEXT.test(columnType(d, c) ?? "")) ?? null;
  const text = promptOf(d.layout, column ?? fallback);
  return text && d.derived ? { id: d.id, name: d.name, table: d.table, text, derived: d.derived } : null;
}

/**
 * Overlap of the open dataset with another one, or with prompts pasted here: equal prompts and shared
 * runs of words, counted both ways, each side's rows one click from its list.
 */
export function OverlapSection({ ds, datasets, state, onClauses, onSetting, onOpenWith }: Props) {
  const ws = useWorkspace();
  // Two datasets compare on one engine: the page's, or the server's.
  const others = datasets.filter(
    (d) => d.id !== ds.id && !d.loading && (d.engine ?? "browser") === (ds.engine ?? "browser"),
  );
  // The partner open beside this dataset (pair=) is the first to compare with.
  const partner = others.find((d) => d.id === pairingOf(ds)?.summary.right.id);
  const [otherId, setOtherId] = useState<string>(partner?.id ?? others[0]?.id ?? PASTE);
  const [paste, setPaste] = useState("");
  const [column, setColumn] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pastedRef, setPastedRef] = useState<Side | null>(null);
  const settings = overlapSettings(state.checks);
  const other = others.find((d) => d.id === otherId) ?? null;
  const mine = sideOf(ds, ds.layout === "generic" ? column : null);
  const otherSide = other ? sideOf(other, other.layout === "generic" ? column : null) : pastedRef;
  const [result, setResult] = useState<OverlapResult | null>(null);
  const shown = result ?? (mine && otherSide ? lastOverlap(ds, otherSide.id) : null);
  const active = (state.clauses ?? []).find((c) => c.field === "overlap");

  async function run() {
    if (!ws || !mine) return;
    setRunning(true);
    setError(null);
    try {
      const db = ws.queriesFor(ds).client({ priority: "panel" });
      let theirs = otherSide;
      if (otherId === PASTE) {
        if (!paste.trim()) throw new Error("paste prompts first, one per line");
        theirs = await pastedSide(db, mine, paste);
        setPastedRef(theirs);
      }
      if (!theirs) throw new Error("the other dataset has no text to compare");
      setResult(await computeOverlap(db, mine, theirs, settings));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  const needsColumn = ds.layout === "generic" || other?.layout === "generic";
  const textColumns = (ds.layout === "generic" ? ds : other)?.columns.filter((c) =>
    TEXT.test(columnType(ds.layout === "generic" ? ds : other, c) ?? ""),
  );

  return (
    <section aria-labelledby="overlap-title" className="flex flex-col gap-2 border-t border-slate-200 pt-3">
      <h3 id="overlap-title" className="font-semibold text-slate-700">
        Overlap with another dataset
      </h3>
      <p className="text-xs text-slate-600">
        Train/test contamination: {specOf(ds.layout).noun[1]} whose prompt equals one of the other’s (ignoring case,
        spaces and punctuation), or shares a run of {settings.words} words with one ({settings.chars} characters for
        Japanese and Chinese text), counted both ways.
      </p>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label className="flex items-center gap-1">
          <span className="text-slate-600">Compare with</span>
          <select
            data-testid="overlap-with"
            value={otherId}
            onChange={(e) => {
              setOtherId(e.target.value);
              setResult(null);
            }}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {others.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({fmt(d.rows)} rows)
              </option>
            ))}
            <option value={PASTE}>prompts pasted here</option>
          </select>
        </label>
        {needsColumn && textColumns && (
          <label className="flex items-center gap-1">
            <span className="text-slate-600">text column</span>
            <select
              value={column ?? textColumns[0] ?? ""}
              onChange={(e) => setColumn(e.target.value)}
              className="rounded border border-slate-300 px-1 py-0.5"
            >
              {textColumns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <RunLength label="words" value={settings.words} onChange={(v) => onSetting("words", v)} />
        <RunLength
          label="characters (Japanese, Chinese)"
          value={settings.chars}
          onChange={(v) => onSetting("chars", v)}
        />
        <button
          type="button"
          data-testid="overlap-run"
          disabled={running || !mine}
          onClick={() => void run()}
          className="rounded bg-sky-700 px-2 py-0.5 text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {running ? "Comparing…" : "Compare"}
        </button>
      </div>
      {otherId === PASTE && (
        <textarea
          data-testid="overlap-paste"
          value={paste}
          onChange={(e) => setPaste(e.target.value)}
          rows={4}
          placeholder="One prompt per line"
          className="w-full rounded border border-slate-300 px-1 py-0.5 font-mono text-xs"
        />
      )}
      {others.length === 0 && otherId !== PASTE && (
        <p className="text-xs text-slate-600">
          Open a second dataset (datasets stay loaded when you switch) or paste prompts.
        </p>
      )}
      {!mine && <p className="text-xs text-slate-600">This table has no text column to compare.</p>}
      {error && <p className="text-xs text-rose-700">{error}</p>}
      {shown && (
        <div className="grid gap-1 text-xs">
          <OverlapLine
            testId="overlap"
            count={shown.aAny}
            of={shown.rowsA}
            exact={shown.aExact}
            runs={shown.aRuns}
            name={ds.name}
            otherName={shown.b.name}
            action={
              active?.op === "is" && active.value === shown.b.id ? (
                <button
                  type="button"
                  onClick={() => onClauses((state.clauses ?? []).filter((c) => c.field !== "overlap"))}
                  className="text-sky-700 hover:underline"
                >
                  show every row
                </button>
              ) : (
                <button
                  type="button"
                  data-testid="overlap-list"
                  disabled={shown.aAny === 0}
                  onClick={() =>
                    onClauses([
                      ...(state.clauses ?? []).filter((c) => c.field !== "overlap"),
                      { field: "overlap", op: "is", value: shown.b.id },
                    ])
                  }
                  className="text-sky-700 hover:underline disabled:text-slate-400 disabled:no-underline"
                >
                  list them
                </button>
              )
            }
          />
          <OverlapLine
            testId="overlap-back"
            count={shown.bAny}
            of={shown.rowsB}
            exact={shown.bExact}
            runs={shown.bRuns}
            name={shown.b.name}
            otherName={ds.name}
            action={
              others.some((d) => d.id === shown.b.id) && (
                <button
                  type="button"
                  disabled={shown.bAny === 0}
                  onClick={() => onOpenWith(shown.b.id, [{ field: "overlap", op: "is", value: ds.id }])}
                  className="text-sky-700 hover:underline disabled:text-slate-400 disabled:no-underline"
                >
                  open them
                </button>
              )
            }
          />
        </div>
      )}
    </section>
  );
}

function OverlapLine(props: {
  testId: string;
  count: number;
  of: number;
  exact: number;
  runs: number;
  name: string;
  otherName: string;
  action: React.ReactNode;
}) {
  return (
    <p data-testid={props.testId} data-count={props.count} data-exact={props.exact} data-runs={props.runs}>
      <strong className="tabular-nums">{fmt(props.count)}</strong> of {fmt(props.of)} rows of{" "}
      <span className="font-medium">{props.name}</span> overlap {props.otherName}: {fmt(props.exact)} equal,{" "}
      {fmt(props.runs)} share a run. {props.action}
    </p>
  );
}

function RunLength({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (v: string[] | null) => void;
}) {
  const [text, setText] = useState(String(value));
  const [last, setLast] = useState(value);
  if (last !== value) {
    setLast(value);
    setText(String(value));
  }
  return (
    <label className="flex items-center gap-1">
      <input
        type="number"
        value={text}
        min={3}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => (Number(text) !== value && text.trim() !== "" ? onChange([text]) : setText(String(value)))}
        className="w-14 rounded border border-slate-300 px-1 py-0.5 tabular-nums"
      />
      <span className="text-slate-600">{label}</span>
    </label>
  );
}
