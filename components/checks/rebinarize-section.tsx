"use client";
import { useState } from "react";
import { ASPECTS } from "@/lib/formats/ratings";
import {
  compareWithPublished,
  DEFAULT_RULE,
  rebinarize,
  SCORE_LABEL,
  type Comparison,
  type Rebinarized,
  type Rule,
  type ScoreRule,
} from "@/lib/checks/rebinarize";
import type { LoadedDataset } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useWorkspace } from "@/components/query/workspace";

interface Props {
  ds: LoadedDataset;
  datasets: readonly LoadedDataset[];
  /** Opens a dataset, beside a partner when given (the published split the pairs are compared with). */
  onOpenDataset: (id: string, pair?: string | null) => void;
}

const SCORES: ScoreRule[] = ["overall", "mean", ...ASPECTS];
const cut = (s: string, n = 280) => (s.length > n ? `${s.slice(0, n)}…` : s);
const score = (n: number | null) => (n === null ? "—" : String(Number(n.toFixed(2))));

/**
 * Chosen/rejected pairs built again from these raw rows by a rule picked here, compared with a published
 * binarized split when one is open, and opened as a dataset of their own (binarized views, export).
 */
export function RebinarizeSection({ ds, datasets, onOpenDataset }: Props) {
  const ws = useWorkspace();
  const [rule, setRule] = useState<Rule>(DEFAULT_RULE);
  const [built, setBuilt] = useState<{
    rule: Rule;
    result: Rebinarized;
    comparison: Comparison | null;
    against: string | null;
  } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Compared in one engine: a split in this tab and one on the server cannot meet in one query.
  const onEngine = ds.engine ?? "browser";
  const published = datasets.filter(
    (d) =>
      d.layout === "ultrafeedback_binarized" &&
      !d.loading &&
      !d.id.startsWith("rebinarized:") &&
      (d.engine ?? "browser") === onEngine,
  );
  const [against, setAgainst] = useState<string | null>(null);
  const compareWith = published.find((d) => d.id === against) ?? published[0] ?? null;

  async function run() {
    if (!ws) return;
    setRunning(true);
    setError(null);
    try {
      const db = ws.queriesFor(ds).client({ priority: "panel" });
      const result = await rebinarize(db, ds, rule);
      const comparison = compareWith ? await compareWithPublished(db, result.full, compareWith.table) : null;
      setBuilt({ rule, result, comparison, against: compareWith?.name ?? null });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  async function open() {
    if (!ws || !built) return;
    const id = `rebinarized:${built.result.table}`;
    const r = built.rule;
    const name = `${ds.name} re-binarized (${r.score}, ties ${r.ties === "keep" ? "kept" : "dropped"}, rejected ${r.rejected === "lowest" ? "lowest" : `random, seed ${r.seed}`})`;
    try {
      await ws.adopt(id, name, built.result.table);
      // Beside the published split they were compared with: what changed, pair by pair.
      onOpenDataset(id, compareWith?.id ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const set = (patch: Partial<Rule>) => setRule((r) => ({ ...r, ...patch }));
  return (
    <section
      data-testid="rebinarize"
      aria-labelledby="rebinarize-title"
      className="flex flex-col gap-2 border-t border-slate-200 pt-3"
    >
      <h3 id="rebinarize-title" className="font-semibold text-slate-700">
        Re-binarize
      </h3>
      <p className="text-xs text-slate-600">
        Build chosen/rejected pairs from these prompts by another rule than the published one (highest overall_score,
        rejected at random). Choosing by the mean of the four ratings instead changes the chosen answer in many prompts.
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <label className="flex items-center gap-1">
          <span className="text-slate-600">Chosen:</span>
          <select
            data-testid="rebinarize-score"
            value={rule.score}
            onChange={(e) => set({ score: e.target.value as ScoreRule })}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            {SCORES.map((s) => (
              <option key={s} value={s}>
                {SCORE_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <span className="text-slate-600">Rejected:</span>
          <select
            data-testid="rebinarize-rejected"
            value={rule.rejected}
            onChange={(e) => set({ rejected: e.target.value as Rule["rejected"] })}
            className="rounded border border-slate-300 px-1 py-0.5"
          >
            <option value="random">a random other answer</option>
            <option value="lowest">the lowest scored</option>
          </select>
        </label>
        {rule.rejected === "random" && (
          <label className="flex items-center gap-1">
            <span className="text-slate-600">seed</span>
            <input
              type="number"
              value={rule.seed}
              onChange={(e) => set({ seed: Number(e.target.value) || 0 })}
              className="w-16 rounded border border-slate-300 px-1 py-0.5 tabular-nums"
            />
          </label>
        )}
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            data-testid="rebinarize-drop-ties"
            checked={rule.ties === "drop"}
            onChange={(e) => set({ ties: e.target.checked ? "drop" : "keep" })}
          />
          <span className="text-slate-600">drop ties</span>
        </label>
        {published.length > 1 && (
          <label className="flex items-center gap-1">
            <span className="text-slate-600">compare with</span>
            <select
              value={compareWith?.id ?? ""}
              onChange={(e) => setAgainst(e.target.value)}
              className="rounded border border-slate-300 px-1 py-0.5"
            >
              {published.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          data-testid="rebinarize-run"
          disabled={running || ds.loading}
          onClick={() => void run()}
          className="rounded bg-sky-700 px-2 py-0.5 text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {running ? "Building…" : "Build pairs"}
        </button>
      </div>
      {error && <p className="text-xs text-rose-700">{error}</p>}
      {built && (
        <div className="flex flex-col gap-2 text-xs">
          <p data-testid="rebinarize-pairs" data-count={built.result.pairs}>
            <strong className="tabular-nums">{fmt(built.result.pairs)}</strong> of {fmt(built.result.prompts)} prompts
            get a pair.{" "}
            {onEngine === "browser" ? (
              <>
                <button
                  type="button"
                  data-testid="rebinarize-open"
                  onClick={() => void open()}
                  className="text-sky-700 hover:underline"
                >
                  Open them as a dataset
                </button>{" "}
                (binarized views; Export writes the ultrafeedback_binarized layout)
              </>
            ) : (
              <span className="text-slate-600">(a server keeps only the datasets it was started with)</span>
            )}
          </p>
          {built.comparison ? (
            <Changes comparison={built.comparison} against={built.against ?? ""} />
          ) : (
            <p className="text-slate-600">Open a published binarized split too to see which pairs differ from it.</p>
          )}
        </div>
      )}
    </section>
  );
}

function Changes({ comparison, against }: { comparison: Comparison; against: string }) {
  return (
    <div className="flex flex-col gap-1">
      <p data-testid="rebinarize-changed" data-count={comparison.changed}>
        <strong className="tabular-nums">{fmt(comparison.changed)}</strong> of {fmt(comparison.matched)} prompts also in{" "}
        {against} get another chosen answer
        {comparison.matched > 0 && ` (${((100 * comparison.changed) / comparison.matched).toFixed(1)}%)`}
        {comparison.examples.length > 0 &&
          comparison.changed > comparison.examples.length &&
          `; the first ${comparison.examples.length}:`}
        {comparison.examples.length > 0 && comparison.changed <= comparison.examples.length && ":"}
      </p>
      {comparison.examples.length > 0 && (
        <table className="w-full table-fixed border-collapse">
          <thead>
            <tr className="text-left text-slate-600">
              <th className="w-14 px-1 font-medium">raw row</th>
              <th className="px-1 font-medium">prompt</th>
              <th className="px-1 font-medium">published chosen (its score)</th>
              <th className="px-1 font-medium">re-binarized chosen (score by the rule, model)</th>
            </tr>
          </thead>
          <tbody>
            {comparison.examples.map((x) => (
              <tr key={x.rawRow} data-testid="rebinarize-example" className="border-t border-slate-100 align-top">
                <td className="px-1 tabular-nums">{x.rawRow}</td>
                <td className="px-1 break-words">{cut(x.prompt, 160)}</td>
                <td className="px-1 break-words">
                  <span className="mr-1 rounded bg-slate-100 px-1 tabular-nums">{score(x.publishedScore)}</span>
                  {cut(x.publishedChosen, 180)}
                </td>
                <td className="px-1 break-words">
                  <span className="mr-1 rounded bg-emerald-100 px-1 tabular-nums">{score(x.score)}</span>
                  <span className="font-medium">{x.chosenModel}</span> {cut(x.chosen, 180)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
