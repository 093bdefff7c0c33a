import {
  CODE_BLOCK_RE,
  CODE_RE,
  FULL_DIGITS,
  ASCII_DIGITS,
  JA_RE,
  LATIN3_RE,
  TOKEN_WIDE_RE,
  LATIN_WORDS,
  MIN_LENGTH,
  lit,
} from "./rules";

/** What kind of partner the second dataset is: the first in another language, or another version of it. */
export type PairKind = "translation" | "version";

/** Which side, if any, is read as the assistant's turns only (the other holds only those). */
export type AssistantOnly = "none" | "left" | "right";

export interface FlagSpec {
  id: string;
  title: string;
  reason: string;
  kinds: readonly PairKind[];
}

/** The flags of a pair, in the order the summary and the checks report list them. */
export const FLAGS: readonly FlagSpec[] = [
  {
    id: "turns",
    title: "Turn count differs",
    reason: "The two sides have a different number of turns (or completions).",
    kinds: ["translation", "version"],
  },
  {
    id: "dropped",
    title: "Turn missing",
    reason: "A turn has no counterpart once the sides are aligned by role and position.",
    kinds: ["translation", "version"],
  },
  {
    id: "untranslated",
    title: "Left untranslated",
    reason: `A text unit of the translation equals its original, or has ${LATIN_WORDS} or more Latin words and no Japanese character (code blocks aside).`,
    kinds: ["translation"],
  },
  {
    id: "length",
    title: "Length out of band",
    reason: `A translated unit is far shorter or longer than its original (of ${MIN_LENGTH} characters or more).`,
    kinds: ["translation"],
  },
  {
    id: "numbers",
    title: "Numbers or addresses lost",
    reason: "A number or web address of the original is not in its translation (full-width digits read as digits).",
    kinds: ["translation"],
  },
  {
    id: "code",
    title: "Code differs",
    reason: "The fenced code blocks of a unit differ between the sides.",
    kinds: ["translation"],
  },
  {
    id: "ratings",
    title: "Ratings or scores differ",
    reason: "A rating or score (which a translation keeps) differs between the sides.",
    kinds: ["translation"],
  },
  {
    id: "changed",
    title: "Changed",
    reason: "Some unit differs between the versions (the record marks which).",
    kinds: ["version"],
  },
  { id: "equal", title: "Equal", reason: "Every unit is the same in both versions.", kinds: ["version"] },
];

export const flagsOf = (kind: PairKind) => FLAGS.filter((f) => f.kinds.includes(kind));
export const flagTitle = (id: string) =>
  FLAGS.find((f) => f.id === id)?.title ??
  { aligned: "Aligned", only_left: "Only in this one", only_right: "Only in the partner", repeated: "Key repeats" }[
    id
  ] ??
  id;

const text = (e: string) => `coalesce(${e}.text, '')`;

/**
 * What the flags read of a unit, computed once per side: its role and kind, its length, whether it has
 * Japanese, its Latin words and length outside code, hashes of it whole and outside code, its numbers
 * and addresses, and a hash of its code blocks.
 */
export function featuresSql(units: string): string {
  // Only a text with "```" has code to set aside; only one beyond ASCII can have Japanese or full-width
  // digits; only one without Japanese is read for Latin words. Each stage computes what the next reads.
  // A pattern that applies to some units only is under CASE, which runs it on those units alone (both
  // sides of an AND are computed for every unit).
  const fence = "'```'";
  const one =
    `list_transform(${units}, x -> {'part': x.part, 'role': x.role, 'kind': x.kind, 't': ${text("x")}, ` +
    `'h': hash(x.text), 'len': length(${text("x")}), 'c': contains(${text("x")}, ${fence})})`;
  const two =
    `list_transform(${one}, y -> {'part': y.part, 'role': y.role, 'kind': y.kind, 't': y.t, 'h': y.h, 'len': y.len, ` +
    `'c': y.c, 'wide': strlen(y.t) <> y.len, 'ja': CASE WHEN strlen(y.t) <> y.len THEN regexp_matches(y.t, ${lit(JA_RE)}) ELSE false END, ` +
    `'nc': CASE WHEN y.c THEN trim(regexp_replace(y.t, ${lit(CODE_RE)}, '', 'g')) ELSE y.t END})`;
  return (
    `list_transform(${two}, z -> {'part': z.part, 'role': z.role, 'kind': z.kind, 'len': z.len, 'ja': z.ja, ` +
    `'latin3': CASE WHEN z.ja THEN false ELSE regexp_matches(z.nc, ${lit(LATIN3_RE)}) END, ` +
    `'solid': regexp_matches(z.nc, '\\S'), 'h': z.h, 'th': CASE WHEN z.c THEN hash(z.nc) ELSE z.h END, ` +
    `'toks': list_distinct(list_transform(regexp_extract_all(z.t, ${lit(TOKEN_WIDE_RE)}), ` +
    `k -> CASE WHEN z.wide THEN translate(k, '${FULL_DIGITS}', '${ASCII_DIGITS}') ELSE k END)), ` +
    `'code': CASE WHEN z.c THEN hash(regexp_extract_all(z.t, ${lit(CODE_BLOCK_RE)})) ELSE 0 END})`
  );
}

/** The original's and the translation's unit i, and whether both are there. */
interface Sides {
  o: (i: string) => string;
  t: (i: string) => string;
}

/** Per aligned unit i: the conditions of each flag that reads one unit pair (SQL over `o[i]`, `t[i]`). */
export function unitConditions({ o, t }: Sides, i: string): Record<string, string> {
  const both = `(${o(i)} IS NOT NULL AND ${t(i)} IS NOT NULL)`;
  const textual = `${both} AND ${o(i)}.kind = 'text'`;
  return {
    untranslated:
      `${textual} AND ${t(i)}.solid AND NOT ${t(i)}.ja AND ` +
      `((${t(i)}.th = ${o(i)}.th AND NOT ${o(i)}.ja) OR ${t(i)}.latin3)`,
    numbers: `${textual} AND NOT list_has_all(${t(i)}.toks, ${o(i)}.toks)`,
    code: `${textual} AND ${o(i)}.code <> ${t(i)}.code`,
    ratings: `${both} AND ${o(i)}.kind = 'score' AND ${o(i)}.h IS DISTINCT FROM ${t(i)}.h`,
    changed: `NOT ${both} OR ${o(i)}.h IS DISTINCT FROM ${t(i)}.h`,
  };
}

/** Per aligned unit i: translation length / original length, where the original is text long enough. */
export const ratioSql = ({ o, t }: Sides, i: string) =>
  `CASE WHEN ${o(i)}.kind = 'text' AND ${o(i)}.len >= ${MIN_LENGTH} AND ${t(i)} IS NOT NULL ` +
  `THEN ${t(i)}.len / ${o(i)}.len END`;

/** The aligned lists of a row: `lf`/`rf` are the sides' features, filtered to the assistant's turns as `ao` says. */
export function alignedLists(ao: AssistantOnly): { lx: string; rx: string } {
  const only = (f: string) => `list_filter(${f}, u -> u.role = 'assistant')`;
  return { lx: ao === "left" ? only("lf") : "lf", rx: ao === "right" ? only("rf") : "rf" };
}
