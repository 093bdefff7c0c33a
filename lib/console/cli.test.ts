import { describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { readableViewStatements } from "../ingest/views";
import { sampleFile } from "../test/fixtures";
import { loadFiles } from "../test/native-load";
import type { LoadedDataset } from "../types";
import { forDuckdbCli } from "./cli";

const dataset = (over: Partial<LoadedDataset>): LoadedDataset => ({
  id: "x",
  table: "t",
  layout: "ultrachat_200k",
  columns: ["prompt", "prompt_id", "messages"],
  name: "x",
  sqlName: "x",
  rows: 0,
  files: [],
  origins: [],
  ...over,
});

describe("Copy for DuckDB CLI", () => {
  const files = [0, 1].map((i) => sampleFile(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
  const chat = dataset({ sqlName: "ultrachat_200k_test_sft", origins: files });

  it("replaces the readable names, not strings, comments or qualified columns", () => {
    const sql = `SELECT t.prompt, 'ultrachat_200k_test_sft' AS s -- ultrachat_200k_test_sft\nFROM ultrachat_200k_test_sft t WHERE t.row < 3`;
    const out = forDuckdbCli(sql, [chat]);
    expect(out).toContain(`'ultrachat_200k_test_sft' AS s -- ultrachat_200k_test_sft`);
    expect(out).toContain(
      `FROM (SELECT * RENAME (__row AS "row") FROM (SELECT row_number() OVER () - 1 AS __row, * FROM read_parquet([`,
    );
    expect(out).toMatch(/\)\) t WHERE t\.row < 3$/);
  });

  it("gives the same rows in native DuckDB as the view in the page", async () => {
    const engine = await NativeEngine.open();
    const ds = await loadFiles(engine, "ds_1", "ultrachat_200k", files);
    for (const s of readableViewStatements("ultrachat_200k_test_sft", ds.table, ds.layout, ds.columns))
      await engine.query(s);
    const sql =
      "SELECT row, prompt_id, len(messages) AS turns FROM ultrachat_200k_test_sft WHERE len(messages) > 6 ORDER BY row";
    expect(await engine.rows(forDuckdbCli(sql, [chat]))).toEqual(await engine.rows(sql));
  });

  it("rebuilds UltraFeedback's completions from its files, and keeps qualified names working", async () => {
    const engine = await NativeEngine.open();
    const paths = ["sharegpt", "false_qa"].map((s) => sampleFile(`ultrafeedback/${s}.jsonl`));
    const ds = await loadFiles(engine, "ds_2", "ultrafeedback", paths);
    for (const s of readableViewStatements("ultrafeedback", ds.table, ds.layout, ds.columns)) await engine.query(s);
    const uf = dataset({ layout: "ultrafeedback", columns: ds.columns, sqlName: "ultrafeedback", origins: paths });
    const sql =
      "SELECT ultrafeedback_completions.model, count(*) AS n, avg(r_honesty) AS h FROM ultrafeedback_completions " +
      "JOIN ultrafeedback USING (row) WHERE ultrafeedback.source = 'sharegpt' GROUP BY 1 ORDER BY 1";
    expect(await engine.rows(forDuckdbCli(sql, [uf]))).toEqual(await engine.rows(sql));
  });
});
