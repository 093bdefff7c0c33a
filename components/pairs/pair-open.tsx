"use client";
import { useState } from "react";
import { CATALOG, remoteId } from "@/lib/datasets/catalog";
import { SAMPLES, type SampleDataset } from "@/lib/datasets/samples";
import { isolate } from "@/lib/text/format";
import type { LoadedDataset } from "@/lib/types";
import { OptionGroup } from "@/components/ui/option-group";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useMenuSide } from "@/components/ui/use-menu-side";

interface Props {
  ds: LoadedDataset;
  /** Datasets open in the page (the one on screen left out here). */
  opened: readonly LoadedDataset[];
  /** The partner open now, if any. */
  current: string | null;
  onPick: (id: string) => void;
  onFiles: (files: File[]) => void;
  /** An address the user typed (read without asking, as the catalog's address box does). */
  onUrl: (url: string) => void;
}

const sampleItem = (s: SampleDataset) => ({ id: s.id, label: `${s.label} (${s.rows} rows)` });

const FIELD = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * "Compare with…": opens a second dataset beside the one on screen as its partner — a translation or
 * another version — from the samples, the open datasets, the Hub's catalog, a file or an address.
 */
export function PairOpen({ ds, opened, current, onPick, onFiles, onUrl }: Props) {
  const [box, close] = useDismiss();
  const side = useMenuSide(box);
  const [url, setUrl] = useState("");
  const suggested = SAMPLES.filter(
    (s) => s.id !== ds.id && (s.partnerOf === ds.id || SAMPLES.find((x) => x.id === ds.id)?.partnerOf === s.id),
  );
  const others = SAMPLES.filter((s) => s.id !== ds.id && !suggested.includes(s));
  const pick = (id: string) => {
    if (!id) return;
    close();
    onPick(id);
  };
  return (
    <details ref={box} data-testid="pair-open" className="relative">
      <summary
        className="cursor-pointer list-none rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100"
        title="Open a translation or another version of this dataset beside it, aligned row by row"
      >
        Compare with…
      </summary>
      <div
        className={`absolute ${side} z-30 mt-1 flex w-80 flex-col gap-3 rounded border border-slate-300 bg-white p-3 text-xs shadow-lg`}
      >
        <p className="text-slate-600">
          A translation or another version of <bdi>{isolate(ds.name)}</bdi>, aligned with it by its layout&apos;s key.
        </p>
        <label className="flex flex-col gap-1">
          <span className="font-medium text-slate-700">A dataset</span>
          <select
            data-testid="pair-pick"
            className={FIELD}
            value={current ?? ""}
            onChange={(e) => pick(e.target.value)}
          >
            <option value="">Choose…</option>
            <OptionGroup label="Its translation or other version" items={suggested.map(sampleItem)} />
            <OptionGroup
              label="Opened"
              items={opened.map((o) => ({ id: o.id, label: `${isolate(o.name)} (${o.rows} rows)` }))}
            />
            <OptionGroup label="Bundled samples" items={others.map(sampleItem)} />
            <OptionGroup
              label="Hugging Face Hub"
              items={CATALOG.flatMap((d) =>
                d.splits.map((s) => ({ id: remoteId(d.repo, s.name, null), label: `${d.label} · ${s.name}` })),
              )}
            />
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium text-slate-700">A file from this computer</span>
          <input
            type="file"
            data-testid="pair-file"
            multiple
            accept=".jsonl,.json,.parquet"
            className="text-xs"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              if (files.length) {
                close();
                onFiles(files);
              }
            }}
          />
        </label>
        <form
          className="flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^https?:\/\//i.test(url.trim())) return;
            close();
            onUrl(url.trim());
          }}
        >
          <label className="flex flex-col gap-1">
            <span className="font-medium text-slate-700">An address (http or https)</span>
            <input
              type="url"
              data-testid="pair-url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://…/train_0.jsonl"
              className={FIELD}
            />
          </label>
          <button type="submit" className="self-end rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100">
            Open beside
          </button>
        </form>
      </div>
    </details>
  );
}
