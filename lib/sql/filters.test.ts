import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { fetchCount, fetchListPage } from "../data/list";
import { fetchFacet, fetchMatchCount, fetchModelSummary, fetchRawMatch, type Feedback } from "../data/feedback";
import { fetchRecord } from "../data/record";
import { loadRecords } from "../test/native-load";
import { parseClauses } from "../filters/url";
import type { DatasetRef, ListState } from "../types";

/** Filters as a link writes them: `{ honesty: "..2", scope: "all", model: ["a", "b"] }`. */
type Link = Record<string, string | string[]>;
const clauses = (link: Link) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(link)) for (const x of [v].flat()) p.append(k, x);
  return parseClauses(p);
};

type Ratings = [string, string, string, string];
const OBRIEN = "o'brien-7b";
const LLAMA = "ラマ-13b";

function completion(model: string, r: Ratings, overall: number | null, principle = "helpfulness") {
  const numbers = r.map(Number).filter((n) => Number.isFinite(n));
  const fine = numbers.reduce((s, n) => s + n, 0) / numbers.length;
  const [instructionFollowing, honesty, truthfulness, helpfulness] = r;
  return {
    model,
    principle,
    custom_system_prompt: "Answer with care.",
    response: `${model} answers: it's "fine" -- 100% sure; DROP TABLE x;`,
    annotations: {
      instruction_following: { Rating: instructionFollowing, Rationale: "ok" },
      honesty: { Rating: honesty, Rationale: "ok" },
      truthfulness: { Type: ["0"], Rationale: "ok", Rating: truthfulness, "Rationale For Rating": "ok" },
      helpfulness: { Type: ["1"], Rationale: "ok", Rating: helpfulness, "Rationale For Rating": "ok" },
    },
    critique: "Fine.",
    overall_score: overall,
    "fine-grained_score": fine,
  };
}

function prompt(source: string, instruction: string, completions: ReturnType<typeof completion>[]) {
  return {
    source,
    instruction,
    models: completions.map((c) => c.model),
    correct_answers: ["None"],
    incorrect_answers: ["None"],
    completions,
  };
}

/** Five prompts whose answers to every filter below were worked out by hand. */
const FEEDBACK = [
  prompt("sharegpt", "Why do tide 'pools' freeze?", [
    completion("gpt-4", ["5", "5", "5", "5"], 9),
    completion(OBRIEN, ["2", "N/A", "3", "2"], 10, "honesty"),
    completion(LLAMA, ["4", "4", "4", "4"], 8),
    completion("wizardlm-7b", ["1", "1", "1", "1"], 2),
  ]),
  prompt("false_qa", "潮だまりはなぜ凍らないのですか？", [
    completion("gpt-4", ["4", "4", "4", "4"], 8),
    completion("wizardlm-7b", ["3", "3", "3", "3"], 6),
    completion(OBRIEN, ["5", "5", "5", "5"], 10),
    completion(LLAMA, ["4", "5", "4", "4"], 9),
  ]),
  prompt("ソース'引用", "Explain the 'quoted' source.", [
    completion(LLAMA, ["2", "2", "2", "2"], 4),
    completion("gpt-4", ["3", "N/A", "3", "3"], 6),
    completion(OBRIEN, ["1", "1", "1", "1"], 10),
  ]),
  prompt("sharegpt", "Name four rivers.", [
    completion("gpt-4", ["5", "5", "5", "5"], 10),
    completion("wizardlm-7b", ["5", "5", "5", "5"], 10),
    completion(LLAMA, ["5", "5", "5", "5"], 10),
    completion(OBRIEN, ["5", "5", "5", "5"], 10),
  ]),
  prompt("false_qa", "How many moons does the sun have?", [completion("wizardlm-7b", ["2", "2", "0", "2"], 4)]),
];

const PAIRS = [
  { chosen: 8.5, rejected: 8.5, prompt: "Why do tide 'pools' freeze?", from: 0, picks: [0, 2] },
  { chosen: 9, rejected: 4, prompt: "潮だまりはなぜ凍らないのですか？", from: 1, picks: [2, 1] },
  { chosen: 7, rejected: 6.5, prompt: "A prompt with \"quotes\" and 'apostrophes'", from: null, picks: [] },
  { chosen: 10, rejected: 10, prompt: "日本語のプロンプト", from: null, picks: [] },
  { chosen: 6, rejected: 2, prompt: "Another prompt; DROP TABLE pairs; --", from: null, picks: [] },
].map((p) => {
  const source = p.from === null ? null : FEEDBACK[p.from]!;
  const answer = (i: number | undefined, fallback: string) =>
    (i === undefined ? undefined : source?.completions[i]?.response) ?? fallback;
  const turn = (text: string) => [
    { content: p.prompt, role: "user" },
    { content: text, role: "assistant" },
  ];
  return {
    prompt: p.prompt,
    prompt_id: "x",
    chosen: turn(answer(p.picks[0], "chosen answer")),
    rejected: turn(answer(p.picks[1], "rejected answer")),
    messages: turn(answer(p.picks[0], "chosen answer")),
    score_chosen: p.chosen,
    score_rejected: p.rejected,
  };
});

