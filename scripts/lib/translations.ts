/**
 * The partners of the bundled samples: Japanese translations of raw UltraChat (the assistant's turns
 * only) and of raw UltraFeedback, and an earlier version of the binarized pairs, each with planted
 * flaws. What was planted where is returned, by the row of the original and by the alignment key.
 */
import { binarize } from "./planted";
import { ufRow } from "./records";
import { seeded, type Rand } from "./synthetic-text";
import { changedNumber, cutShort, isJapanese, translated, translatedComment } from "./translate";

type Row = Record<string, unknown>;
export type Planted = Record<string, { rows: number[]; keys: string[] }>;

const DIGITS = /[0-9]/;
const TOKENS = /https?:\/\/[^\s<>()[\]"']*[^\s<>()[\]"'.,;:!?]|[0-9]+/g;
/** Numbers and addresses of a text missing from another (the rule the explorer's flag uses). */
const lost = (from: string, to: string) => {
  const there = new Set(to.match(TOKENS) ?? []);
  return (from.match(TOKENS) ?? []).filter((t) => !there.has(t));
};
const latinWords = (t: string) => (t.replace(/```[\s\S]*?(```|$)/g, "").match(/[A-Za-z]{2,}/g) ?? []).length;

class Plants {
  readonly planted: Planted = {};
  private readonly used = new Set<number>();
  add(flag: string, row: number, key: string) {
    const p = (this.planted[flag] ??= { rows: [], keys: [] });
    p.rows.push(row);
    p.keys.push(key);
    this.used.add(row);
  }
  free = (row: number) => !this.used.has(row);
}

