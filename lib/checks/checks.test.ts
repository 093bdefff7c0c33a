import { beforeAll, describe, expect, it } from "vitest";
import { fetchListPage } from "../data/list";
import { NativeEngine } from "../engine/native";
import { parseClauses } from "../filters/url";
import { normalizeUltraFeedback } from "../formats/normalize";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadFiles, loadGeneric, loadRecords } from "../test/native-load";
import type { DatasetRef, ListState } from "../types";
import { Params, setConstants } from "../sql/params";
import { forgetFlags } from "./flags";
import { NEGATIVE } from "../text/phrases";
import { anyPhraseSql, hasAnyPhrase, textKey } from "../text/rules";
import { checksOf } from "./index";
import { runReport } from "./report";
import { fetchCheckGroup, fetchFlaggedCompletions, GROUP_SHOWN } from "./completions";
import {
  dialogueOracle,
  feedbackOracle,
  pairOracle,
  where,
  type Feedback,
  type Msg,
  type Pair,
} from "../test/check-oracles";

/**
 * Each check's count on the bundled samples (with their planted cases), against the same rule written
 * plainly in JavaScript over the files; and a check's filter lists exactly the rows it counts.
 */

let engine: NativeEngine;
const datasets: Record<string, DatasetRef> = {};
/** The rows each check flags, by the oracle: layout → check → row numbers. */
const expected: Record<string, Record<string, number[]>> = {};
/** Each dataset's prompts, by row: what its duplicate check compares. */
const prompts: Record<string, string[]> = {};

const SFT = [0, 1].map((i) => sampleFile(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
const PAIRS = sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet");
const UF = ["sharegpt", "false_qa", "truthful_qa"].map((s) => sampleFile(`ultrafeedback/${s}.jsonl`));
const RAW = sampleFile("ultrachat/train_0.jsonl");

beforeAll(async () => {
  engine = await NativeEngine.open();
  const ufRows = UF.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
  datasets.ultrafeedback = await loadRecords(engine, "uf", "ultrafeedback", ufRows as never, 25);
  expected.ultrafeedback = feedbackOracle(ufRows);
  prompts.ultrafeedback = ufRows.map((r) => r.instruction);

  datasets.ultrafeedback_binarized = await loadFiles(engine, "pairs", "ultrafeedback_binarized", [PAIRS]);
  const pairs = (await engine.rows(`SELECT * FROM read_parquet('${PAIRS}')`)) as unknown as Pair[];
  expected.ultrafeedback_binarized = pairOracle(pairs);
  prompts.ultrafeedback_binarized = pairs.map((p) => p.prompt);

  datasets.ultrachat_200k = await loadFiles(engine, "sft", "ultrachat_200k", SFT);
  const sft = (await engine.rows(`SELECT messages FROM read_parquet(['${SFT.join("', '")}'])`)) as {
    messages: Msg[];
  }[];
  expected.ultrachat_200k = dialogueOracle(sft.map((r) => r.messages));
  prompts.ultrachat_200k = sft.map((r) => r.messages.find((m) => m.role === "user")?.content ?? "");

  const raw = jsonl(RAW) as { data: string[] }[];
  datasets.ultrachat_raw = await loadRecords(engine, "raw", "ultrachat_raw", raw, 30);
  prompts.ultrachat_raw = raw.map((r) => r.data[0] ?? "");
  expected.ultrachat_raw = dialogueOracle(
    raw.map((r) => r.data.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content }))),
  );
});

const state = (link = ""): ListState => ({ search: "", sort: null, clauses: parseClauses(new URLSearchParams(link)) });
const rowsOf = async (ds: DatasetRef, link: string) =>
  (await fetchListPage(engine, ds, state(link), 0, 1000)).map((r) => r.row);

