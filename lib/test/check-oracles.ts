/**
 * Each check of the report written plainly in JavaScript over the rows of a file: the rows it flags.
 * Tests compare the report's counts and the check filters with these.
 */
import { createHash } from "node:crypto";
import { DEFAULT_OVERLAP } from "../checks/overlap";
import type { Rule } from "../checks/rebinarize";
import { ASPECTS, parseRating, type Aspect } from "../formats/ratings";
import { BOILERPLATE } from "../checks/dialogues";
import { NEGATIVE } from "../text/phrases";
import { asksShortAnswer } from "../checks/questions";
import { endsMidSentence, hasAnyPhrase, isBlank, KANA, norm, stripped, textKey } from "../text/rules";

export type Msg = { role: string; content: string };
export type Completion = {
  model: string;
  response: string;
  critique: string | null;
  overall_score: number | null;
  "fine-grained_score": number | null;
  annotations: Record<string, { Rating?: string } | undefined>;
};
export type Feedback = { source: string; instruction: string; completions: Completion[] };

const chars = (s: string) => [...s].length;
export const where = <T>(rows: T[], test: (row: T) => boolean) => rows.flatMap((r, i) => (test(r) ? [i] : []));

function duplicates<T>(rows: T[], text: (r: T) => string) {
  const counts = new Map<string, number>();
  for (const r of rows) if (!isBlank(text(r))) counts.set(textKey(text(r)), (counts.get(textKey(text(r))) ?? 0) + 1);
  return where(rows, (r) => !isBlank(text(r)) && (counts.get(textKey(text(r))) ?? 0) > 1);
}

export function dialogueOracle(dialogues: Msg[][]): Record<string, number[]> {
  const texts = (d: Msg[]) => d.map((m) => m.content);
  return {
    duplicate_prompt: duplicates(dialogues, (d) => d.find((m) => m.role === "user")?.content ?? ""),
    empty_prompt: where(dialogues, (d) => isBlank(d.find((m) => m.role === "user")?.content)),
    empty_turn: where(dialogues, (d) => texts(d).some((t) => isBlank(t))),
    ends_on_user: where(dialogues, (d) => d.at(-1)?.role === "user"),
    repeated_turn: where(dialogues, (d) => {
      const kept = texts(d).filter((t) => !isBlank(t));
      return new Set(kept).size < kept.length;
    }),
    boilerplate: where(dialogues, (d) =>
      hasAnyPhrase(
        d
          .filter((m) => m.role === "assistant")
          .map((m) => m.content)
          .join("\n"),
        BOILERPLATE,
      ),
    ),
    mixed_language: where(
      dialogues,
      (d) =>
        texts(d).some((t) => KANA.test(t)) &&
        texts(d).some((t) => chars(t) >= 20 && !KANA.test(t) && /[A-Za-z]/.test(t)),
    ),
  };
}

export function feedbackOracle(rows: Feedback[]): Record<string, number[]> {
  const any = (test: (c: Completion) => boolean) => where(rows, (r) => r.completions.some(test));
  const questions = rows
    .filter((r) => r.source === "truthful_qa" && !isBlank(r.instruction))
    .map((r) => ` ${norm(r.instruction)} `);
  return {
    duplicate_prompt: duplicates(rows, (r) => r.instruction),
    empty_prompt: where(rows, (r) => isBlank(r.instruction)),
    disagree: any(
      (c) =>
        c.overall_score !== null &&
        c["fine-grained_score"] !== null &&
        Math.abs(c.overall_score / 2 - c["fine-grained_score"]) >= 2.5,
    ),
    negative_critique: any((c) => (c.overall_score ?? 0) >= 9 && hasAnyPhrase(c.critique, NEGATIVE)),
    same_response: where(rows, (r) =>
      r.completions.some((c, i) =>
        r.completions.some(
          (d, j) =>
            j > i && !isBlank(c.response) && stripped(c.response) === stripped(d.response) && c.model !== d.model,
        ),
      ),
    ),
    under_length: where(rows, (r) =>
      r.completions.some((c) => {
        const n = chars(stripped(c.response));
        return n < 20 && (n === 0 || !asksShortAnswer(r.instruction));
      }),
    ),
    short_answer: where(
      rows,
      (r) =>
        asksShortAnswer(r.instruction) &&
        r.completions.some((c) => chars(stripped(c.response)) > 0 && chars(stripped(c.response)) < 20),
    ),
    truncated_response: any((c) => chars(stripped(c.response)) >= 20 && endsMidSentence(c.response)),
    na_rating: any((c) => ASPECTS.some((a) => parseRating(c.annotations[a]?.Rating).kind === "na")),
    off_scale_rating: any((c) => ASPECTS.some((a) => parseRating(c.annotations[a]?.Rating).kind === "out")),
    few_completions: where(rows, (r) => r.completions.length < 4),
    truthfulqa_elsewhere: where(
      rows,
      (r) =>
        r.source !== "truthful_qa" &&
        !isBlank(r.instruction) &&
        questions.some((q) => ` ${norm(r.instruction)} `.includes(q)),
    ),
  };
}