let engine: NativeEngine;
let uf: DatasetRef;
let pairs: DatasetRef;

const state = (link: Link, search = ""): ListState => ({ search, sort: null, clauses: clauses(link) });
const count = (ds: DatasetRef, link: Link, search = "") => fetchCount(engine, ds, state(link, search));
const rowsOf = async (ds: DatasetRef, link: Link) =>
  (await fetchListPage(engine, ds, state(link), 0, 100)).map((r) => r.row);

beforeAll(async () => {
  engine = await NativeEngine.open();
  uf = await loadRecords(engine, "uf", "ultrafeedback", FEEDBACK, 2);
  pairs = await loadRecords(engine, "pairs", "ultrafeedback_binarized", PAIRS, 2);
});

describe("rating filters on UltraFeedback, against hand-worked answers", () => {
  it("any completion: honesty at most 2", async () => {
    expect(await rowsOf(uf, { honesty: "..2" })).toEqual([0, 2, 4]);
  });

  it("all completions: an N/A rating is not in any range", async () => {
    expect(await rowsOf(uf, { scope: "all", honesty: "..2" })).toEqual([4]);
    expect(await rowsOf(uf, { scope: "all", honesty: "..3" })).toEqual([4]);
    expect(await rowsOf(uf, { scope: "all", instruction_following: "..3" })).toEqual([2, 4]);
    expect(await rowsOf(uf, { scope: "all", honesty: "4..5" })).toEqual([3]);
  });

  it("the completion of one model, its name holding a quote or Japanese", async () => {
    expect(await rowsOf(uf, { scope: `model:${OBRIEN}`, helpfulness: "5.." })).toEqual([1, 3]);
    expect(await rowsOf(uf, { scope: `model:${LLAMA}` })).toEqual([0, 1, 2, 3]);
    expect(await count(uf, { scope: "model:gpt-4' OR 1=1 --" })).toBe(0);
  });

  it("conditions on one completion are met by the same completion", async () => {
    // overall 10 with fine-grained at most 2: only the third prompt's o'brien-7b answer (10 and 1).
    expect(await rowsOf(uf, { overall: "9..", fine: "..2" })).toEqual([2]);
    expect(await rowsOf(uf, { overall: "10" })).toEqual([0, 1, 2, 3]);
    // "0" is off the 1–5 scale: in no range, counted apart.
    expect(await rowsOf(uf, { truthfulness: "0" })).toEqual([]);
    expect(await rowsOf(uf, { truthfulness: "..5" })).not.toContain(4);
  });

  it("N/A, disagreement, principles, models and sources", async () => {
    expect(await rowsOf(uf, { na: "1" })).toEqual([0, 2]);
    expect(await rowsOf(uf, { oos: "1" })).toEqual([4]);
    expect(await rowsOf(uf, { oos_truthfulness: "1" })).toEqual([4]);
    expect(await rowsOf(uf, { oos_honesty: "1" })).toEqual([]);
    expect(await rowsOf(uf, { disagree: "2.5" })).toEqual([0, 2]);
    expect(await rowsOf(uf, { disagree: "3" })).toEqual([2]);
    expect(await rowsOf(uf, { principle: "honesty" })).toEqual([0]);
    expect(await rowsOf(uf, { model: "wizardlm-7b" })).toEqual([0, 1, 3, 4]);
    expect(await rowsOf(uf, { model: [OBRIEN, LLAMA] })).toEqual([0, 1, 2, 3]);
    expect(await rowsOf(uf, { source: "ソース'引用" })).toEqual([2]);
    expect(await rowsOf(uf, { source: ["sharegpt", "false_qa"] })).toEqual([0, 1, 3, 4]);
  });

  it("combines with search in English and Japanese", async () => {
    expect(await count(uf, { honesty: "..2" }, "TIDE 'pools'")).toBe(1);
    expect(await count(uf, { source: "false_qa" }, "潮だまり")).toBe(1);
    expect(await count(uf, { source: "sharegpt" }, "潮だまり")).toBe(0);
  });

  it("sorts by an aspect's mean and spread in SQL", async () => {
    const sorted = async (column: string, desc: boolean) =>
      (await fetchListPage(engine, uf, { search: "", sort: { column, desc } }, 0, 10)).map((r) => r.row);
    // honesty means: 10/3, 17/4, 3/2, 5, 2 (N/A left out)
    expect(await sorted("__mean_honesty", true)).toEqual([3, 1, 0, 4, 2]);
    // instruction_following spreads: 4, 2, 2, 0, 0
    expect(await sorted("__spread_instruction_following", true)).toEqual([0, 1, 2, 3, 4]);
    const [first] = await fetchListPage(engine, uf, state({}), 0, 1);
    expect(first?.cells).toMatchObject({ source: "sharegpt", __na: 1, __overall_min: 2, __overall_max: 10 });
    expect(first?.cells.__models).toBe(`gpt-4, ${OBRIEN}, ${LLAMA}, wizardlm-7b`);
  });
});

