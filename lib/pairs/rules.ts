/**
 * The text rules of the pair flags, as regular expressions that DuckDB (RE2) and JavaScript read alike,
 * so a test can compute every flag in plain code and compare.
 */

/** A Japanese (or Chinese) character: hiragana, katakana, han. */
export const JA_RE = "[\\p{Hiragana}\\p{Katakana}\\p{Han}]";
export const JA_JS = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** A fenced code block (an unclosed one runs to the end). */
export const CODE_RE = "```[\\s\\S]*?(```|$)";
/** A closed fenced code block, as compared between the sides. */
export const CODE_BLOCK_RE = "```[\\s\\S]*?```";

/** What a translation keeps of its original: web addresses (without trailing punctuation) and runs of digits. */
export const TOKEN_RE = "https?://[^\\s<>()\\[\\]\"']*[^\\s<>()\\[\\]\"'.,;:!?]|[0-9]+";

/** A Latin word of two letters or more. */
export const LATIN_RE = "[A-Za-z]{2,}";
/**
 * Three Latin words of two letters or more (each later one after a character that is not a letter):
 * the same as three matches of `LATIN_RE`, tested without listing them.
 */
export const LATIN3_RE = "[A-Za-z]{2}[\\s\\S]*[^A-Za-z][A-Za-z]{2}[\\s\\S]*[^A-Za-z][A-Za-z]{2}";
/** `TOKEN_RE` over text whose full-width digits are not yet read as digits (they are, token by token). */
export const TOKEN_WIDE_RE = "https?://[^\\s<>()\\[\\]\"']*[^\\s<>()\\[\\]\"'.,;:!?]|[0-9０-９]+";

/** Full-width digits, read as the ASCII ones. */
export const FULL_DIGITS = "０１２３４５６７８９";
export const ASCII_DIGITS = "0123456789";

/** Units of the original shorter than this are not held to the length band. */
export const MIN_LENGTH = 20;
/** Latin words that make a unit of a Japanese translation "left in English" (see `LATIN3_RE`). */
export const LATIN_WORDS = 3;

export interface PairSettings {
  /** The band of translation length / original length (in characters) outside which a unit is flagged. */
  ratioMin: number;
  ratioMax: number;
}

export const DEFAULT_PAIR: PairSettings = { ratioMin: 0.2, ratioMax: 2 };

/** The band from the check settings of a link (`x.ratio_min`, `x.ratio_max`), within bounds. */
export function pairSettings(text: Record<string, string[]> = {}): PairSettings {
  const read = (key: string, fallback: number) => {
    const n = Number(text[key]?.[0]);
    return Number.isFinite(n) && n > 0 && n <= 100 ? n : fallback;
  };
  const ratioMin = read("ratio_min", DEFAULT_PAIR.ratioMin);
  const ratioMax = read("ratio_max", DEFAULT_PAIR.ratioMax);
  return ratioMin < ratioMax ? { ratioMin, ratioMax } : DEFAULT_PAIR;
}

/** A SQL string literal of a rule (quotes doubled). */
export const lit = (re: string) => `'${re.replace(/'/g, "''")}'`;