export type Pair = { prompt: string; chosen: Msg[]; rejected: Msg[]; score_chosen: number; score_rejected: number };

export function pairOracle(pairs: Pair[]): Record<string, number[]> {
  const answers = (side: Msg[]) => side.filter((m) => m.role === "assistant").map((m) => m.content);
  const length = (side: Msg[]) => answers(side).reduce((s, t) => s + chars(t), 0);
  return {
    duplicate_prompt: duplicates(pairs, (p) => p.prompt),
    empty_prompt: where(pairs, (p) => isBlank(p.prompt)),
    tie: where(pairs, (p) => p.score_chosen === p.score_rejected),
    same_text: where(pairs, (p) => JSON.stringify(answers(p.chosen)) === JSON.stringify(answers(p.rejected))),
    chosen_shorter: where(pairs, (p) => length(p.chosen) < length(p.rejected)),
  };
}

/** The runs of a text as strings, as the SQL cuts them (the SQL hashes them). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
export function runs(text: string, words = DEFAULT_OVERLAP.words, chars = DEFAULT_OVERLAP.chars): Set<string> {
  const out = new Set<string>();
  if (isBlank(text)) return out;
  if (CJK.test(text)) {
    const c = [...textKey(text)];
    for (let i = 0; i + chars <= c.length; i++) out.add(`c:${c.slice(i, i + chars).join("")}`);
  } else {
    const w = norm(text).split(" ");
    for (let i = 0; i + words <= w.length; i++) out.add(`w:${w.slice(i, i + words).join(" ")}`);
  }
  return out;
}

export function overlapOracle(mine: string[], theirs: string[]) {
  const keys = new Set(theirs.filter((t) => !isBlank(t)).map(textKey));
  const theirRuns = new Set(theirs.flatMap((t) => [...runs(t)]));
  const exact = mine.flatMap((t, i) => (!isBlank(t) && keys.has(textKey(t)) ? [i] : []));
  const shared = mine.flatMap((t, i) => ([...runs(t)].some((r) => theirRuns.has(r)) ? [i] : []));
  return { exact, shared, any: [...new Set([...exact, ...shared])].sort((a, b) => a - b) };
}

/** A raw UltraFeedback row as the re-binarize rule reads it. */
export interface RebinarizeRow {
  instruction: string;
  completions: {
    model: string;
    response: string;
    overall_score: number | null;
    annotations: Record<string, { Rating?: string } | undefined>;
  }[];
}

/** The same rule over the same rows, plainly. */
export function rebinarizeOracle(rows: readonly RebinarizeRow[], rule: Rule) {
  const score = (c: RebinarizeRow["completions"][number]): number | null => {
    if (rule.score === "overall") return c.overall_score ?? null;
    const value = (a: Aspect) => {
      const r = parseRating(c.annotations[a]?.Rating);
      return r.kind === "score" ? r.value : null;
    };
    if (rule.score === "mean") {
      const v = ASPECTS.map(value).filter((x): x is number => x !== null);
      return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
    }
    return value(rule.score);
  };
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  return rows.flatMap((row, rowIndex) => {
    const scored = row.completions
      .map((c, i) => ({ c, idx: i + 1, s: score(c) }))
      .filter((x): x is { c: RebinarizeRow["completions"][number]; idx: number; s: number } => x.s !== null);
    if (scored.length < 2) return [];
    const chosen = [...scored].sort((x, y) => y.s - x.s || x.idx - y.idx)[0]!;
    const others = scored.filter((x) => x !== chosen);
    const rejected =
      rule.rejected === "lowest"
        ? [...others].sort((x, y) => x.s - y.s || x.idx - y.idx)[0]!
        : [...others].sort((x, y) => {
            const [hx, hy] = [md5(`${rule.seed}:${rowIndex}:${x.idx}`), md5(`${rule.seed}:${rowIndex}:${y.idx}`)];
            return hx < hy ? -1 : hx > hy ? 1 : 0;
          })[0]!;
    if (rule.ties === "drop" && chosen.s === rejected.s) return [];
    return [{ row: rowIndex, chosen: chosen.c.response, rejected: rejected.c.response, sc: chosen.s, sr: rejected.s }];
  });
}
