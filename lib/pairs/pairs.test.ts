import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { fixtureFile, jsonl, sampleFile } from "../test/fixtures";
import { derivedFor as derivedOf, loadFiles } from "../test/native-load";
import { pairOracle } from "../test/pair-oracle";
import { Params } from "../sql/params";
import { searchPredicate } from "../sql/search";
import type { LayoutId } from "../types";
import { computePairing, countFlags, pairPredicate, partnerSearch, type PairSide, type PairSummary } from "./align";
import { flagsOf } from "./flags";
import { alignedJsonl } from "./export";
import { fetchPairRecord } from "./record";
import { DEFAULT_PAIR, JA_JS, JA_RE, lit } from "./rules";

type Row = Record<string, unknown>;
const planted = JSON.parse(readFileSync(fixtureFile("pairs-planted.json"), "utf8")) as Record<
  string,
  Record<string, { rows: number[]; keys: string[] }>
>;
const UF = ["sharegpt", "false_qa", "truthful_qa"];

let engine: NativeEngine;
let n = 0;
async function side(layout: LayoutId, files: string[]): Promise<PairSide> {
  const ds = await loadFiles(engine, `t${++n}`, layout, files.map(sampleFile));
  const rows = Number((await engine.rows(`SELECT count(*) AS n FROM t${n}`))[0]!.n);
  return { ...ds, id: `side${n}`, name: files[0]!, rows };
}
async function listed(ds: PairSide, flag: string, settings = DEFAULT_PAIR): Promise<number[]> {
  const params = new Params();
  const where = pairPredicate(ds, flag, settings, params);
  const rows = await engine.rows(`SELECT __row FROM ${ds.table} WHERE ${where} ORDER BY __row`, params.values);
  return rows.map((r) => Number(r.__row));
}
/** Every flag's rows and the headings' counts, against the oracle; and each planted case among them. */
async function agrees(
  summary: PairSummary,
  oracle: ReturnType<typeof pairOracle>,
  plants: Record<string, { rows: number[] }>,
) {
  expect([summary.aligned, summary.onlyLeft, summary.onlyRight, summary.repeatedKeys]).toEqual([
    oracle.aligned,
    oracle.onlyLeft,
    oracle.onlyRight,
    oracle.repeatedKeys,
  ]);
  for (const f of flagsOf(summary.kind)) {
    const rows = await listed(summary.left, f.id);
    expect(rows, f.id).toEqual(oracle.flags[f.id] ?? []);
    expect(summary.flags[f.id], f.id).toBe(rows.length);
  }
  for (const [flag, p] of Object.entries(plants)) {
    if (flag === "only_left") expect(await listed(summary.left, "only_left")).toEqual(p.rows);
    else if (flag === "only_right") expect(summary.onlyRight).toBe(p.rows.length);
    else for (const row of p.rows) expect(await listed(summary.left, flag), flag).toContain(row);
  }
}

beforeAll(async () => {
  engine = await NativeEngine.open();
});

