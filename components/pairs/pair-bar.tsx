"use client";
import { useState } from "react";
import { saveBlob } from "@/lib/export/download";
import { alignedJsonl } from "@/lib/pairs/export";
import { flagsOf, type PairKind } from "@/lib/pairs/flags";
import { pairSettings } from "@/lib/pairs/rules";
import { fmt, isolate } from "@/lib/text/format";
import type { Clause, ListState, LoadedDataset } from "@/lib/types";
import { useWorkspace } from "@/components/query/workspace";
import type { Pairing } from "./use-pairing";

interface Props {
  ds: LoadedDataset;
  pairing: Pairing;
  state: ListState;
  onClauses: (clauses: Clause[]) => void;
  onSetting: (key: string, values: string[] | null) => void;
  onKind: (kind: PairKind | null) => void;
  /** For tables of no known layout: the column both sides are aligned by (null: row order). */
  onKey: (column: string | null) => void;
  /** Shows the partner first (and this one as its partner), filtered to `flag` when given. */
  onSwap: (flag?: string) => void;
  onClose: () => void;
}

const CHIP = "rounded border px-1.5 py-0.5 tabular-nums disabled:cursor-default disabled:opacity-60";
const chip = (on: boolean) =>
  `${CHIP} ${on ? "border-sky-700 bg-sky-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`;

/**
 * The pair on screen: which partner, how the two are aligned, how many rows are aligned or only on
 * one side, and each flag of the kind with its count — each a filter of the list (`pf=`).
 */
