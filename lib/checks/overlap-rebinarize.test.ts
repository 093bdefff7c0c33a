import { beforeAll, describe, expect, it } from "vitest";
import { fetchListPage } from "../data/list";
import { NativeEngine } from "../engine/native";
import { parseClauses } from "../filters/url";
import { normalizeUltraFeedback } from "../formats/normalize";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadFiles, loadRecords } from "../test/native-load";
import type { DatasetRef } from "../types";
import { computeOverlap, DEFAULT_OVERLAP, mergeRuns, promptOf, rowOverlaps, type Side } from "./overlap";
import { compareWithPublished, pairsSql, rebinarize, type Rule, type ScoreRule } from "./rebinarize";
import { textKey } from "../text/rules";
import { overlapOracle, rebinarizeOracle } from "../test/check-oracles";
import { Params } from "../sql/params";

type Msg = { role: string; content: string };
type Completion = {
  model: string;
  response: string;
  overall_score: number | null;
  annotations: Record<string, { Rating?: string } | undefined>;
};
type Feedback = { instruction: string; completions: Completion[] };
type Pair = { prompt: string; chosen: Msg[]; score_chosen: number };

let engine: NativeEngine;
let uf: DatasetRef;
let pairs: DatasetRef;
let ufRows: Feedback[];
let pairRows: Pair[];

const PAIRS = sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet");

beforeAll(async () => {
  engine = await NativeEngine.open();
  ufRows = ["sharegpt", "false_qa", "truthful_qa"]
    .flatMap((s) => jsonl(sampleFile(`ultrafeedback/${s}.jsonl`)))
    .map((r) => normalizeUltraFeedback(r) as unknown as Feedback);
  uf = await loadRecords(engine, "uf", "ultrafeedback", ufRows as never, 25);
  pairs = await loadFiles(engine, "pairs", "ultrafeedback_binarized", [PAIRS]);
  pairRows = (await engine.rows(`SELECT * FROM read_parquet('${PAIRS}')`)) as unknown as Pair[];
});

describe("overlap of two datasets", () => {
  it("counts exact and shared-run matches both ways, as a plain comparison does", async () => {
    const a: Side = {
      id: "pairs",
      name: "pairs",
      table: pairs.table,
      text: promptOf(pairs.layout)!,
      derived: pairs.derived!,
    };
    const b: Side = { id: "uf", name: "uf", table: uf.table, text: promptOf(uf.layout)!, derived: uf.derived! };
    const result = await computeOverlap(engine, a, b, DEFAULT_OVERLAP);
    const prompts = pairRows.map((p) => p.prompt);
    const instructions = ufRows.map((r) => r.instruction);
    const ab = overlapOracle(prompts, instructions);
    const ba = overlapOracle(instructions, prompts);
    expect([result.aExact, result.aRuns, result.aAny]).toEqual([ab.exact.length, ab.shared.length, ab.any.length]);
    expect([result.bExact, result.bRuns, result.bAny]).toEqual([ba.exact.length, ba.shared.length, ba.any.length]);
    // the two planted pairs share a run with a long instruction but equal none
    const planted = prompts.length - 2;
    expect(ab.shared).toEqual(expect.arrayContaining([planted, planted + 1]));
    expect(ab.exact).not.toContain(planted);
    // the filter lists exactly the overlapping rows
    const listed = await fetchListPage(
      engine,
      pairs,
      { search: "", sort: null, clauses: parseClauses(new URLSearchParams("overlap=uf")) },
      0,
      1000,
    );
    expect(listed.map((r) => r.row)).toEqual(ab.any);
  });

  it("shows where a row overlaps: the shared span and the other's rows", async () => {
    const planted = pairRows.length - 2;
    const [en] = await rowOverlaps(engine, pairs, planted);
    expect(en!.exactRows).toEqual([]);
    expect(en!.spans).toEqual(["which tide pool animals are safe to touch and which ones we should only look at"]);
    const long = ufRows.findIndex((r) => r.instruction.startsWith("I am planning a weekend trip"));
    expect(en!.rows).toEqual([long]);
    const [ja] = await rowOverlaps(engine, pairs, planted + 1);
    expect(ja!.spans).toEqual(["潮だまりで触ってもよい生き物と見るだけにすべき生き物"]);
    const [same] = await rowOverlaps(engine, pairs, 0);
    const twins = ufRows.flatMap((r, i) => (textKey(r.instruction) === textKey(pairRows[0]!.prompt) ? [i] : []));
    expect(twins.length).toBe(2);
    expect(same!.exactRows).toEqual(twins);
  });

  it("merges runs that touch or overlap into spans", () => {
    expect(mergeRuns([0, 1, 5, 20], 5)).toEqual([
      [0, 10],
      [20, 25],
    ]);
  });
});

