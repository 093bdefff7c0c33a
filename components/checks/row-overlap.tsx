"use client";
import { overlapsOf, rowOverlaps } from "@/lib/checks/overlap";
import type { DatasetRef } from "@/lib/types";
import { fmt } from "@/lib/text/format";
import { useQuery } from "@/components/query/use-query";

const rowList = (rows: number[]) => rows.map((r) => fmt(r)).join(", ");

/** Where this row overlaps the datasets it was compared with: equal rows there, and the runs of text it shares. */
export function RowOverlap({ ds, row }: { ds: DatasetRef; row: number }) {
  const compared = overlapsOf(ds).length > 0;
  const found = useQuery(
    compared ? [ds.table, row, "overlap", ds.derived?.version ?? 0] : null,
    (db) => rowOverlaps(db, ds, row),
    "panel",
    ds.engine,
  );
  if (!compared || !found.data?.length) return null;
  return (
    <div className="mb-3 flex flex-col gap-1">
      {found.data.map((o) => (
        <aside
          key={o.other.id}
          data-testid="overlap-match"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        >
          <p className="font-semibold">
            Overlaps <bdi>{o.other.name}</bdi>
          </p>
          {o.exactRows.length > 0 && (
            <p data-testid="overlap-exact">
              The same prompt as row{o.exactRows.length === 1 ? "" : "s"} {rowList(o.exactRows)} there (ignoring case,
              spaces and punctuation).
            </p>
          )}
          {o.spans.length > 0 && (
            <>
              <p>
                Shares {o.spans.length === 1 ? "this run" : "these runs"} with row{o.rows.length === 1 ? "" : "s"}{" "}
                {rowList(o.rows)} there:
              </p>
              <ul className="list-inside list-disc">
                {o.spans.map((s, i) => (
                  <li key={i} data-testid="overlap-span" className="break-words">
                    <mark data-overlap className="bg-amber-200 px-0.5">
                      <bdi>{s}</bdi>
                    </mark>
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      ))}
    </div>
  );
}
