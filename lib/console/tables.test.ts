import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { readableViewStatements } from "../ingest/views";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadRecords } from "../test/native-load";
import { internalTest, joinGrowth, joinOf, readableViews } from "./tables";

describe("the left side of a join, read from the query's text", () => {
  it("finds the statement's own FROM and the USING column", () => {
    expect(joinOf("SELECT a.row, b.row FROM pairs a JOIN pairs b USING (prompt)")).toEqual({
      left: "pairs",
      key: "prompt",
    });
    expect(joinOf('SELECT * FROM "my table" AS t LEFT JOIN other o ON t.id = o.id')).toEqual({
      left: "my table",
      key: null,
    });
    expect(joinOf('FROM x JOIN y USING ("the key")')).toEqual({ left: "x", key: "the key" });
  });

  it("reads no join where only a subquery joins, and none in a query without one", () => {
    expect(joinOf("SELECT * FROM pairs WHERE row IN (SELECT 1 FROM a JOIN b ON true)")).toBeNull();
    expect(joinOf("SELECT count(*) FROM pairs")).toBeNull();
    expect(joinOf("FROM (SELECT 1) JOIN pairs ON true")).toBeNull();
    // the other side's rows, or another query's, may add to the count
    expect(joinOf("SELECT * FROM a RIGHT JOIN b USING (k)")).toBeNull();
    expect(joinOf("SELECT * FROM a FULL OUTER JOIN b USING (k)")).toBeNull();
    expect(joinOf("SELECT k FROM a JOIN b USING (k) UNION ALL SELECT k FROM c")).toBeNull();
  });
});

describe("the readable views and the internal tables", () => {
  const datasets = [
    { id: "ultrafeedback", sqlName: "ultrafeedback", layout: "ultrafeedback" as const, table: "p1_ds1" },
    { id: "x", sqlName: "pairs", layout: "ultrafeedback_binarized" as const, table: "other_ds2" },
  ];

  it("lists each dataset's view, and its completions after it", () => {
    expect(readableViews(datasets).map((v) => [v.name, v.noun])).toEqual([
      ["ultrafeedback", "prompts"],
      ["ultrafeedback_completions", "completions"],
      ["pairs", "pairs"],
    ]);
  });

  it("knows the page's own tables by their prefix or as a dataset's table", () => {
    const internal = internalTest("p1", datasets);
    expect(["p1_ds1", "p1_ds1__c", "p1_raw3", "other_ds2", "ultrafeedback", "pairs", "p10_x"].map(internal)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("a join that gives more rows than its left side", () => {
  let engine: NativeEngine;
  const ROWS = jsonl(sampleFile("ultrachat/train_0.jsonl"));
  const views = [{ name: "dialogues", noun: "dialogues", dataset: "d" }];

  beforeAll(async () => {
    engine = await NativeEngine.open();
    const ds = await loadRecords(engine, "ds_1", "ultrachat_raw", ROWS, 25);
    for (const sql of readableViewStatements("dialogues", ds.table, ds.layout, ds.columns)) await engine.query(sql);
  });

  it("says how many rows its left view has when the result has more", async () => {
    const sql = "SELECT * FROM dialogues d JOIN (VALUES (1), (2)) t(copy) ON true";
    expect(await joinGrowth(engine, sql, views, ROWS.length * 2)).toEqual({
      left: views[0],
      leftRows: ROWS.length,
      key: null,
    });
  });

  it("says nothing when the join keeps the count, or its left side is not a readable view", async () => {
    expect(
      await joinGrowth(engine, "SELECT * FROM dialogues a JOIN dialogues b USING (id)", views, ROWS.length),
    ).toBeNull();
    expect(await joinGrowth(engine, "SELECT * FROM ds_1 a JOIN ds_1 b ON true", views, 10_000)).toBeNull();
  });
});