describe("per-model summary", () => {
  it("counts completions and averages each aspect without N/A", async () => {
    const rows = await fetchModelSummary(engine, uf, state({}), false);
    const obrien = rows.find((r) => r.model === OBRIEN)!;
    expect(rows.map((r) => r.completions).reduce((a, b) => a + b)).toBe(16);
    expect(obrien).toMatchObject({ completions: 4, prompts: 4, na: 1 });
    expect(obrien.means.honesty).toBeCloseTo(11 / 3, 10);
    // each mean says what it stands on: four completions, one honesty rated N/A
    expect(obrien.rated.honesty).toBe(3);
    expect(obrien.rated.helpfulness).toBe(4);
    expect(obrien.overall).toBe(10);
    expect(obrien.overallRated).toBe(4);
  });

  it("follows the filters, and can count only the completions that match", async () => {
    const filters = { honesty: "..2" };
    const prompts = await fetchModelSummary(engine, uf, state(filters), false);
    expect(prompts.find((r) => r.model === "gpt-4")?.completions).toBe(2);
    const matching = await fetchModelSummary(engine, uf, state(filters), true);
    expect(Object.fromEntries(matching.map((r) => [r.model, r.completions]))).toEqual({
      "wizardlm-7b": 2,
      [LLAMA]: 1,
      [OBRIEN]: 1,
    });
  });

  it("lists facet values with their prompt counts", async () => {
    expect(await fetchFacet(engine, uf, "source")).toEqual([
      { value: "false_qa", n: 2 },
      { value: "sharegpt", n: 2 },
      { value: "ソース'引用", n: 1 },
    ]);
    expect((await fetchFacet(engine, uf, "model")).find((f) => f.value === "wizardlm-7b")?.n).toBe(4);
  });
});

describe("binarized pairs", () => {
  it("filters ties, margins and scores", async () => {
    expect(await rowsOf(pairs, { ties: "only" })).toEqual([0, 3]);
    expect(await rowsOf(pairs, { ties: "none" })).toEqual([1, 2, 4]);
    expect(await rowsOf(pairs, { margin: "4.." })).toEqual([1, 4]);
    expect(await rowsOf(pairs, { chosen: "9.." })).toEqual([1, 3]);
    expect(await rowsOf(pairs, { rejected: "..4", ties: "none" })).toEqual([1, 4]);
    expect(await count(pairs, { margin: "0" }, "日本語")).toBe(1);
  });

  it("sorts by margin", async () => {
    const page = await fetchListPage(engine, pairs, { search: "", sort: { column: "__margin", desc: true } }, 0, 10);
    expect(page.map((r) => [r.row, r.cells.__margin])).toEqual([
      [1, 5],
      [4, 4],
      [2, 0.5],
      [0, 0],
      [3, 0],
    ]);
  });

  it("finds the raw rows of its prompts and which completions were picked", async () => {
    expect(await fetchMatchCount(engine, pairs, uf)).toBe(2);
    const pair = await fetchRecord(engine, pairs, 1);
    if (pair?.kind !== "pair") throw new Error("not a pair");
    const match = await fetchRawMatch(engine, uf, pair);
    expect(match).toMatchObject({ rows: 1, chosen: 2, rejected: 1 });
    expect((match?.record as Feedback).row).toBe(1);
    const none = await fetchRecord(engine, pairs, 2);
    if (none?.kind !== "pair") throw new Error("not a pair");
    expect(await fetchRawMatch(engine, uf, none)).toBeNull();
  });
});