/** Re-binarized pairs beside the published chosen answer of the same prompt, the n-th occurrence with the n-th. */
function matchByOccurrence(
  mine: ReturnType<typeof rebinarizeOracle>,
): [ReturnType<typeof rebinarizeOracle>[number], string][] {
  const published = new Map<string, string[]>();
  for (const p of pairRows) {
    const list = published.get(p.prompt) ?? [];
    list.push(p.chosen.find((m) => m.role === "assistant")!.content);
    published.set(p.prompt, list);
  }
  const seen = new Map<string, number>();
  return mine.flatMap((p) => {
    const prompt = ufRows[p.row]!.instruction;
    const n = seen.get(prompt) ?? 0;
    seen.set(prompt, n + 1);
    const answer = published.get(prompt)?.[n];
    return answer === undefined ? [] : [[p, answer] as [typeof p, string]];
  });
}

const RULES: Rule[] = (["overall", "mean", "honesty"] as ScoreRule[]).flatMap((score) =>
  (["keep", "drop"] as const).flatMap((ties) =>
    (["lowest", "random"] as const).map((rejected) => ({ score, ties, rejected, seed: 7 })),
  ),
);

describe("re-binarizing UltraFeedback", () => {
  it.each(RULES.map((r) => [`${r.score}, ties ${r.ties}, rejected ${r.rejected}`, r] as const))(
    "%s: the same pairs as the plain rule, row for row",
    async (_name, rule) => {
      const params = new Params();
      const got = (await engine.rows(pairsSql(uf.table, rule, params), params.values)).map((r) => ({
        row: Number(r.raw_row),
        chosen: (r.chosen as Msg[])[1]!.content,
        rejected: (r.rejected as Msg[])[1]!.content,
        sc: Number(r.score_chosen),
        sr: Number(r.score_rejected),
      }));
      const want = rebinarizeOracle(ufRows, rule);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    },
  );

  it("as published (highest overall_score) it keeps the published chosen answer; by the mean it changes some", async () => {
    const published = await rebinarize(engine, uf, {
      score: "overall",
      ties: "keep",
      rejected: "random",
      seed: 1,
    });
    const same = await compareWithPublished(engine, published.full, pairs.table);
    // the binarized sample was built the published way from the same rows (truthful_qa left out)
    const overall = rebinarizeOracle(ufRows, { score: "overall", ties: "keep", rejected: "random", seed: 1 });
    expect(same.matched).toBe(matchByOccurrence(overall).length);
    expect(same.changed).toBe(0);

    const byMean = await rebinarize(engine, uf, { score: "mean", ties: "keep", rejected: "lowest", seed: 1 });
    const diff = await compareWithPublished(engine, byMean.full, pairs.table);
    const oracle = matchByOccurrence(
      rebinarizeOracle(ufRows, { score: "mean", ties: "keep", rejected: "lowest", seed: 1 }),
    );
    expect(diff.matched).toBe(oracle.length);
    expect(diff.changed).toBe(oracle.filter(([mine, published]) => mine.chosen !== published).length);
    expect(diff.changed).toBeGreaterThan(0);
    expect(diff.examples[0]!.publishedChosen).not.toBe(diff.examples[0]!.chosen);
  });
});
