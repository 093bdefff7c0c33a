"use client";
import { fetchCheckGroup } from "@/lib/checks/completions";
import { checksOf } from "@/lib/checks/index";
import type { SettingsText } from "@/lib/checks/types";
import { ident } from "@/lib/sql/ident";
import { cutText, fmt } from "@/lib/text/format";
import type { DatasetRef } from "@/lib/types";
import { useQuery } from "@/components/query/use-query";

/**
 * The group a check flags this row with (its duplicates): every row of it, this one marked, each with
 * the start of its text so the ways they differ (case, spaces, punctuation) show; a click opens one.
 */
export function CheckGroup({
  ds,
  row,
  checkId,
  checks,
  onOpenRow,
}: {
  ds: DatasetRef;
  row: number;
  checkId: string;
  checks?: SettingsText;
  onOpenRow?: (row: number) => void;
}) {
  const group = useQuery(
    [ds.table, row, checkId, JSON.stringify(checks ?? {}), "group"],
    async (db) => {
      const group = await fetchCheckGroup(db, ds, checkId, checks, row);
      if (!group || group.total < 2) return null;
      const rows = group.rows;
      const { rows: texts } = await db.query(
        `SELECT __row, __preview FROM ${ident(ds.table)} WHERE __row IN (SELECT unnest($1::BIGINT[])) ORDER BY __row`,
        [JSON.stringify(rows)],
      );
      return {
        total: group.total,
        members: texts.map((t) => ({ row: Number(t.__row), text: String(t.__preview ?? "") })),
      };
    },
    "list",
    ds.engine,
  );
  if (!group.data) return null;
  const { members, total } = group.data;
  const title = checksOf(ds.layout).find((c) => c.id === checkId)?.title ?? checkId;
  return (
    <aside
      data-testid="check-group"
      data-rows={members.map((m) => m.row).join(",")}
      data-total={total}
      aria-label={`${title}: the group of row ${row}`}
      className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      <p>
        <span className="font-semibold">{title}</span>: this row is one of a group of {fmt(total)}.
      </p>
      <ul className="mt-1 flex flex-col gap-0.5">
        {members.map((m) => (
          <li key={m.row} className="flex items-baseline gap-2">
            {m.row === row ? (
              <span aria-current="true" className="min-h-6 w-24 shrink-0 font-semibold tabular-nums">
                row {fmt(m.row)} (this)
              </span>
            ) : (
              <button
                type="button"
                data-testid="check-group-row"
                data-row={m.row}
                onClick={() => onOpenRow?.(m.row)}
                className="min-h-6 w-24 shrink-0 rounded text-left text-sky-800 tabular-nums underline hover:bg-amber-100"
              >
                row {fmt(m.row)}
              </button>
            )}
            <bdi className="min-w-0 truncate">{cutText(m.text, 200)}</bdi>
          </li>
        ))}
      </ul>
      {total > members.length && (
        <p className="mt-1 text-amber-900">
          …and {fmt(total - members.length)} more of the group: the list with this check holds them all.
        </p>
      )}
    </aside>
  );
}
