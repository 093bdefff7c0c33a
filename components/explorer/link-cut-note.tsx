import { LINK_LIMIT, linkPart, type LongField } from "@/lib/state/url-state";
import { fmt } from "@/lib/text/format";

const NOUN: Record<LongField, string> = { q: "search", sql: "query" };

/** Whether a long value is whole here but only in part in the link, or came from a link that held only part of it. */
export function linkCutOf(field: LongField, value: string, cut: boolean): "held" | "cut" | null {
  if (linkPart(value, LINK_LIMIT[field]) !== value) return "held";
  return cut ? "cut" : null;
}

/** Says when a link to this view does not hold the whole search or query, or when the link it came from did not. */
export function LinkCutNote({ field, value, cut }: { field: LongField; value: string; cut: boolean }) {
  const state = linkCutOf(field, value, cut);
  if (!state) return null;
  const kept = linkPart(value, LINK_LIMIT[field]).length;
  return (
    <p
      role="status"
      data-testid={`${field}-cut`}
      data-state={state}
      className="border-b border-amber-200 bg-amber-50 px-4 py-1 text-xs text-amber-900"
    >
      {state === "held"
        ? `This ${NOUN[field]} (${fmt(value.length)} characters) is too long for a link: a link to this view holds its first ${fmt(kept)}.`
        : `The link this view came from held only the first ${fmt(value.length)} characters of its ${NOUN[field]}; the rest was not in it.${field === "sql" ? " It is not run until you run it." : ""}`}
    </p>
  );
}
