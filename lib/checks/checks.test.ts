import { beforeAll, describe, expect, it } from "vitest";
import { fetchListPage } from "../data/list";
import { NativeEngine } from "../engine/native";
import { parseClauses } from "../filters/url";
import { feedbackRows, loadCheckSamples, type CheckSamples } from "../test/check-samples";
import { loadRecords } from "../test/native-load";
import type { DatasetRef, ListState } from "../types";
import { Params, setConstants } from "../sql/params";
import { forgetFlags } from "./flags";
import { NEGATIVE } from "../text/phrases";
import { anyPhraseSql, hasAnyPhrase } from "../text/rules";
import { checksOf } from "./index";
import { runReport } from "./report";
import { fetchFlaggedCompletions } from "./completions";
import { where } from "../test/check-oracles";

/**
 * Each check's count on the bundled samples (with their planted cases), against the same rule written
 * plainly in JavaScript over the files; and a check's filter lists exactly the rows it counts.
 */

let engine: NativeEngine;
let datasets: CheckSamples["datasets"];
/** The rows each check flags, by the oracle: layout → check → row numbers. */
let expected: CheckSamples["expected"];

beforeAll(async () => {
  engine = await NativeEngine.open();
  ({ datasets, expected } = await loadCheckSamples(engine));
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
    const rows = feedbackRows();
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
    const ufRows = feedbackRows();
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
    const ufRows = feedbackRows();
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
