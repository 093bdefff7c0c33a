/** What a page key does; the key handler and the help overlay both read this one list. */
export type KeyAction =
  | "next"
  | "previous"
  | "open"
  | "back"
  | "list"
  | "search"
  | "nextMatch"
  | "previousMatch"
  | "models"
  | "stats"
  | "console"
  | "checks"
  | "keep"
  | "discard"
  | "review"
  | "swap"
  | "clear"
  | "note"
  | "undo"
  | "help";

/** The event the match keys send to the open record's match stepper (detail: +1 or -1). */
export const MATCH_STEP = "explorer:match-step";
/** The event the match stepper sends past a record's last (or first) match: the next (or previous) record. */
export const MATCH_NEXT_RECORD = "explorer:match-next-record";
/** The event the note key sends to the open record's mark bar. */
export const NOTE_EDIT = "explorer:note-edit";

export interface KeyBinding {
  keys: string[];
  /** Shown in the help instead of the keys themselves, where they differ. */
  shown?: string[];
  action: KeyAction;
  help: string;
}

export const KEYMAP: KeyBinding[] = [
  { keys: ["j"], shown: ["j", "↓"], action: "next", help: "next record (↓ when the list has focus)" },
  { keys: ["k"], shown: ["k", "↑"], action: "previous", help: "previous record (↑ when the list has focus)" },
  { keys: ["Enter", "o"], action: "open", help: "open the record on its own, full width" },
  { keys: ["Escape"], shown: ["Esc"], action: "back", help: "close it: back to list and record side by side" },
  { keys: ["l"], action: "list", help: "the list on its own" },
  { keys: ["/"], action: "search", help: "search all text; Enter, ↓ or Esc (which clears it) go back to the list" },
  {
    keys: ["n"],
    action: "nextMatch",
    help: "next match of the search in the open record; past its last, the next record",
  },
  { keys: ["N"], shown: ["Shift+N"], action: "previousMatch", help: "previous match of the search in the open record" },
  { keys: ["m"], action: "models", help: "per-model summary (UltraFeedback)" },
  { keys: ["s"], action: "stats", help: "charts of the rows listed; a click on a bar filters" },
  { keys: ["c"], action: "console", help: "SQL console" },
  { keys: ["x"], action: "checks", help: "checks report: the known problems of the dataset; a click lists the rows" },
  { keys: ["1"], action: "keep", help: "mark the record keep, then on to the next" },
  { keys: ["2"], action: "discard", help: "mark it discard, then on to the next" },
  { keys: ["3"], action: "review", help: "mark it review, then on to the next" },
  { keys: ["4"], action: "swap", help: "binarized pairs: mark it swap (the rejected answer is the better one)" },
  { keys: ["0"], action: "clear", help: "clear its mark" },
  { keys: ["e"], action: "note", help: "write a note on the record" },
  { keys: ["u"], action: "undo", help: "undo the last marking (one row or a bulk mark)" },
  { keys: ["?"], action: "help", help: "this help" },
];

export function actionOf(key: string): KeyAction | null {
  return KEYMAP.find((b) => b.keys.includes(key))?.action ?? null;
}