/** Raw UltraChat in Japanese, the assistant's turns only. */
export function translatedChats(raw: readonly { id: string; data: string[] }[]) {
  const r = seeded(20240603);
  const plants = new Plants();
  const missing = new Set([7, 21]);
  for (const i of missing) plants.add("only_left", i, raw[i]!.id);
  const english = (i: number) => i >= 10 && !missing.has(i) && !raw[i]!.data.some(isJapanese) && plants.free(i);
  const answers = (d: readonly string[]) => d.filter((_, i) => i % 2 === 1);
  /** The first row (from 10 on) whose first answer passes `test`, for `flag`. */
  const choose = (flag: string, test: (answer: string, data: string[]) => boolean) => {
    const i = raw.findIndex(
      (row, i) => english(i) && answers(row.data).length > 0 && test(answers(row.data)[0]!, row.data),
    );
    if (i < 0) throw new Error(`no row for ${flag}`);
    plants.add(flag, i, raw[i]!.id);
    return i;
  };
  const untranslated = [0, 1].map(() => choose("untranslated", (a) => latinWords(a) >= 3));
  const short = [0, 1].map(() => choose("length", (a) => a.length > 200 && !DIGITS.test(a) && !a.includes("```")));
  const numbers = choose("numbers", (a) => lost(a, changedNumber(a)).length > 0 && !a.includes("```"));
  const code = choose("code", (a) => /```[\s\S]*# /.test(a) && lost(a, a).length === 0);
  const dropped = [0, 1].map(() => choose("dropped", (_, d) => answers(d).length >= 2));

  const rows: Row[] = [];
  raw.forEach((row, i) => {
    if (missing.has(i)) return;
    let data = answers(row.data).map((a) => translated(r, a));
    if (untranslated.includes(i)) data[0] = answers(row.data)[0]!;
    if (short.includes(i)) data[0] = cutShort(data[0]!);
    if (numbers === i) data[0] = changedNumber(data[0]!);
    if (code === i) data[0] = translatedComment(data[0]!);
    if (dropped.includes(i)) data = data.slice(0, -1);
    rows.push({ id: row.id, data });
  });
  // a dialogue only the translation has
  rows.push({ id: "1000", data: [translated(r, "Here is one more answer that has no original in the English file.")] });
  plants.add("only_right", -1, "1000");
  return { rows, planted: plants.planted };
}

interface Completion {
  response?: string;
  custom_system_prompt?: string;
  critique?: string;
  overall_score?: number;
  annotations?: Record<string, Record<string, unknown>>;
  [k: string]: unknown;
}

/** Raw UltraFeedback in Japanese, file by file: prose translated, models, ratings and scores kept. */
export function translatedFeedback(files: Record<string, readonly Row[]>) {
  const r = seeded(20240604);
  const plants = new Plants();
  const text = (t: unknown) => (typeof t === "string" ? translated(r, t) : t);
  const completion = (c: Completion): Completion => ({
    ...c,
    custom_system_prompt: text(c.custom_system_prompt) as string,
    response: text(c.response) as string,
    critique: text(c.critique) as string,
    annotations: c.annotations
      ? Object.fromEntries(
          Object.entries(c.annotations).map(([k, a]) => [
            k,
            { ...a, Rationale: text(a.Rationale), "Rationale For Rating": text(a["Rationale For Rating"]) },
          ]),
        )
      : c.annotations,
  });
  // rows of the original as one dataset lists them: sharegpt, false_qa, truthful_qa
  const all = Object.entries(files).flatMap(([source, rows]) => rows.map((row, pos) => ({ source, row, pos })));
  const out = all.map(({ row }) => ({
    ...row,
    instruction: text(row.instruction),
    completions: (row.completions as Completion[]).map(completion),
  }));
  const key = (i: number) => `${all[i]!.source}#${all[i]!.pos + 1}`;
  const english = (i: number) =>
    i >= 4 && plants.free(i) && !isJapanese(String(all[i]!.row.instruction)) && all[i]!.source === "sharegpt";
  const original = (i: number) => (all[i]!.row.completions as Completion[])[1]!;
  /** The second completion of the first English sharegpt row (from 4 on) whose original passes `test`, for `flag`. */
  const first = (flag: string, test: (c: Completion) => boolean) => {
    const i = all.findIndex(
      (x, i) => english(i) && (x.row.completions as Completion[]).length === 4 && test(original(i)),
    );
    if (i < 0) throw new Error(`no row for ${flag}`);
    plants.add(flag, i, key(i));
    return { was: original(i), now: (out[i]!.completions as Completion[])[1]! };
  };
  const resp = (c: Completion) => String(c.response ?? "");
  const kept = first("untranslated", (c) => latinWords(resp(c)) >= 3);
  kept.now.response = kept.was.response;
  const short = first("length", (c) => resp(c).length > 200 && !DIGITS.test(resp(c)) && !resp(c).includes("```"));
  short.now.response = cutShort(resp(short.now));
  const numbered = first(
    "numbers",
    (c) => lost(resp(c), changedNumber(resp(c))).length > 0 && !resp(c).includes("```"),
  );
  numbered.now.response = changedNumber(resp(numbered.now));
  const coded = first("code", (c) => /```[\s\S]*# /.test(resp(c)));
  coded.now.response = translatedComment(resp(coded.now));
  const rated = first("ratings", (c) => /^[1-5]$/.test(String(c.annotations?.honesty?.Rating)));
  const honesty = rated.now.annotations!.honesty!;
  rated.now.annotations = {
    ...rated.now.annotations,
    honesty: { ...honesty, Rating: honesty.Rating === "1" ? "2" : "1" },
  };
  const scored = first("ratings", (c) => typeof c.overall_score === "number");
  scored.now.overall_score = scored.was.overall_score === 1 ? 2 : 1;

  // the last truthful_qa row is missing from the translation
  const last = all.length - 1;
  plants.add("only_left", last, key(last));
  const byFile: Record<string, Row[]> = {};
  out.forEach((row, i) => {
    if (i !== last) (byFile[all[i]!.source] ??= []).push(row);
  });
  return { files: byFile, planted: plants.planted };
}

/** An earlier version of the binarized pairs: one pair not in it yet, three since removed, three re-scored or edited. */
export function translatedBinarized(pairs: readonly Row[]) {
  const r: Rand = seeded(20240605);
  const plants = new Plants();
  const rows = pairs.map((p) => structuredClone(p));
  const key = (p: Row) => String(p.prompt_id);
  const added = 5;
  plants.add("only_left", added, key(pairs[added]!));
  for (const i of [8, 13]) {
    rows[i]!.score_chosen = Number(rows[i]!.score_chosen) === 10 ? 9 : Number(rows[i]!.score_chosen) + 1;
    plants.add("changed", i, key(pairs[i]!));
  }
  const edited = rows[20]!;
  const edit = (m: { content: string }[]) =>
    m.map((x, j) => (j === m.length - 1 ? { ...x, content: x.content.replace(/\bthe\b/, "this") } : x));
  edited.chosen = edit(edited.chosen as { content: string }[]);
  edited.messages = edit(edited.messages as { content: string }[]);
  plants.add("changed", 20, key(pairs[20]!));
  const removed = binarize(
    Array.from({ length: 3 }, () => ufRow(r, "evol_instruct", 4, {})) as unknown as Parameters<typeof binarize>[0],
    r,
  );
  for (const p of removed) plants.add("only_right", -1, String(p.prompt_id));
  return { rows: [...rows.filter((_, i) => i !== added), ...removed], planted: plants.planted };
}
