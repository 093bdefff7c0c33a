import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { loadCheckSamples, feedbackRows, type CheckSamples } from "../test/check-samples";
import { loadGeneric } from "../test/native-load";
import { textKey } from "../text/rules";
import { fetchCheckGroup, fetchFlaggedCompletions, GROUP_SHOWN } from "./completions";
import { checksOf } from "./index";

/**
 * What the record shows of a check: the completions it flags, each with its reason, and the group a
 * duplicate belongs to — against the plain rules over the bundled samples.
 */

let engine: NativeEngine;
let datasets: CheckSamples["datasets"];
let expected: CheckSamples["expected"];
let prompts: CheckSamples["prompts"];

beforeAll(async () => {
  engine = await NativeEngine.open();
  ({ datasets, expected, prompts } = await loadCheckSamples(engine));
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
    const ufRows = feedbackRows();
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