export function PairBar({ ds, pairing, state, onClauses, onSetting, onKind, onKey, onSwap, onClose }: Props) {
  const ws = useWorkspace();
  const { summary, counts, partner } = pairing;
  const clauses = state.clauses ?? [];
  const active = clauses.find((c) => c.field === "pf");
  const activeFlag = active?.op === "is" ? active.value : null;
  const searchSide = clauses.find((c) => c.field === "ps");
  const side = searchSide?.op === "is" ? searchSide.value : "mine";
  const settings = pairSettings(state.checks);
  const [exporting, setExporting] = useState<string | null>(null);
  const toggle = (flag: string) => {
    const others = clauses.filter((c) => c.field !== "pf");
    onClauses(activeFlag === flag ? others : [...others, { field: "pf", op: "is", value: flag }]);
  };
  const setSide = (value: string) => {
    const others = clauses.filter((c) => c.field !== "ps");
    onClauses(value === "mine" ? others : [...others, { field: "ps", op: "is", value }]);
  };
  const heading = (flag: string, label: string, n: number, testId?: string) => (
    <button
      type="button"
      data-testid={testId}
      aria-pressed={activeFlag === flag}
      disabled={n === 0 && activeFlag !== flag}
      onClick={() => toggle(flag)}
      className={chip(activeFlag === flag)}
    >
      {label} <b>{fmt(n)}</b>
    </button>
  );
  const exportPairs = async () => {
    if (!ws) return;
    setExporting("Writing the aligned pairs…");
    try {
      const db = ws.queriesFor(ds).client({ priority: "panel" });
      const { blob, rows } = await alignedJsonl(db, ds, state, settings, (n) => setExporting(`${fmt(n)} pairs…`));
      saveBlob(blob, `${ds.sqlName}-aligned-${rows}-pairs.jsonl`);
      setExporting(null);
    } catch (e) {
      setExporting(`Could not export: ${(e as Error).message}`);
    }
  };

  return (
    <section
      data-testid="pair-summary"
      aria-label="Pair"
      data-kind={summary?.kind ?? ""}
      data-aligned={summary?.aligned ?? ""}
      data-only-left={summary?.onlyLeft ?? ""}
      data-only-right={summary?.onlyRight ?? ""}
      className="flex flex-col gap-1.5 border-b border-slate-200 bg-amber-50/60 px-3 py-2 text-xs"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold text-slate-800">Beside</span>
        <bdi className="max-w-[24rem] truncate font-medium" title={partner?.name ?? pairing.id}>
          {partner ? isolate(partner.name) : pairing.id}
        </bdi>
        {pairing.apart && (
          <span className="text-rose-800">
            is on another engine (the server and this tab): open both in the same place to compare them.
          </span>
        )}
        {!summary && !pairing.apart && !pairing.error && (
          <span className="text-slate-600">{partner?.loading || !partner ? "loading the partner…" : "aligning…"}</span>
        )}
        {pairing.error && <span className="text-rose-700">Could not align them: {pairing.error}</span>}
        {summary && (
          <>
            <label className="flex items-center gap-1">
              <span className="text-slate-600">read as</span>
              <select
                data-testid="pair-kind"
                value={summary.kindGuessed ? "" : summary.kind}
                onChange={(e) => onKind((e.target.value || null) as PairKind | null)}
                className="rounded border border-slate-300 bg-white px-1 py-0.5"
              >
                <option value="">
                  {summary.kind === "translation" ? "a translation" : "another version"} (read from the text)
                </option>
                <option value="translation">a translation</option>
                <option value="version">another version</option>
              </select>
            </label>
            {summary.left.layout === "generic" ? (
              <label className="flex items-center gap-1">
                <span className="text-slate-600">aligned by</span>
                <select
                  data-testid="pair-key"
                  value={summary.keyBy === "row order" ? "" : summary.keyBy}
                  onChange={(e) => onKey(e.target.value || null)}
                  className="rounded border border-slate-300 bg-white px-1 py-0.5"
                >
                  <option value="">row order (no key)</option>
                  {summary.left.columns
                    .filter((c) => summary.right.columns.includes(c))
                    .map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                </select>
              </label>
            ) : (
              <span className="text-slate-600">aligned by {summary.keyBy}</span>
            )}
          </>
        )}
        <span className="ml-auto flex items-center gap-1">
          {summary && (
            <button
              type="button"
              data-testid="pair-export"
              onClick={() => void exportPairs()}
              className={chip(false)}
              title="The listed rows beside their partners, with their flags, as JSON Lines"
            >
              Export aligned pairs
            </button>
          )}
          <button
            type="button"
            data-testid="pair-swap"
            onClick={() => onSwap()}
            className={chip(false)}
            title="Show the partner first"
          >
            ⇄ Swap sides
          </button>
          <button
            type="button"
            data-testid="pair-close"
            onClick={onClose}
            className={chip(false)}
            aria-label="Close the pair"
          >
            ✕
          </button>
        </span>
      </div>
      {exporting && <p className="text-slate-700">{exporting}</p>}
      {summary?.assistantOnly !== undefined && summary.assistantOnly !== "none" && (
        <p data-testid="pair-pattern" className="text-slate-700">
          {summary.assistantOnly === "left" ? "The partner" : "This side"} holds only the assistant&apos;s turns: each
          stands beside an assistant turn of the other, and the user&apos;s turns have no counterpart.
        </p>
      )}
      {summary && (
        <div className="flex flex-wrap items-center gap-1">
          {heading("aligned", "Aligned", summary.aligned)}
          {heading("only_left", "Only in this one", summary.onlyLeft)}
          <button
            type="button"
            disabled={summary.onlyRight === 0}
            onClick={() => onSwap("only_left")}
            className={chip(false)}
            title="Shows the partner first, listing its rows that this one lacks"
          >
            Only in the partner <b>{fmt(summary.onlyRight)}</b>
          </button>
          {heading("repeated", "Key repeats", summary.repeatedRows)}
          <span className="mx-1 h-4 w-px bg-slate-300" aria-hidden />
          {flagsOf(summary.kind).map((f) => {
            const n = counts?.[f.id] ?? 0;
            return (
              <span key={f.id} title={f.reason}>
                <button
                  type="button"
                  data-testid="pair-flag"
                  data-flag={f.id}
                  data-count={counts?.[f.id] ?? ""}
                  aria-pressed={activeFlag === f.id}
                  disabled={n === 0 && activeFlag !== f.id}
                  onClick={() => toggle(f.id)}
                  className={chip(activeFlag === f.id)}
                >
                  {f.title} <b>{fmt(n)}</b>
                </button>
              </span>
            );
          })}
        </div>
      )}
      {summary && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-700">
          <label className="flex items-center gap-1">
            <span>Search in</span>
            <select
              data-testid="pair-search-side"
              value={side}
              onChange={(e) => setSide(e.target.value)}
              className="rounded border border-slate-300 bg-white px-1 py-0.5"
            >
              <option value="mine">this side</option>
              <option value="partner">the partner</option>
              <option value="either">either side</option>
            </select>
          </label>
          {summary.kind === "translation" && (
            <span className="flex items-center gap-1">
              <span>Length band</span>
              <BandInput
                label="Shortest translation, as a share of its original"
                value={settings.ratioMin}
                onChange={(v) => onSetting("ratio_min", v === null ? null : [String(v)])}
              />
              <span>to</span>
              <BandInput
                label="Longest translation, as a share of its original"
                value={settings.ratioMax}
                onChange={(v) => onSetting("ratio_max", v === null ? null : [String(v)])}
              />
              <span>× the original&apos;s characters</span>
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function BandInput({ label, value, onChange }: { label: string; value: number; onChange: (v: number | null) => void }) {
  return (
    <input
      type="number"
      aria-label={label}
      title={label}
      min={0.01}
      max={100}
      step={0.05}
      defaultValue={value}
      key={value}
      onBlur={(e) => {
        const v = Number(e.target.value);
        onChange(Number.isFinite(v) && v > 0 ? v : null);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") (e.target as HTMLInputElement).blur();
      }}
      className="w-16 rounded border border-slate-300 bg-white px-1 py-0.5 tabular-nums"
    />
  );
}
