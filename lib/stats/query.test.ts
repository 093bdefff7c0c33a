import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { parseClauses } from "../filters/url";
import { normalizeUltraFeedback } from "../formats/normalize";
import { ASPECTS, parseRating } from "../formats/ratings";
import { specOf } from "../layouts/registry";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadFiles, loadGeneric, loadRecords } from "../test/native-load";
import type { DatasetRef, ListState } from "../types";
import { fetchFieldInfo } from "./field-info";
import { fetchCharts, type ChartResult } from "./query";
import { buildLateColumns, fetchCount } from "../data/list";
import { whereClause } from "../filters/where";
import { Params } from "../sql/params";
import { OFF_SCALE } from "./feedback";

let engine: NativeEngine;
let uf: DatasetRef;
let pairs: DatasetRef;
let chat: DatasetRef;
let raw: DatasetRef;
type Completion = {
  model: string;
  principle: string;
  response: string;
  overall_score: number;
  "fine-grained_score": number;
  annotations: Record<string, { Rating: string }>;
};
type UfRow = { source: string; completions: Completion[] };
let ufRows: UfRow[];
let pairRows: {
  prompt: string;
  score_chosen: number;
  score_rejected: number;
  chosen: { role: string; content: string }[];
  rejected: { role: string; content: string }[];
}[];
let chatRows: { messages: { content: string }[] }[];
let rawRows: { data: string[] }[];

const state = (link = "", search = ""): ListState => ({
  search,
  sort: null,
  clauses: parseClauses(new URLSearchParams(link)),
});
async function charts(ds: DatasetRef, link = "", search = "", partner: DatasetRef | null = null) {
  const columns = specOf(ds.layout).chartsFromColumns ? await fetchFieldInfo(engine, ds) : [];
  const specs = specOf(ds.layout).charts(ds, columns);
  const out = await fetchCharts(engine, ds, state(link, search), specs, { partner });
  return (id: string) => {
    const chart = out.find((c) => c.spec.id === id);
    if (!chart) throw new Error(`no chart ${id}`);
    return chart;
  };
}
const counts = (c: ChartResult) => Object.fromEntries(c.marks.filter((m) => m.n > 0).map((m) => [m.key, m.n]));
const tally = (keys: string[]) => {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
};
const ratingKey = (raw: string | undefined) => {
  const r = parseRating(raw);
  return r.kind === "score" ? String(r.value) : r.kind === "na" ? "N/A" : r.kind === "out" ? OFF_SCALE : "none";
};
const logBin = (n: number) => String(Math.round(10 ** (Math.floor(Math.log10(Math.max(n, 1)) * 4) / 4)));
const JA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