describe("a raw UltraChat translation of the assistant's turns only", () => {
  let summary: PairSummary;
  let en: Row[];
  let ja: Row[];
  beforeAll(async () => {
    const [a, b] = [
      await side("ultrachat_raw", ["ultrachat/train_0.jsonl"]),
      await side("ultrachat_raw", ["ultrachat_ja/train_0.jsonl"]),
    ];
    summary = await computePairing(engine, a, b);
    en = jsonl(sampleFile("ultrachat/train_0.jsonl"));
    ja = jsonl(sampleFile("ultrachat_ja/train_0.jsonl"));
  });

  it("is read as a translation of the assistant's turns, aligned by id", () => {
    expect(summary.kind).toBe("translation");
    expect(summary.kindGuessed).toBe(true);
    expect(summary.assistantOnly).toBe("left");
    expect(summary.keyBy).toBe("id");
    expect([summary.aligned, summary.onlyLeft, summary.onlyRight]).toEqual([67, 2, 1]);
  });

  it("flags exactly the rows the plain-code oracle does, the planted ones among them", async () => {
    const oracle = pairOracle("ultrachat_raw", en, ja, "translation", DEFAULT_PAIR);
    await agrees(summary, oracle, planted.ultrachat!);
    // every aligned row is an assistant-only translation: the turn counts differ, no turn is missing but the planted ones
    expect(summary.flags.turns).toBe(67);
    expect(await listed(summary.left, "dropped")).toEqual(planted.ultrachat!.dropped!.rows);
    expect(await listed(summary.left, "untranslated")).toEqual(planted.ultrachat!.untranslated!.rows);
  });

  it("a narrower length band flags more rows, as the oracle does with it", async () => {
    const band = { ratioMin: 0.4, ratioMax: 0.9 };
    const oracle = pairOracle("ultrachat_raw", en, ja, "translation", band);
    expect(await listed(summary.left, "length", band)).toEqual(oracle.flags.length);
    expect((await countFlags(engine, summary.left, band)).length).toBe(oracle.flags.length!.length);
    expect(oracle.flags.length!.length).toBeGreaterThan(2);
  });

  it("the record aligns each translated answer with its original and marks the user's turns as not translated", async () => {
    const row = planted.ultrachat!.dropped!.rows[0]!;
    const rec = (await fetchPairRecord(engine, summary.left, row))!;
    expect(rec.right).toBe(ja.findIndex((r) => r.id === String(row)));
    const data = en[row]!.data as string[];
    expect(rec.units.map((u) => u.left?.text ?? null)).toEqual(data);
    const answers = ja[rec.right!]!.data as string[];
    expect(rec.units.filter((u) => u.left?.role === "assistant").map((u) => u.right?.text ?? null)).toEqual([
      ...answers,
      ...Array(data.length / 2 - answers.length).fill(null),
    ]);
    expect(rec.units.filter((u) => u.left?.role === "user").every((u) => u.right === null && u.expected)).toBe(true);
    expect(rec.units.filter((u) => u.right === null && !u.expected)).toHaveLength(1);
  });

  it("a search of the partner lists the rows whose translation matches", async () => {
    const params = new Params();
    const needle = params.add("この点は思ったより大切です");
    const where = partnerSearch(summary.left, (p) => searchPredicate(p, needle));
    const rows = await engine.rows(`SELECT count(*) AS n FROM ${summary.left.table} WHERE ${where}`, params.values);
    const expected = ja.filter(
      (r) =>
        en.some((e) => e.id === r.id) && (r.data as string[]).some((t) => t.includes("この点は思ったより大切です")),
    );
    expect(Number(rows[0]!.n)).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(10);
  });
});

describe("a raw UltraFeedback translation", () => {
  let summary: PairSummary;
  let en: Row[];
  let ja: Row[];
  beforeAll(async () => {
    const a = await side(
      "ultrafeedback",
      UF.map((f) => `ultrafeedback/${f}.jsonl`),
    );
    const b = await side(
      "ultrafeedback",
      UF.map((f) => `ultrafeedback_ja/${f}.jsonl`),
    );
    summary = await computePairing(engine, a, b);
    en = UF.flatMap((f) => jsonl(sampleFile(`ultrafeedback/${f}.jsonl`)));
    ja = UF.flatMap((f) => jsonl(sampleFile(`ultrafeedback_ja/${f}.jsonl`)));
  });

  it("is aligned by source and place, completion by completion, every flag as the oracle finds it", async () => {
    expect(summary.kind).toBe("translation");
    expect(summary.assistantOnly).toBe("none");
    expect([summary.aligned, summary.onlyLeft, summary.onlyRight]).toEqual([59, 1, 0]);
    await agrees(summary, pairOracle("ultrafeedback", en, ja, "translation", DEFAULT_PAIR), planted.ultrafeedback!);
    expect(summary.flags).toEqual({
      turns: 0,
      dropped: 0,
      untranslated: 1,
      length: 1,
      numbers: 1,
      code: 1,
      ratings: 2,
    });
  });

  it("the record holds both sides unit by unit and says which unit a flag is on", async () => {
    const row = planted.ultrafeedback!.ratings!.rows[0]!;
    const rec = (await fetchPairRecord(engine, summary.left, row))!;
    const hit = rec.units.filter((u) => u.flags.includes("ratings"));
    expect(hit.map((u) => u.left?.part)).toEqual(["completion 2 · honesty rating"]);
    expect(hit[0]!.left?.text).not.toBe(hit[0]!.right?.text);
  });

  it("read the other way round (the translation first), the same rows are flagged", async () => {
    const swapped = await computePairing(engine, summary.right, summary.left);
    expect(swapped.kind).toBe("translation");
    expect(swapped.flags).toEqual(summary.flags);
    expect([swapped.onlyLeft, swapped.onlyRight]).toEqual([0, 1]);
  });
});

