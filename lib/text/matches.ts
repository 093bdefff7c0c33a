export interface Piece {
  text: string;
  match: boolean;
}

/**
 * Splits text around case-insensitive occurrences of `needle`. Where lower-casing changes the
 * length of the text (a few non-ASCII letters), offsets would not line up, so nothing is marked.
 */
export function splitMatches(text: string, needle: string): Piece[] {
  const n = needle.trim() === "" ? "" : needle;
  if (n === "" || text === "") return [{ text, match: false }];
  const hay = text.toLowerCase();
  const low = n.toLowerCase();
  if (hay.length !== text.length) return [{ text, match: false }];
  const out: Piece[] = [];
  let from = 0;
  for (let at = hay.indexOf(low); at !== -1; at = hay.indexOf(low, at + low.length)) {
    if (at > from) out.push({ text: text.slice(from, at), match: false });
    out.push({ text: text.slice(at, at + low.length), match: true });
    from = at + low.length;
  }
  if (from < text.length) out.push({ text: text.slice(from), match: false });
  return out.length ? out : [{ text, match: false }];
}
