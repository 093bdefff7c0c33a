/**
 * The search index: for each row, a signature of the three-byte pieces (trigrams) of its search text
 * — the row's text lowercased by the engine, as UTF-8 — each piece hashed to one of 2,048 bits, kept
 * as 32 unsigned 64-bit columns beside the text. A row that holds a needle holds every trigram of
 * it, so its signature has every bit of the needle's: the rows whose signature lacks one of them
 * cannot match, and the substring scan reads only the others. The scan still decides, so a search
 * through the index finds exactly the rows the scan alone finds.
 */

/** How many 64-bit words a signature has (2,048 bits: 256 bytes a row). */
export const GRAM_WORDS = 32;
const BITS = Math.log2(GRAM_WORDS * 64);

/** The columns of a signature, word by word. */
export const gramColumns: readonly string[] = Array.from({ length: GRAM_WORDS }, (_, i) => `__g${i}`);

/** The bit a trigram (three bytes, the first in the high byte) sets: a multiplicative hash's top bits. */
const bitOf = (trigram: number) => Math.imul(trigram, 0x9e3779b1) >>> (32 - BITS);

/**
 * Sets, in `words` (32-bit halves, `GRAM_WORDS * 2` from `base`, low half first), the bit of every
 * trigram of `bytes` from `start` to `end`.
 */
export function addTrigrams(bytes: Uint8Array, start: number, end: number, words: Uint32Array, base: number) {
  let h = 0;
  for (let p = start; p < end; p++) {
    h = ((h << 8) | bytes[p]!) & 0xffffff;
    if (p - start >= 2) {
      const bit = bitOf(h);
      words[base + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  }
}

/**
 * The signatures of texts given as Arrow's UTF-8 layout (offsets into one buffer of bytes), one per
 * text in order, as `GRAM_WORDS` columns of 64-bit words; a missing text has no bit set.
 */
export function signaturesOf(
  parts: readonly { offsets: ArrayLike<number | bigint>; bytes: Uint8Array; length: number }[],
): BigUint64Array[] {
  const count = parts.reduce((n, p) => n + p.length, 0);
  const words = new Uint32Array(count * GRAM_WORDS * 2);
  let row = 0;
  for (const { offsets, bytes, length } of parts) {
    for (let i = 0; i < length; i++, row++)
      addTrigrams(bytes, Number(offsets[i]), Number(offsets[i + 1]), words, row * GRAM_WORDS * 2);
  }
  const all = new BigUint64Array(words.buffer);
  return gramColumns.map((_, w) => {
    const column = new BigUint64Array(count);
    for (let r = 0; r < count; r++) column[r] = all[r * GRAM_WORDS + w]!;
    return column;
  });
}

/**
 * Characters a needle may hold for the index to answer it: ASCII, and characters without case
 * (`uncased` in lib/sql/search.ts). Lowercasing those is the same in the page and in the engine (the
 * engine's own test checks every code point), so the page knows the needle's bytes as the engine
 * matches them.
 */
const INDEXABLE = /^[\x00-\x7f\p{Lo}\p{Lm}\p{Nd}\p{P}\p{Zs}]+$/u;

/**
 * The bits a row's signature must have to hold the needle: word by word, those with any bit. Null
 * when the index cannot narrow the search (a needle under three bytes, or with a character of case
 * beyond ASCII): the scan then reads every row.
 */
export function needleMasks(needle: string): { word: number; mask: bigint }[] | null {
  if (!INDEXABLE.test(needle)) return null;
  const bytes = new TextEncoder().encode(needle.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  if (bytes.length < 3) return null;
  const words = new Uint32Array(GRAM_WORDS * 2);
  addTrigrams(bytes, 0, bytes.length, words, 0);
  const all = new BigUint64Array(words.buffer);
  return [...all].flatMap((mask, word) => (mask === 0n ? [] : [{ word, mask }]));
}

/**
 * The SQL test that a row's signature has every bit of the masks (numbers only: no text of the
 * needle enters the statement).
 */
export const gramTest = (masks: readonly { word: number; mask: bigint }[], prefix = "") =>
  masks.map(({ word, mask }) => `(${prefix}${gramColumns[word]} & ${mask}::UBIGINT) = ${mask}::UBIGINT`).join(" AND ");
