"use client";
import { useState } from "react";
import {
  CATALOG,
  fileUrl,
  formatBytes,
  hubBaseProblem,
  resolveReference,
  type CatalogSplit,
} from "@/lib/datasets/catalog";
import { ConversionLine, useConversion } from "@/components/loader/conversion-line";
import { specOf } from "@/lib/layouts/registry";
import { loadNeed, memoryBudget } from "@/lib/ingest/memory";
import { Modal } from "@/components/ui/modal";
import { fmt } from "@/lib/text/format";

interface Props {
  base: string;
  defaultBase: string;
  onBase: (base: string | null) => void;
  /** `conversion`: the Hub's Parquet conversion of the split instead of its files. */
  onLoadSplit: (repo: string, split: string, files: string[] | null, conversion: boolean) => void;
  onOpenUrl: (url: string, name: string) => void;
  onClose: () => void;
  /** Whether the page may ask this address without the user's yes (a Hub address from a link may not). */
  mayAsk: (url: string) => boolean;
  /** What this browser keeps (see `StoredList`). */
  children?: React.ReactNode;
}

const deviceMemory = () =>
  typeof navigator === "undefined" ? undefined : (navigator as Navigator & { deviceMemory?: number }).deviceMemory;

function SplitRow({
  base,
  mayAsk,
  repo,
  split,
  onLoad,
}: {
  base: string;
  mayAsk: (url: string) => boolean;
  repo: string;
  split: CatalogSplit;
  onLoad: (files: string[] | null, conversion: boolean) => void;
}) {
  const [picked, setPicked] = useState<string[] | null>(null);
  const conversion = useConversion(base, repo, split, mayAsk);
  const whole = conversion !== null && conversion !== "checking" && conversion.state !== "none" ? conversion : null;
  // The conversion is read by default when it holds every row and no file was picked.
  const useConversionByDefault = whole?.state === "complete" && picked === null;
  const chosen = split.files.filter((f) => !picked || picked.includes(f.path));
  const planned = useConversionByDefault
    ? whole.files.map((f) => ({ name: f.path, bytes: f.bytes }))
    : chosen.map((f) => ({ name: f.path, bytes: f.bytes }));
  const bytes = planned.reduce((s, f) => s + f.bytes, 0);
  const budget = memoryBudget(deviceMemory());
  const { need, compressed } = loadNeed(planned, budget);
  const fits = need <= budget;
  const rows = picked
    ? chosen.reduce<number | null>((s, f) => (s === null || f.rows === null ? null : s + f.rows), 0)
    : split.rows;
  const id = `${repo}:${split.name}`;
  const original = `${split.files.length} original file${split.files.length === 1 ? "" : "s"}`;
  return (
    <li data-testid="catalog-split" data-split={id} className="rounded border border-slate-200 p-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold">{split.name}</span>
        <span className="text-slate-600 tabular-nums">
          {rows === null ? "rows unknown" : `${split.rowsApproximate ? "~" : ""}${fmt(rows)} rows`}
        </span>
        <span className="text-slate-600 tabular-nums">
          {useConversionByDefault
            ? `Parquet conversion · ${formatBytes(bytes)}`
            : `${chosen.length} of ${split.files.length} file${split.files.length === 1 ? "" : "s"} · ${formatBytes(bytes, true)}`}
        </span>
        <span className={fits ? "text-slate-600" : "font-semibold text-rose-700"} title="Estimated memory once loaded">
          needs {formatBytes(need, true)} in memory{compressed ? " (compressed as it loads)" : ""}
          {fits ? "" : " — more than this page can hold"}
        </span>
        <span className="ml-auto flex flex-wrap gap-1">
          {useConversionByDefault && (
            <button
              type="button"
              data-testid={`catalog-load-original-${id}`}
              onClick={() => onLoad(null, false)}
              className="rounded border border-slate-300 px-2 py-0.5 text-slate-800 hover:bg-slate-100"
            >
              Load the {original}
            </button>
          )}
          {whole?.state === "partial" && (
            <button
              type="button"
              data-testid={`catalog-load-conversion-${id}`}
              onClick={() => onLoad(null, true)}
              className="rounded border border-slate-300 px-2 py-0.5 text-slate-800 hover:bg-slate-100"
            >
              Load the partial conversion
            </button>
          )}
          <button
            type="button"
            data-testid={`catalog-load-${id}`}
            data-source={useConversionByDefault ? "conversion" : "files"}
            disabled={chosen.length === 0}
            onClick={() => onLoad(picked && picked.length < split.files.length ? picked : null, useConversionByDefault)}
            className="rounded bg-sky-700 px-3 py-0.5 text-white hover:bg-sky-800 disabled:opacity-40"
          >
            Load
          </button>
        </span>
      </div>
      {conversion !== null && <ConversionLine conversion={conversion} split={split} />}
      {split.files.length > 1 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-slate-600">files</summary>
          <ul className="mt-1 grid gap-0.5 text-xs">
            {split.files.map((f) => (
              <li key={f.path}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={!picked || picked.includes(f.path)}
                    onChange={(e) => {
                      const all = picked ?? split.files.map((x) => x.path);
                      const next = e.target.checked ? [...all, f.path] : all.filter((p) => p !== f.path);
                      setPicked(split.files.map((x) => x.path).filter((p) => next.includes(p)));
                    }}
                  />
                  <span className="font-mono">{f.path}</span>
                  <span className="ml-auto text-slate-600 tabular-nums">
                    {f.rows !== null ? `${fmt(f.rows)} rows · ` : ""}
                    {formatBytes(f.bytes, f.approximate)}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** The published splits, what each costs, a base URL for mirrors, and any address to open. */
export function CatalogPanel({ base, defaultBase, onBase, onLoadSplit, onOpenUrl, onClose, mayAsk, children }: Props) {
  const [address, setAddress] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [baseText, setBaseText] = useState(base);
  const [baseProblem, setBaseProblem] = useState<string | null>(null);

  function open() {
    const resolved = resolveReference(address, base);
    if ("problem" in resolved) setProblem(resolved.problem);
    else {
      setProblem(null);
      // An hf:// reference stays one in the page URL, so the link follows the Hub address in use.
      const ref = address.trim();
      onOpenUrl(ref.startsWith("hf://") ? ref : resolved.url, resolved.name);
    }
  }

  return (
    <Modal
      labelledBy="catalog-title"
      onClose={onClose}
      placement="right"
      testId="catalog"
      className="flex h-full w-full max-w-3xl flex-col gap-3 overflow-y-auto bg-white p-4 text-sm shadow-xl"
    >
      <div className="flex items-center">
        <h2 id="catalog-title" className="text-base font-semibold">
          Open from Hugging Face
        </h2>
        <button type="button" onClick={onClose} className="ml-auto rounded px-2 text-slate-600 hover:bg-slate-100">
          Close
        </button>
      </div>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          open();
        }}
      >
        <input
          data-testid="url-input"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="hf://datasets/<owner>/<name>/<file> or https://…/file.parquet"
          className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
        />
        <button
          type="submit"
          data-testid="url-open"
          className="rounded bg-sky-700 px-3 py-1 text-white hover:bg-sky-800"
        >
          Open
        </button>
        {problem && (
          <p data-testid="url-problem" className="w-full text-rose-700">
            {problem}
          </p>
        )}
      </form>
      <form
        className="flex flex-wrap items-center gap-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          const text = baseText.trim().replace(/\/+$/, "");
          const problem = hubBaseProblem(text);
          setBaseProblem(problem);
          if (!problem) onBase(text === "" || text === defaultBase ? null : text);
        }}
      >
        <label htmlFor="hub-base" className="text-slate-600">
          Hub address (a mirror or a local copy with the same paths)
        </label>
        <input
          id="hub-base"
          data-testid="hub-base"
          value={baseText}
          onChange={(e) => setBaseText(e.target.value)}
          className="min-w-[16rem] flex-1 rounded border border-slate-300 px-2 py-0.5 font-mono"
        />
        <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">
          Use
        </button>
        {base !== defaultBase && (
          <button
            type="button"
            onClick={() => {
              setBaseText(defaultBase);
              setBaseProblem(null);
              onBase(null);
            }}
            className="rounded px-2 py-0.5 text-sky-700 hover:bg-sky-50"
          >
            Back to {defaultBase}
          </button>
        )}
        {baseProblem && (
          <p data-testid="hub-base-problem" className="w-full text-rose-700">
            {baseProblem}
          </p>
        )}
      </form>
      <p className="text-xs text-slate-600">
        Files load from <span className="font-mono break-all">{fileUrl(base, "<owner>/<name>", "<file>")}</span>.
        Parquet is read by range requests where the server allows them; the first rows show while the rest streams in.
        Sizes and memory are estimates.
      </p>
      {children}
      {CATALOG.map((d) => (
        <section key={d.repo} className="flex flex-col gap-1">
          <h3 className="font-semibold text-slate-800">
            {d.label} <span className="font-mono text-xs font-normal text-slate-600">{d.repo}</span>
            <span className="ml-2 text-xs font-normal text-slate-600">{specOf(d.layout).label}</span>
          </h3>
          <ul className="grid gap-1">
            {d.splits.map((s) => (
              <SplitRow
                key={s.name}
                base={base}
                mayAsk={mayAsk}
                repo={d.repo}
                split={s}
                onLoad={(files, conversion) => onLoadSplit(d.repo, s.name, files, conversion)}
              />
            ))}
          </ul>
        </section>
      ))}
    </Modal>
  );
}