describe.each(["ultrafeedback", "ultrafeedback_binarized", "ultrachat_200k", "ultrachat_raw"])(
  "checks of %s",
  (layout) => {
    it("count exactly the rows the plain rule finds, every check with at least one planted case", async () => {
      const ds = datasets[layout]!;
      const report = await runReport(engine, engine, ds, state());
      const counts = Object.fromEntries(report.lines.map((l) => [l.check.id, l.count]));
      const oracle = Object.fromEntries(Object.entries(expected[layout]!).map(([id, rows]) => [id, rows.length]));
      expect(counts).toEqual(oracle);
      for (const [id, n] of Object.entries(counts)) expect(n, id).toBeGreaterThan(0);
      expect(report.lines.map((l) => l.check.id)).toEqual(checksOf(ds.layout as never).map((c) => c.id));
    });

    it("a check's filter lists exactly its rows, from its own SQL and from the stored flags", async () => {
      const ds = datasets[layout]!;
      forgetFlags(ds);
      for (const [id, rows] of Object.entries(expected[layout]!))
        expect(await rowsOf(ds, `check=${id}`), id).toEqual(rows);
      await runReport(engine, engine, ds, state());
      for (const [id, rows] of Object.entries(expected[layout]!))
        expect(await rowsOf(ds, `check=${id}`), id).toEqual(rows);
    });
  },
);

describe("check settings and other filters", () => {
  const withSettings = (link: string, checks: Record<string, string[]>): ListState => ({ ...state(link), checks });

  it("an empty response is under the length whatever the question; a short answer to a yes/no question is not", async () => {
    const rows = UF.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
    const asked = rows.find((r) => r.instruction === "Is seawater heavier than fresh water?")!;
    const empty = structuredClone(asked);
    empty.completions[0]!.response = "  \n";
    const ds = await loadRecords(engine, "uf_empty", "ultrafeedback", [asked, empty] as never, 25);
    expect((await fetchListPage(engine, ds, state("check=under_length"), 0, 10)).map((r) => r.row)).toEqual([1]);
    expect((await fetchListPage(engine, ds, state("check=short_answer"), 0, 10)).map((r) => r.row)).toEqual([0, 1]);
    expect(await fetchFlaggedCompletions(engine, ds, "under_length", undefined, 1)).toEqual([
      { index: 0, why: "a response of 0 characters, under 20" },
    ]);
  });

  it("a threshold and a phrase list change what is flagged, in the count and in the list", async () => {
    const uf = datasets.ultrafeedback!;
    const short = await fetchListPage(engine, uf, withSettings("check=short_answer", { short: ["4"] }), 0, 100);
    // of the short answers to yes/no questions, only "はい。" (three characters) is shorter than four; "Yes." is not
    expect(short.map((r) => r.row)).toEqual(expected.ultrafeedback!.short_answer!.slice(1));
    // of the failed ones, "Sure! Here" (ten characters) is shorter than eleven, "承知しました。" (seven) too; at eight, only it
    const under = (n: number) =>
      fetchListPage(engine, uf, withSettings("check=under_length", { short: [String(n)] }), 0, 100);
    expect((await under(11)).map((r) => r.row)).toEqual(expected.ultrafeedback!.under_length);
    expect((await under(8)).map((r) => r.row)).toEqual(expected.ultrafeedback!.under_length!.slice(1));
    const sft = datasets.ultrachat_200k!;
    const report = await runReport(engine, engine, sft, withSettings("", { phrases: ["AI言語モデルとして"] }));
    expect(report.lines.find((l) => l.check.id === "boilerplate")?.count).toBe(1);
    const listed = await fetchListPage(
      engine,
      sft,
      withSettings("check=boilerplate", { phrases: ["ai言語モデルとして"] }),
      0,
      9,
    );
    expect(listed).toHaveLength(1);
  });

  it("the negative-critique check follows its threshold and its phrase list, in the count and in the list", async () => {
    const uf = datasets.ultrafeedback!;
    const ufRows = UF.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
    const flagged = (high: number, phrases: string[]) =>
      where(ufRows, (r) =>
        r.completions.some((c) => (c.overall_score ?? 0) >= high && hasAnyPhrase(c.critique, phrases)),
      );
    const sizes: number[] = [flagged(9, [...NEGATIVE]).length];
    for (const [settings, high, phrases] of [
      [{ high: ["7"] }, 7, NEGATIVE],
      [{ negative: ["Misleading", "fails to"] }, 9, ["misleading", "fails to"]],
      [{ high: ["5"], negative: ["is wrong"] }, 5, ["is wrong"]],
    ] as const) {
      const want = flagged(high, [...phrases]);
      sizes.push(want.length);
      const report = await runReport(engine, engine, uf, withSettings("", settings as never));
      expect(report.lines.find((l) => l.check.id === "negative_critique")?.count, JSON.stringify(settings)).toBe(
        want.length,
      );
      const listed = await fetchListPage(
        engine,
        uf,
        withSettings("check=negative_critique", settings as never),
        0,
        100,
      );
      expect(listed.map((r) => r.row)).toEqual(want);
      forgetFlags(uf);
      const inline = await fetchListPage(
        engine,
        uf,
        withSettings("check=negative_critique", settings as never),
        0,
        100,
      );
      expect(inline.map((r) => r.row)).toEqual(want);
    }
    // the settings tried flag different rows than the defaults do
    expect(new Set(sizes).size, JSON.stringify(sizes)).toBeGreaterThan(2);
  });

  it("combines with the other filters and search, and counts what the list shows", async () => {
    const uf = datasets.ultrafeedback!;
    const ufRows = UF.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
    const sharegpt = new Set(where(ufRows, (r) => r.source === "sharegpt"));
    const dup = expected.ultrafeedback!.duplicate_prompt!;
    expect(await rowsOf(uf, "check=duplicate_prompt&source=sharegpt")).toEqual(dup.filter((i) => sharegpt.has(i)));
    const report = await runReport(engine, engine, uf, state("source=sharegpt"));
    expect(report.listedTotal).toBe(sharegpt.size);
    expect(report.total).toBe(ufRows.length);
    const line = report.lines.find((l) => l.check.id === "duplicate_prompt")!;
    expect(line.count).toBe(dup.length);
    expect(line.listed).toBe(dup.filter((i) => sharegpt.has(i)).length);
  });
});

