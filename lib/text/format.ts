const whole = new Intl.NumberFormat("en-US");

/** A count with thousands separators (12,345). One formatter for all: `toLocaleString` builds one per call. */
export const fmt = (n: number) => whole.format(n);

/**
 * Data text set inside the app's own plain text (an option of a list, a tooltip), isolated as <bdi>
 * isolates it in markup: between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/** "1 row", "2 rows". */
export const count = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

const graphemes =
  typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("und", { granularity: "grapheme" }) : null;

/**
 * The start of a text, at most `max` UTF-16 units, cut between two characters as a reader sees them:
 * never inside a surrogate pair (an emoji) or a cluster of marks and joiners.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (graphemes) {
    let end = 0;
    for (const { index } of graphemes.segment(text.slice(0, max + 32))) {
      if (index > max) break;
      end = index;
    }
    return text.slice(0, end);
  }
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
