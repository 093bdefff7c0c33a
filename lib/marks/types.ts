/** What a reader decided about a row (or one completion of it). */
export const MARKS = ["keep", "discard", "review", "swap"] as const;
export type Mark = (typeof MARKS)[number];

/** The marks the list filter offers: each decision, and rows without one. */
export const MARK_FILTERS = [...MARKS, "none"] as const;
export type MarkFilter = (typeof MARK_FILTERS)[number];

export const isMark = (v: unknown): v is Mark => typeof v === "string" && (MARKS as readonly string[]).includes(v);

/**
 * One mark: the row it is about (by the key that identifies it in its dataset, see `keys.ts`), the
 * completion of it (UltraFeedback; null for the whole row), the decision and a note. A mark with
 * neither decision nor note is no mark: it is removed.
 */
export interface MarkEntry {
  /** The marks' own dataset name (`ultrafeedback_binarized:train_prefs`, `generic:…`). */
  scope: string;
  key: string;
  completion: number | null;
  mark: Mark | null;
  note: string;
  /** When it was set, ISO 8601. */
  marked_at: string;
}

/** What one action asks to change: a decision, a note, or both (undefined: left as it is). */
export interface MarkChange {
  key: string;
  completion: number | null;
  mark?: Mark | null;
  note?: string;
}

export interface MarkCounts {
  keep: number;
  discard: number;
  review: number;
  swap: number;
  /** Marks on single completions. */
  completions: number;
  /** Rows with a note. */
  notes: number;
}

export const entryId = (key: string, completion: number | null) => `${key}\n${completion ?? ""}`;

export const isEmpty = (e: Pick<MarkEntry, "mark" | "note">) => e.mark === null && e.note.trim() === "";

export function countMarks(entries: Iterable<MarkEntry>): MarkCounts {
  const n: MarkCounts = { keep: 0, discard: 0, review: 0, swap: 0, completions: 0, notes: 0 };
  for (const e of entries) {
    if (e.completion !== null) {
      if (e.mark) n.completions++;
      continue;
    }
    if (e.mark) n[e.mark]++;
    if (e.note.trim()) n.notes++;
  }
  return n;
}
