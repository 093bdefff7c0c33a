"use client";
import { fetchRawMatch } from "@/lib/data/feedback";
import type { PairRecord } from "@/lib/formats/canonical";
import type { DatasetRef } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";
import { CompletionsView } from "./completions-view";
import { fmt } from "@/lib/text/format";

export interface RawLink {
  /** The raw UltraFeedback rows loaded beside the pairs, if any. */
  raw: (DatasetRef & { name: string }) | null;
  onOpenRaw: (row: number) => void;
  /** Offered when the raw rows of these pairs are known but not loaded. */
  onLoadRaw: (() => void) | null;
}

/** All four original completions of a binarized prompt, with the chosen and rejected one marked. */
export function RawCompletions({ pair, link, query }: { pair: PairRecord; link: RawLink; query: string }) {
  const { raw } = link;
  const found = useQuery(
    raw ? [raw.table, pair.row, pair.prompt] : null,
    (db) => fetchRawMatch(db, raw!, pair),
    "panel",
    raw?.engine,
  );

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
            className="ml-2 rounded bg-sky-700 px-2 py-0.5 text-white hover:bg-sky-800"
          >
            Load raw UltraFeedback sample
          </button>
        )}
      </div>
    );
  }
  const match = found.pending ? undefined : (found.data ?? null);
  return (
    <section data-testid="raw-link" className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
        All completions in raw UltraFeedback · {raw.name}
      </h3>
      {match === undefined && <p className="text-sm text-slate-600">Looking up the raw row…</p>}
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
              #{fmt(match.record.row)}
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
