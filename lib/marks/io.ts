import { isScope } from "./keys";
import { isMark, type MarkEntry } from "./types";

/** The marks as JSON Lines, one object per mark: dataset, key, completion, mark, note, marked_at. */
export function marksJsonl(entries: readonly MarkEntry[]): string {
  const sorted = [...entries].sort(
    (a, b) =>
      a.scope.localeCompare(b.scope) || a.key.localeCompare(b.key) || (a.completion ?? -1) - (b.completion ?? -1),
  );
  return sorted
    .map((e) =>
      JSON.stringify({
        dataset: e.scope,
        key: e.key,
        completion: e.completion,
        mark: e.mark,
        note: e.note,
        marked_at: e.marked_at,
      }),
    )
    .map((l) => `${l}\n`)
    .join("");
}

export interface ParsedMarks {
  /** By the scope each line names (lines that name none: the scope of the dataset open). */
  entries: MarkEntry[];
  /** Lines that are not marks, each naming the file, line and what is wrong. */
  errors: string[];
  lines: number;
}

/**
 * Reads a marks file (JSON Lines as `marksJsonl` writes it). A line that is not a mark is reported by
 * its number and left out; nothing else is left out. Lines without `dataset` belong to `scope`.
 */
export function parseMarks(text: string, file: string, scope: string, now: string): ParsedMarks {
  const entries: MarkEntry[] = [];
  const errors: string[] = [];
  let lines = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    lines++;
    const at = `${file}, line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      errors.push(`${at}: not JSON (${(e as Error).message})`);
      return;
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      errors.push(`${at}: not a JSON object`);
      return;
    }
    const o = v as Record<string, unknown>;
    const key = typeof o.key === "number" && Number.isFinite(o.key) ? String(o.key) : o.key;
    if (typeof key !== "string" || key === "") {
      errors.push(`${at}: "key" must be a non-empty string`);
      return;
    }
    const mark = o.mark ?? null;
    if (mark !== null && !isMark(mark)) {
      errors.push(`${at}: "mark" must be keep, discard, review, swap or null, not ${JSON.stringify(mark)}`);
      return;
    }
    const completion = o.completion ?? null;
    if (completion !== null && !(Number.isInteger(completion) && (completion as number) >= 0)) {
      errors.push(`${at}: "completion" must be a completion's position (0, 1, …) or null`);
      return;
    }
    const note = o.note ?? "";
    if (typeof note !== "string") {
      errors.push(`${at}: "note" must be text`);
      return;
    }
    if (mark === null && note.trim() === "") {
      errors.push(`${at}: neither a mark nor a note`);
      return;
    }
    const named = o.dataset ?? scope;
    if (typeof named !== "string" || !isScope(named)) {
      errors.push(`${at}: "dataset" is not the name of a marks dataset`);
      return;
    }
    const markedAt = typeof o.marked_at === "string" && o.marked_at !== "" ? o.marked_at : now;
    entries.push({ scope: named, key, completion: completion as number | null, mark, note, marked_at: markedAt });
  });
  return { entries, errors, lines };
}
