import { fmt } from "@/lib/text/format";

/** Said while the record open (by a link, or before a filter changed) is not among the rows listed. */
export function NotListed({
  row,
  count,
  noun,
  onFirst,
}: {
  row: number;
  count: number;
  noun: string;
  onFirst: () => void;
}) {
  return (
    <p
      role="status"
      data-testid="record-not-listed"
      data-row={row}
      className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-1 text-xs text-amber-900"
    >
      <span>
        Row {fmt(row)} is not among the {fmt(count)} {noun} listed: it is shown because the link names it.
      </span>
      {count > 0 && (
        <button
          type="button"
          data-testid="record-not-listed-first"
          onClick={onFirst}
          className="rounded border border-amber-300 bg-white px-2 py-0.5 text-amber-900 hover:bg-amber-100"
        >
          Show the first listed
        </button>
      )}
    </p>
  );
}
