"use client";
import { useEffect, useState } from "react";
import type { Engine } from "@/lib/engine/types";
import { fetchRawMatch, type RawMatch } from "@/lib/data/feedback";
import type { RecordData } from "@/lib/data/record";
import type { DatasetRef } from "@/lib/sql/list";
import { CompletionsView } from "./completions-view";

export interface RawLink {
  engine: Engine | null;
  /** The raw UltraFeedback rows loaded beside the pairs, if any. */
  raw: (DatasetRef & { name: string }) | null;
  onOpenRaw: (row: number) => void;
  /** Offered when the raw rows of these pairs are known but not loaded. */
  onLoadRaw: (() => void) | null;
}

type Pair = Extract<RecordData, { kind: "pair" }>;

/** All four original completions of a binarized prompt, with the chosen and rejected one marked. */
export function RawCompletions({ pair, link, query }: { pair: Pair; link: RawLink; query: string }) {
  const { engine, raw } = link;
  const key = raw ? `${raw.table}:${pair.row}` : "";
  const [loaded, setLoaded] = useState<{ key: string; match: RawMatch | null } | null>(null);
  useEffect(() => {
    if (!engine || !raw) return;
    let live = true;
    fetchRawMatch(engine, raw, pair).then(
      (match) => live && setLoaded({ key, match }),
      () => live && setLoaded({ key, match: null }),
    );
    return () => {
      live = false;
    };
  }, [engine, raw, pair, key]);

  if (!raw) {
    return (
      <div
        data-testid="raw-link"
        className="rounded-lg border border-dashed border-slate-300 p-3 text-sm text-slate-600"
      >
        Load the raw UltraFeedback rows too to see all four completions of this prompt, with their ratings, and which
        two were picked.
        {link.onLoadRaw && (
          <button
            type="button"
            data-testid="load-raw"
            onClick={link.onLoadRaw}
            className="ml-2 rounded bg-sky-600 px-2 py-0.5 text-white hover:bg-sky-700"
          >
            Load raw UltraFeedback sample
          </button>
        )}
      </div>
    );
  }
  const match = loaded?.key === key ? loaded.match : undefined;
  return (
    <section data-testid="raw-link" className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        All completions in raw UltraFeedback · {raw.name}
      </h3>
      {match === undefined && <p className="text-sm text-slate-500">Looking up the raw row…</p>}
      {match === null && (
        <p className="text-sm text-slate-600">No raw UltraFeedback row has this prompt as its instruction.</p>
      )}
      {match && (
        <>
          <p className="text-sm text-slate-600">
            Raw row{" "}
            <button
              type="button"
              data-testid="open-raw"
              className="font-semibold text-sky-700 underline"
              onClick={() => link.onOpenRaw(match.record.row)}
            >
              #{match.record.row.toLocaleString("en-US")}
            </button>
            {match.rows > 1 ? ` (one of ${match.rows} raw rows with this instruction)` : ""}.{" "}
            {match.chosen === null && "The chosen answer is not among its completions. "}
            {match.rejected === null && "The rejected answer is not among its completions."}
          </p>
          <CompletionsView record={match.record} query={query} picked={match} />
        </>
      )}
    </section>
  );
}
