"use client";
import { cutText } from "@/lib/text/format";
import type { WorkspaceState } from "@/lib/datasets/workspace";
import { useState } from "react";
import { LoadError, LoadProgressBar, LoadWarnings, ServerLoadBar } from "@/components/loader/load-status";
import type { Served } from "@/lib/server/protocol";
import { useWorkspace } from "@/components/query/workspace";
import type { Asking } from "./use-shown-dataset";
import { activeClauses } from "@/lib/filters/where";
import type { Clause, LoadedDataset } from "@/lib/types";

const NOTICE =
  "flex flex-wrap items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900";
const BUTTON = "rounded border border-amber-300 bg-white px-2 py-0.5 hover:bg-amber-100";

interface Props {
  state: WorkspaceState;
  missing: string | null;
  asking: Asking | null;
  badBase: { text: string; used: string; dismiss: () => void } | null;
  /** A filter of the link that cannot apply in this page yet, and how to drop it. */
  pending?: { testId: string; text: string; drop: () => void } | null;
  /** The dataset asked for is still loading on the server. */
  servedLoad?: Served | null;
}

/**
 * Loads in progress (each with its Cancel), failures (each with Retry where trying again can help),
 * what must be opened again, a link's request to read from an unknown host, and a link's Hub address
 * that cannot be used.
 */
export function StatusBars({ state, missing, asking, badBase, pending, servedLoad }: Props) {
  const ws = useWorkspace();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const warned = [...state.datasets.values()].filter(
    (d) => d.warnings?.length && !d.loading && !dismissed.has(d.table),
  );
  return (
    <>
      {state.loads.map((load) => (
        <LoadProgressBar key={load.key} load={load} />
      ))}
      {warned.map((d) => (
        <LoadWarnings
          key={d.table}
          name={d.name}
          messages={d.warnings!}
          onDismiss={() => setDismissed(new Set(dismissed).add(d.table))}
        />
      ))}
      {servedLoad && <ServerLoadBar served={servedLoad} />}
      {state.serverGone && (
        <div role="alert" data-testid="server-gone" className={NOTICE}>
          <span className="min-w-0 flex-1 break-words">{state.serverGone}</span>
          <button type="button" data-testid="server-retry" onClick={() => void ws?.retryServer()} className={BUTTON}>
            Retry
          </button>
        </div>
      )}
      {state.failures.map((failure, i) => (
        <LoadError key={i} failure={failure} onDismiss={() => ws?.dismiss(failure)} />
      ))}
      {asking && (
        <div role="alertdialog" aria-labelledby="link-host-text" data-testid="link-host" className={NOTICE}>
          <span id="link-host-text" className="min-w-0 flex-1 break-words">
            This link asks to read data from{" "}
            {asking.hosts.map((h, i) => (
              <span key={h}>
                {i > 0 && ", "}
                <strong data-testid="link-host-name" className="font-mono">
                  {h}
                </strong>
              </span>
            ))}
            , which this page does not read from unless you say so.
          </span>
          <button type="button" data-testid="link-host-read" onClick={asking.read} className={BUTTON}>
            Read from {asking.hosts.length === 1 ? asking.hosts[0] : "them"}
          </button>
          <button type="button" data-testid="link-host-decline" onClick={asking.decline} className={BUTTON}>
            Don’t
          </button>
        </div>
      )}
      {badBase && (
        <div role="status" data-testid="bad-base" className={NOTICE}>
          <span className="min-w-0 flex-1 break-words">
            The link’s Hub address <span className="font-mono">“{cut(badBase.text)}”</span> is not an http(s) address;
            splits are read from <span className="font-mono">{badBase.used}</span>.
          </span>
          <button type="button" onClick={badBase.dismiss} className={BUTTON}>
            Dismiss
          </button>
        </div>
      )}
      {missing && <div className={NOTICE}>{missing}</div>}
      {pending && (
        <div role="status" data-testid={pending.testId} className={NOTICE}>
          <span className="min-w-0 flex-1 break-words">{pending.text}</span>
          <button type="button" onClick={pending.drop} className={BUTTON}>
            Remove the filter
          </button>
        </div>
      )}
    </>
  );
}

const cut = (text: string) => (text.length > 120 ? `${cutText(text, 120)}…` : text);

/**
 * A link's `overlap=` that the page cannot apply yet (overlaps are computed in the page): what it
 * waits for, and a way to drop it. Null when there is none or it applies.
 */
export function staleOverlap(
  ds: LoadedDataset,
  clauses: Clause[],
  noun: readonly [string, string],
  onClauses: (clauses: Clause[]) => void,
) {
  const c = clauses.find((x) => x.field === "overlap");
  if (c?.op !== "is" || activeClauses(ds, [c]).length > 0) return null;
  return {
    testId: "overlap-stale",
    text: `This link lists the ${noun[1]} that overlap “${c.value}”, but overlaps are compared in the page: open that dataset beside this one and press Compare under Checks. Until then every ${noun[0]} is listed.`,
    drop: () => onClauses(clauses.filter((x) => x.field !== "overlap")),
  };
}