describe("phrase lists", () => {
  const texts = [
    "The answer is a+b (c)? indeed",
    "see [x] here",
    "a back\\slash",
    "AS AN AI LANGUAGE MODEL, I can't",
    "nothing here",
    "a.c",
    "abc",
    "私はAI言語モデルとして答えます",
    "$1 OR 1=1 --",
  ];
  const phrases = ["a+b (c)?", "[X]", "\\", "as an ai language model", "a.c", "ai言語モデル", "$1 or", "  "];

  it("match as plain text in any case, as one pattern and as separate values alike", async () => {
    const oracle = texts.map((t) => hasAnyPhrase(t, phrases));
    expect(oracle).toEqual([true, true, true, true, false, true, false, true, true]);
    for (const constants of [true, false]) {
      const params = new Params({ constants });
      const rows = texts.map((t) => `(${params.add(t)})`).join(", ");
      const sql = `SELECT ${anyPhraseSql("t", phrases, params)} AS m FROM (VALUES ${rows}) v(t)`;
      await setConstants(engine, params);
      const got = (await engine.rows(sql, params.values)).map((r) => r.m);
      expect(got, constants ? "pattern" : "values").toEqual(oracle);
    }
  });
});

describe("a duplicate's group", () => {
  it.each(["ultrafeedback", "ultrafeedback_binarized", "ultrachat_200k", "ultrachat_raw"])(
    "is every row of %s with the same prompt, ignoring case, spaces and punctuation",
    async (id) => {
      const ds = datasets[id]!;
      const flagged = expected[id]!.duplicate_prompt!;
      expect(flagged.length).toBeGreaterThan(1);
      const key = (r: number) => textKey(prompts[id]![r]!);
      for (const row of flagged) {
        const group = flagged.filter((r) => key(r) === key(row));
        expect(await fetchCheckGroup(engine, ds, "duplicate_prompt", undefined, row), `${id} row ${row}`).toEqual({
          rows: group,
          total: group.length,
        });
      }
      const other = prompts[id]!.findIndex((_, r) => !flagged.includes(r));
      expect(await fetchCheckGroup(engine, ds, "duplicate_prompt", undefined, other)).toEqual({ rows: [], total: 0 });
      // a check that flags rows one by one has no groups
      expect(await fetchCheckGroup(engine, ds, "empty_prompt", undefined, flagged[0]!)).toBeNull();
    },
  );
});