describe("two versions of the binarized pairs", () => {
  it("lists the rows of each version only, the changed ones and the equal ones, as the oracle does", async () => {
    const files = ["test_prefs-00000-of-00001.parquet", "test_prefs-00000-of-00001-17309c769bfe5733.parquet"].map(
      (f) => `ultrafeedback_binarized/${f}`,
    );
    const [a, b] = [
      await side("ultrafeedback_binarized", [files[0]!]),
      await side("ultrafeedback_binarized", [files[1]!]),
    ];
    const summary = await computePairing(engine, a, b);
    expect(summary.kind).toBe("version");
    const read = (f: string) => engine.rows(`SELECT * FROM read_parquet('${sampleFile(f)}')`) as Promise<Row[]>;
    const oracle = pairOracle(
      "ultrafeedback_binarized",
      await read(files[0]!),
      await read(files[1]!),
      "version",
      DEFAULT_PAIR,
    );
    await agrees(summary, oracle, planted.binarized!);
    expect(await listed(a, "changed")).toEqual(planted.binarized!.changed!.rows);
    expect([summary.onlyLeft, summary.onlyRight, summary.flags.changed]).toEqual([1, 3, 3]);
    const rec = (await fetchPairRecord(engine, a, 20))!;
    expect(rec.units.filter((u) => u.flags.includes("changed")).map((u) => u.left?.part)).toEqual(["chosen"]);
  });
});

describe("Japanese text", () => {
  const cases: [string, boolean][] = [
    ["plain English, with 3 numbers", false],
    ["mixed: the word 潮だまり in English", true],
    ["カタカナだけ", true],
    ["ひらがな", true],
    ["한국어 텍스트", false],
    ["Ｆｕｌｌ－ｗｉｄｔｈ ＬＡＴＩＮ １２３", false],
    ["```\n# コメント\n```", true],
  ];
  it.each(cases)("%s → %s, in SQL and in plain code alike", async (text, ja) => {
    const rows = await engine.rows(`SELECT regexp_matches($1, ${lit(JA_RE)}) AS ja`, [text]);
    expect(rows[0]!.ja).toBe(ja);
    expect(JA_JS.test(text)).toBe(ja);
  });
});

describe("tables of no known layout", () => {
  it("align by the column the user picks, else by row order (and say so); the aligned pairs export as JSON Lines", async () => {
    const make = async (table: string, rows: [number, string, string][]) => {
      await engine.query(`CREATE TABLE ${table} (__row INTEGER, id INTEGER, question VARCHAR, answer VARCHAR)`);
      for (const [i, r] of rows.entries())
        await engine.query(`INSERT INTO ${table} VALUES ($1, $2, $3, $4)`, [i, r[0], r[1], r[2]]);
      return {
        table,
        layout: "generic" as const,
        columns: ["id", "question", "answer"],
        derived: derivedOf(engine),
        id: table,
        name: table,
        rows: rows.length,
      };
    };
    const a = await make("g1", [
      [1, "What is 2 + 2?", "It is 4."],
      [2, "Name a planet.", "Mars, the 4th planet."],
      [3, "Where is https://example.org/x?", "On the web."],
    ]);
    const b = await make("g2", [
      [3, "https://example.org/x はどこ？", "ウェブ上です。"],
      [1, "2 + 2 は？", "答えは5です。"],
      // full-width digits are read as digits: nothing is lost here
      [2, "惑星の名前は？", "火星（第４惑星）です。"],
    ]);
    const byKey = await computePairing(engine, a, b, { key: "id", kind: "translation" });
    expect([byKey.keyBy, byKey.aligned, byKey.onlyLeft, byKey.onlyRight]).toEqual(["id", 3, 0, 0]);
    // "4" of the first answer is missing from its translation ("5")
    expect(await listed(a, "numbers")).toEqual([0]);
    const out = await alignedJsonl(engine, a, { search: "", sort: null }, DEFAULT_PAIR);
    const lines = (await out.blob.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      key: "1",
      row: 0,
      partner_row: 1,
      left: { id: 1, answer: "It is 4." },
      right: { answer: "答えは5です。" },
    });
    expect(lines[0]!.flags).toContain("numbers");
    const byOrder = await computePairing(engine, a, b, { kind: "translation" });
    expect([byOrder.keyBy, byOrder.aligned, byOrder.onlyLeft]).toEqual(["row order", 3, 0]);
  });
});