beforeAll(async () => {
  engine = await NativeEngine.open();
  ufRows = ["sharegpt", "false_qa"]
    .flatMap((s) => jsonl(sampleFile(`ultrafeedback/${s}.jsonl`)))
    .map((r) => normalizeUltraFeedback(r) as unknown as UfRow);
  uf = await loadRecords(engine, "uf", "ultrafeedback", ufRows as never, 16);
  pairs = await loadFiles(engine, "pairs", "ultrafeedback_binarized", [
    sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet"),
  ]);
  pairRows = (await engine.rows("SELECT * FROM pairs ORDER BY __row")) as typeof pairRows;
  chat = await loadFiles(
    engine,
    "chat",
    "ultrachat_200k",
    [0, 1].map((i) => sampleFile(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`)),
  );
  chatRows = (await engine.rows("SELECT messages FROM chat ORDER BY __row")) as typeof chatRows;
  raw = await loadFiles(engine, "raw", "ultrachat_raw", [sampleFile("ultrachat/train_0.jsonl")]);
  rawRows = (await engine.rows("SELECT data FROM raw ORDER BY __row")) as typeof rawRows;
});

describe("UltraFeedback charts, against a plain-JS count over the sample", () => {
  it.each(ASPECTS)("ratings of %s: 1–5 and N/A kept apart, over all completions", async (aspect) => {
    const all = ufRows.flatMap((r) => r.completions);
    const expected = tally(all.map((c) => ratingKey(c.annotations[aspect]?.Rating)));
    const chart = (await charts(uf))(`rating-${aspect}`);
    expect(counts(chart)).toEqual(expected);
    expect(chart.marks.slice(0, 6).map((m) => m.key)).toEqual(["1", "2", "3", "4", "5", "N/A"]);
    expect(chart.marks.reduce((s, m) => s + m.n, 0)).toBe(all.length);
  });

  it("counts a chart with every clause but its own; the completion conditions pick the completions", async () => {
    const get = await charts(uf, "honesty=..2&source=sharegpt");
    const low = (c: Completion) => (parseRating(c.annotations.honesty?.Rating) as { value?: number }).value! <= 2;
    const sharegpt = ufRows.filter((r) => r.source === "sharegpt");
    // Its own chart leaves honesty out: all completions of sharegpt prompts.
    expect(counts(get("rating-honesty"))).toEqual(
      tally(sharegpt.flatMap((r) => r.completions).map((c) => ratingKey(c.annotations.honesty?.Rating))),
    );
    // Another aspect counts the completions rated 2 or less on honesty, in sharegpt prompts.
    expect(counts(get("rating-helpfulness"))).toEqual(
      tally(
        sharegpt
          .flatMap((r) =>
            r.completions.filter((c) => parseRating(c.annotations.honesty?.Rating).kind === "score" && low(c)),
          )
          .map((c) => ratingKey(c.annotations.helpfulness?.Rating)),
      ),
    );
    // Prompts per source leaves the source clause out, and counts prompts with a low-honesty completion.
    expect(counts(get("sources"))).toEqual(
      tally(
        ufRows
          .filter((r) =>
            r.completions.some((c) => parseRating(c.annotations.honesty?.Rating).kind === "score" && low(c)),
          )
          .map((r) => r.source),
      ),
    );
  });

  it("bins overall_score, the fine-grained mean, their grid, and response lengths", async () => {
    const all = ufRows.flatMap((r) => r.completions);
    const get = await charts(uf);
    expect(counts(get("overall"))).toEqual(tally(all.map((c) => String(Math.floor(c.overall_score)))));
    expect(counts(get("fine-grained"))).toEqual(
      tally(all.map((c) => String(Math.floor(c["fine-grained_score"] * 2) / 2))),
    );
    expect(counts(get("overall-vs-fine"))).toEqual(
      tally(all.map((c) => `${Math.floor(c.overall_score)} × ${Math.floor(c["fine-grained_score"] * 2) / 2}`)),
    );
    expect(counts(get("response-length"))).toEqual(tally(all.map((c) => logBin(c.response.length))));
    expect(counts(get("models"))).toEqual(tally(all.map((c) => c.model)));
    expect(counts(get("principles"))).toEqual(tally(all.map((c) => c.principle)));
  });

  it("the completion of one model: its completions only", async () => {
    const model = ufRows[0]!.completions[0]!.model;
    const get = await charts(uf, `scope=model:${encodeURIComponent(model)}`);
    const mine = ufRows.flatMap((r) => r.completions.filter((c) => c.model === model));
    expect(counts(get("rating-honesty"))).toEqual(tally(mine.map((c) => ratingKey(c.annotations.honesty?.Rating))));
  });

  it("a click on a bar gives the clause of the filter bar", async () => {
    const get = await charts(uf);
    const honesty = get("rating-honesty");
    const three = honesty.marks.find((m) => m.key === "3")!;
    expect(honesty.spec.select!([three])).toEqual([{ field: "honesty", op: "range", range: { min: 3, max: 3 } }]);
    const na = honesty.marks.find((m) => m.key === "N/A")!;
    expect(honesty.spec.select!([na])).toEqual([{ field: "na_honesty", op: "on" }]);
    const grid = get("overall-vs-fine");
    const cell = grid.marks[0]!;
    expect(grid.spec.select!([cell])).toEqual([
      { field: "overall", op: "range", range: { min: cell.lo, max: cell.hi, maxExclusive: true } },
      { field: "fine", op: "range", range: { min: cell.ylo, max: cell.yhi, maxExclusive: true } },
    ]);
    // the clause counts exactly the bar's completions' prompts
    const nas = ufRows.filter((r) =>
      r.completions.some((c) => parseRating(c.annotations.honesty?.Rating).kind === "na"),
    );
    const withNa = await charts(uf, "na_honesty=1");
    expect(withNa("sources").marks.reduce((s, m) => s + m.n, 0)).toBe(nas.length);
  });
});

describe("binarized charts", () => {
  const answer = (m: { role: string; content: string }[]) =>
    m.filter((x) => x.role === "assistant").reduce((s, x) => s + x.content.length, 0);

  it("grid of both scores, margins, ties and which answer is longer", async () => {
    const get = await charts(pairs);
    expect(counts(get("chosen-vs-rejected"))).toEqual(
      tally(pairRows.map((p) => `${Math.floor(p.score_chosen)} × ${Math.floor(p.score_rejected)}`)),
    );
    expect(counts(get("margin"))).toEqual(
      tally(pairRows.map((p) => String(Math.floor((p.score_chosen - p.score_rejected) * 2) / 2))),
    );
    const ties = pairRows.filter((p) => p.score_chosen === p.score_rejected).length;
    expect(counts(get("ties"))).toEqual({ tie: ties, "no tie": pairRows.length - ties });
    const longer = tally(
      pairRows.map((p) => {
        const d = answer(p.chosen) - answer(p.rejected);
        return d > 0 ? "chosen longer" : d < 0 ? "rejected longer" : "same length";
      }),
    );
    expect(counts(get("length-bias"))).toEqual(longer);
    expect(get("length-bias").spec.summary!(get("length-bias").marks)).toBe(
      `the chosen answer is longer in ${((100 * (longer["chosen longer"] ?? 0)) / pairRows.length).toFixed(1)}% of the pairs`,
    );
  });

  it("per source only with the raw rows beside, matched by prompt", async () => {
    const without = await fetchCharts(engine, pairs, state(), specOf(pairs.layout).charts(pairs, []), {
      partner: null,
    });
    expect(without.some((c) => c.spec.id === "length-bias-by-source")).toBe(false);
    const get = await charts(pairs, "", "", uf);
    const bySource = get("length-bias-by-source");
    // an instruction in several raw rows takes the source of the first
    const sourceOf = new Map<string, string>();
    for (const r of ufRows) {
      const instruction = (r as unknown as { instruction: string }).instruction;
      if (!sourceOf.has(instruction)) sourceOf.set(instruction, r.source);
    }
    const totals = tally(pairRows.map((p) => sourceOf.get(p.prompt) ?? "(not in the raw rows)"));
    expect(Object.fromEntries(bySource.marks.map((m) => [m.key, m.total]))).toEqual(totals);
  });
});

describe("dialogue charts", () => {
  it("turns, characters, characters per turn and Japanese text (ultrachat_200k)", async () => {
    const get = await charts(chat);
    const turns = chatRows.map((r) => r.messages.length);
    expect(counts(get("turns"))).toEqual(tally(turns.map((t) => (t >= 40 ? "40+" : String(Math.floor(t / 2) * 2)))));
    const chars = chatRows.map((r) => r.messages.reduce((s, m) => s + m.content.length, 0));
    expect(counts(get("chars"))).toEqual(tally(chars.map(logBin)));
    expect(counts(get("turn-chars"))).toEqual(
      tally(chatRows.flatMap((r) => r.messages.map((m) => logBin(m.content.length)))),
    );
    const ja = chatRows.filter((r) => r.messages.some((m) => JA.test(m.content))).length;
    expect(ja).toBeGreaterThan(0);
    expect(counts(get("japanese"))).toEqual({ Japanese: ja, "no Japanese": chatRows.length - ja });
  });

  it("Japanese text in raw UltraChat, and a click that keeps those dialogues", async () => {
    const ja = rawRows.filter((r) => r.data.some((t) => JA.test(t))).length;
    const get = await charts(raw, "ja=yes");
    // its own chart still shows both sides; the turns chart counts the Japanese dialogues only
    expect(counts(get("japanese"))).toEqual({ Japanese: ja, "no Japanese": rawRows.length - ja });
    expect(get("turns").marks.reduce((s, m) => s + m.n, 0)).toBe(ja);
  });

  it("Japanese text is the same computed inline at first and read from its column once built", async () => {
    const rows = jsonl(sampleFile("ultrachat_ja/train_0.jsonl")).concat(jsonl(sampleFile("ultrachat/train_0.jsonl")));
    const ja = rows.filter((r) => (r.data as string[]).some((t) => JA.test(t))).length;
    expect(ja).toBeGreaterThan(0);
    expect(ja).toBeLessThan(rows.length);
    const inPage = await loadRecords(engine, "raw_page", "ultrachat_raw", rows, 50);
    const before = { ...state("ja=yes") };
    expect(await fetchCount(engine, inPage, before)).toBe(ja);
    expect(counts((await charts(inPage))("japanese"))).toEqual({ Japanese: ja, "no Japanese": rows.length - ja });
    const built = await buildLateColumns(engine, inPage);
    expect(built.lateBuilt).toBe(true);
    // the column is there, and the filter reads it rather than the text
    const { rows: cols } = await engine.query(
      "SELECT count(*) AS n FROM (DESCRIBE raw_page) WHERE column_name = '__ja'",
    );
    expect(Number(cols[0]!.n)).toBe(1);
    expect(whereClause(built, before, new Params())).toContain('"__ja"');
    expect(whereClause(inPage, before, new Params())).not.toContain('"__ja"');
    expect(await fetchCount(engine, built, before)).toBe(ja);
    expect(await fetchCount(engine, built, state("ja=no"))).toBe(rows.length - ja);
    expect(counts((await charts(built))("japanese"))).toEqual({ Japanese: ja, "no Japanese": rows.length - ja });
  });
});

describe("charts of any table, per column", () => {
  const ROWS = [
    { lang: "en", score: 1.5, note: "a" },
    { lang: "ja", score: 2.5, note: null },
    { lang: "en", score: 9, note: "b" },
    { lang: "fr", score: null, note: "a" },
    { lang: "en", score: 4, note: "c" },
  ];

  it("facts, a histogram of numbers and the most frequent values, linked by column clauses", async () => {
    const table = await loadGeneric(engine, "g", ROWS);
    const info = await fetchFieldInfo(engine, table);
    expect(info.find((c) => c.name === "score")).toMatchObject({ rows: 5, nulls: 1, distinct: 4, min: 1.5, max: 9 });
    expect(info.find((c) => c.name === "note")).toMatchObject({ nulls: 1, distinct: 3, first: "a", last: "c" });
    const get = await charts(table);
    expect(counts(get("column-lang"))).toEqual({ en: 3, ja: 1, fr: 1 });
    expect(get("column-lang").marks.map((m) => m.key)).toEqual(["en", "fr", "ja"]);
    // 20 bins over 1.5 … 9: a width of 0.5
    expect(counts(get("column-score"))).toEqual({ "1.5": 1, "2.5": 1, "9": 1, "4": 1 });
    const filtered = await charts(table, "in.lang=en");
    expect(counts(filtered("column-lang"))).toEqual({ en: 3, ja: 1, fr: 1 });
    expect(counts(filtered("column-score"))).toEqual({ "1.5": 1, "9": 1, "4": 1 });
    expect(get("column-score").spec.select!([get("column-score").marks[0]!])).toEqual([
      { field: "range.score", op: "range", range: { min: 1.5, max: 2, maxExclusive: true } },
    ]);
  });
});