describe("a repeated row's group, in a table of no layout", () => {
  it("is every row equal to it in every column", async () => {
    const records = [
      { q: "a", n: 1 },
      { q: "b", n: 2 },
      { q: "a", n: 1 },
      { q: "a", n: 2 },
      { q: "a", n: 1 },
    ];
    const ds = await loadGeneric(engine, "dupes", records);
    expect(await fetchCheckGroup(engine, ds, "duplicate_row", undefined, 2)).toEqual({ rows: [0, 2, 4], total: 3 });
    expect(await fetchCheckGroup(engine, ds, "duplicate_row", undefined, 3)).toEqual({ rows: [], total: 0 });
    // a large group names its first rows and this one, and counts the rest
    const many = await loadGeneric(
      engine,
      "many",
      Array.from({ length: GROUP_SHOWN + 20 }, () => ({ q: "same" })),
    );
    const last = GROUP_SHOWN + 19;
    expect(await fetchCheckGroup(engine, many, "duplicate_row", undefined, last)).toEqual({
      rows: [...Array(GROUP_SHOWN).keys(), last],
      total: GROUP_SHOWN + 20,
    });
  });
});

describe("the completions a check flags, in the record", () => {
  it("are those of exactly the rows the check lists, each with its reason", async () => {
    const uf = datasets.ultrafeedback!;
    const withCompletions = checksOf("ultrafeedback").filter((c) => c.completions);
    expect(withCompletions.map((c) => c.id).sort()).toEqual(
      [
        "disagree",
        "na_rating",
        "negative_critique",
        "off_scale_rating",
        "same_response",
        "under_length",
        "short_answer",
        "truncated_response",
      ].sort(),
    );
    for (const check of withCompletions) {
      const rows = expected.ultrafeedback![check.id]!;
      expect(rows.length, `${check.id} has a planted case`).toBeGreaterThan(0);
      const byRow = await Promise.all(rows.map((row) => fetchFlaggedCompletions(engine, uf, check.id, undefined, row)));
      for (const [i, flagged] of byRow.entries()) {
        expect(flagged!.length, `${check.id}, row ${rows[i]}`).toBeGreaterThan(0);
        for (const f of flagged!) expect(f.why.length, `${check.id}, row ${rows[i]}`).toBeGreaterThan(5);
      }
      // a row the check does not list has no flagged completion
      const other = [...Array(60).keys()].find((r) => !rows.includes(r))!;
      expect(await fetchFlaggedCompletions(engine, uf, check.id, undefined, other), check.id).toEqual([]);
    }
  });

  it("name the completion and say why: a short response's length, the same text's other model", async () => {
    const uf = datasets.ultrafeedback!;
    const ufRows = UF.flatMap((f) => jsonl(f)).map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
    const [row] = expected.ultrafeedback!.under_length!;
    const completions = ufRows[row!]!.completions;
    const short = completions.findIndex((c) => (c.response ?? "").trim().length < 20);
    const flagged = await fetchFlaggedCompletions(engine, uf, "under_length", undefined, row!);
    expect(flagged).toContainEqual({
      index: short,
      why: `a response of ${completions[short]!.response!.trim().length} characters, under 20`,
    });
    const [same] = expected.ultrafeedback!.same_response!;
    const twins = await fetchFlaggedCompletions(engine, uf, "same_response", undefined, same!);
    expect(twins!.length).toBeGreaterThanOrEqual(2);
    const models = ufRows[same!]!.completions.map((c) => c.model);
    for (const t of twins!) expect(t.why).toMatch(/^the same text as /);
    expect(twins![0]!.why).toContain(models[twins![1]!.index]!);
    expect(await fetchFlaggedCompletions(engine, uf, "empty_prompt", undefined, 0)).toBeNull();
  });
});
