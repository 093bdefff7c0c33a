"use client";
import { useEffect, useState } from "react";
import { formatBytes, type CatalogSplit } from "@/lib/datasets/catalog";
import { findConversion, type Conversion } from "@/lib/datasets/conversion";
import { fetchInReader } from "@/lib/ingest/reader";

/** Asks the Hub (at `base`) for a split's Parquet conversion while the catalog is open. */
export function useConversion(
  base: string,
  repo: string,
  split: CatalogSplit,
  mayAsk: (url: string) => boolean,
): Conversion | "checking" | null {
  const [found, setFound] = useState<{ key: string; c: Conversion } | null>(null);
  const spec = split.conversion;
  const key = `${base} ${repo} ${split.name}`;
  const allowed = mayAsk(base);
  useEffect(() => {
    if (!spec || !allowed) return;
    const controller = new AbortController();
    findConversion(base, repo, spec, fetchInReader, controller.signal).then(
      (c) => setFound({ key, c }),
      () => undefined,
    );
    return () => controller.abort();
  }, [base, repo, spec, key, allowed]);
  if (!spec) return null;
  if (!allowed) return { state: "none", reason: `${base} is not an address this page reads from without asking` };
  return found?.key === key ? found.c : "checking";
}

/** What the row says of the conversion, and whether a plain Load reads it (only when it holds the whole split). */
export function ConversionLine({ conversion, split }: { conversion: Conversion | "checking"; split: CatalogSplit }) {
  const state = conversion === "checking" ? "checking" : conversion.state;
  let text: string;
  if (conversion === "checking") text = "Parquet conversion: asking the Hub…";
  else if (conversion.state === "none") text = `No Parquet conversion: ${conversion.reason}.`;
  else {
    const files = `${conversion.files.length} file${conversion.files.length === 1 ? "" : "s"} · ${formatBytes(conversion.bytes)}`;
    text =
      conversion.state === "complete"
        ? `Parquet conversion of the whole split (${files}, the files the Hub's own viewer reads): Load reads it, by ranges, first rows first.`
        : `The Hub's Parquet conversion holds only the first part of this split (${files}, in ${conversion.folder}): Load reads the ${split.files.length} original files.`;
  }
  return (
    <p data-testid="catalog-conversion" data-state={state} className="mt-1 text-xs break-words text-slate-600">
      {text}
    </p>
  );
}
