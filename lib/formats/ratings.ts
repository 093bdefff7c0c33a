export const ASPECTS = ["instruction_following", "honesty", "truthfulness", "helpfulness"] as const;
export type Aspect = (typeof ASPECTS)[number];

export const ASPECT_LABEL: Record<Aspect, string> = {
  instruction_following: "Instruction following",
  honesty: "Honesty",
  truthfulness: "Truthfulness",
  helpfulness: "Helpfulness",
};

/** The scale of the four aspect ratings. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/**
 * A rating as published: a number on the 1–5 scale; a number off it ("0", "7", "-1"), which is kept
 * apart like N/A (shown, counted, never averaged); text such as "N/A", never read as a number.
 */
export type Rating =
  | { kind: "score"; value: number; raw: string }
  | { kind: "out"; value: number; raw: string }
  | { kind: "na"; raw: string }
  | { kind: "missing" };

/**
 * What is a number when written as text, the SQL of the completions table included (see `ratingValue`):
 * "4", "-1", "2.5", "1e400", and "NaN", "Infinity", "-inf" — the last ones off any scale.
 */
export const NUMBER_TEXT = /^[-+]?((\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|inf(inity)?|nan)$/i;
/** The same, in DuckDB's regular expressions (case folded by the caller). */
export const NUMBER_TEXT_SQL = "[-+]?(([0-9]+([.][0-9]*)?|[.][0-9]+)([e][-+]?[0-9]+)?|inf(inity)?|nan)";

/** A number's value from its text ("inf" and "nan" as JavaScript spells them). */
export const numberOf = (text: string) =>
  /^[-+]?inf/i.test(text)
    ? text.startsWith("-")
      ? -Infinity
      : Infinity
    : /^[-+]?nan$/i.test(text)
      ? NaN
      : Number(text);

export function parseRating(raw: unknown): Rating {
  if (raw === null || raw === undefined) return { kind: "missing" };
  const text = String(raw).trim();
  if (text === "") return { kind: "missing" };
  if (NUMBER_TEXT.test(text)) {
    const value = numberOf(text);
    return { kind: value >= RATING_MIN && value <= RATING_MAX ? "score" : "out", value, raw: text };
  }
  return { kind: "na", raw: text };
}

export function ratingLabel(r: Rating): string {
  if (r.kind === "score") return String(r.value);
  if (r.kind === "out")
    return Number.isFinite(r.value) && String(r.value).length <= r.raw.length ? String(r.value) : r.raw;
  if (r.kind === "na") return r.raw.toUpperCase() === "N/A" ? "N/A" : r.raw;
  return "—";
}

/** Meaning of the digit codes in truthfulness/helpfulness `Type` lists, as the annotation prompts define them. */
export const TYPE_MEANINGS: Record<"truthfulness" | "helpfulness", Record<string, string>> = {
  truthfulness: {
    "0": "No hallucination",
    "1": "Contradicts world knowledge",
    "2": "Contradicts the instruction or input",
    "3": "Self-contradictory or logical error",
  },
  helpfulness: {
    "0": "None of the qualities below",
    "1": "Clarity and relevance",
    "2": "Useful and comprehensive information",
    "3": "Not lengthy, no repetition",
  },
};

/** Each completion's place among the others on one aspect: best, worst, or neither (also when all agree). */
export function ratingMarks(ratings: readonly Rating[]): ("best" | "worst" | null)[] {
  return numberMarks(ratings.map((r) => (r.kind === "score" ? r.value : null)));
}

/** The highest and lowest of some numbers (none when fewer than two are known, or all are equal). */
export function numberMarks(values: readonly (number | null | undefined)[]): ("best" | "worst" | null)[] {
  const known = values.flatMap((v) => (typeof v === "number" && Number.isFinite(v) ? [v] : []));
  const best = Math.max(...known);
  const worst = Math.min(...known);
  return values.map((v) =>
    known.length < 2 || best === worst || typeof v !== "number" || !Number.isFinite(v)
      ? null
      : v === best
        ? "best"
        : v === worst
          ? "worst"
          : null,
  );
}

/** How far overall_score (1–10, halved) lies from the fine-grained mean (1–5); null when either is missing. */
export function scoreGap(overall: number | null | undefined, fine: number | null | undefined): number | null {
  if (overall === null || overall === undefined || fine === null || fine === undefined) return null;
  const gap = Math.abs(overall / 2 - fine);
  return Number.isFinite(gap) ? gap : null;
}
