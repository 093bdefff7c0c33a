import type { Params } from "../sql/params";

/**
 * Text tests shared by the checks, each as SQL and as the same rule in JavaScript (tests compare the
 * two): what counts as blank, how texts are normalized before they are compared, how a text ends.
 */

/** Spaces of every script, and control whitespace. */
const SPACE_CLASS = "\\pZ\\t\\n\\v\\f\\r";
const SPACE_JS = "\\p{Z}\\t\\n\\v\\f\\r";

/** Nothing but spaces (or NULL). */
export const blankSql = (x: string) => `regexp_full_match(coalesce(${x}, ''), '[${SPACE_CLASS}]*')`;
export const isBlank = (x: string | null | undefined) => new RegExp(`^[${SPACE_JS}]*$`, "u").test(x ?? "");

/** The text without spaces at either end. */
export const strippedSql = (x: string) =>
  `regexp_replace(coalesce(${x}, ''), '^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$', '', 'g')`;
export const stripped = (x: string | null | undefined) =>
  (x ?? "").replace(new RegExp(`^[${SPACE_JS}]+|[${SPACE_JS}]+$`, "gu"), "");

/**
 * Lower case, with punctuation, symbols and runs of spaces made one space, trimmed: "How do tide pools
 * work?" and "how do tide-pools work" compare equal; Japanese punctuation (、。？) goes too.
 */
export const normSql = (x: string) =>
  `trim(regexp_replace(lower(coalesce(${x}, '')), '[\\pP\\pS${SPACE_CLASS}]+', ' ', 'g'))`;
export const norm = (x: string | null | undefined) =>
  (x ?? "")
    .toLowerCase()
    .replace(new RegExp(`[\\p{P}\\p{S}${SPACE_JS}]+`, "gu"), " ")
    .trim();

/**
 * What two texts must share to count as the same: lower case, with every punctuation mark, symbol and
 * space removed, so "How do tide pools work?", "how do tide-pools work" and "潮だまりは、なぜ" / "潮だまりはなぜ" match.
 */
export const keySql = (x: string) => `regexp_replace(lower(coalesce(${x}, '')), '[\\pP\\pS${SPACE_CLASS}]+', '', 'g')`;
export const textKey = (x: string | null | undefined) =>
  (x ?? "").toLowerCase().replace(new RegExp(`[\\p{P}\\p{S}${SPACE_JS}]+`, "gu"), "");

/** Hiragana or katakana: the text is (at least partly) Japanese. */
export const KANA_SQL = "[\\p{Hiragana}\\p{Katakana}]";
export const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Ends on a letter, a digit or a comma: it stops mid-sentence (ends in code, a list mark or a stop do not). */
export const endsMidSentenceSql = (x: string) =>
  `regexp_matches(coalesce(${x}, ''), '[\\pL\\pN,、][${SPACE_CLASS}]*$')`;
export const endsMidSentence = (x: string | null | undefined) => /[\p{L}\p{N},、]$/u.test(stripped(x));

/**
 * Characters of the text without the spaces at either end, without rewriting it: the spaces at each
 * end are measured by patterns tied to that end, which read only those spaces.
 */
export const leadSql = (x: string) => `length(regexp_extract(coalesce(${x}, ''), '^[${SPACE_CLASS}]*'))`;
export const trailSql = (x: string) => `length(regexp_extract(coalesce(${x}, ''), '[${SPACE_CLASS}]*$'))`;

/** The phrases a list holds as they are matched: trimmed, lower case, blank lines left out. */
export const usedPhrases = (phrases: readonly string[]) => phrases.map((p) => p.trim().toLowerCase()).filter(Boolean);

/**
 * A pattern matching any of the phrases (lower case), each as plain text: every ASCII sign escaped (the
 * pattern language has no other special characters, and refuses escapes of any other).
 */
export function phrasePattern(phrases: readonly string[]): string | null {
  const used = usedPhrases(phrases);
  return used.length ? used.map((p) => p.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`)).join("|") : null;
}

/** Any of our own phrases (a list in the code) occurs in the text, in any case: the pattern as a literal. */
export function phraseMatchSql(x: string, phrases: readonly string[]): string {
  const pattern = phrasePattern(phrases);
  return pattern ? `regexp_matches(lower(coalesce(${x}, '')), '${pattern.replaceAll("'", "''")}')` : "false";
}

/**
 * Any of the phrases occurs in the text, in any case: one pattern read as a constant where the caller
 * sets constants (one pass over the text), else each phrase a bound value.
 */
export function anyPhraseSql(x: string, phrases: readonly string[], params: Params): string {
  const pattern = phrasePattern(phrases);
  if (!pattern) return "false";
  const constant = params.constant(pattern);
  if (constant) return `regexp_matches(lower(coalesce(${x}, '')), ${constant})`;
  const used = usedPhrases(phrases);
  return `(${used.map((p) => `contains(lower(coalesce(${x}, '')), ${params.add(p)})`).join(" OR ")})`;
}
export const hasAnyPhrase = (x: string | null | undefined, phrases: readonly string[]) =>
  phrases.some((p) => p.trim() !== "" && (x ?? "").toLowerCase().includes(p.trim().toLowerCase()));
