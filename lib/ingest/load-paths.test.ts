import { openAsBlob } from "node:fs";
import { tableFromIPC } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { DerivedTables } from "../datasets/derived";
import { NativeEngine } from "../engine/native";
import { resultOf } from "../engine/plain";
import { ident } from "../sql/ident";
import { fixtureFile, sampleFile } from "../test/fixtures";
import type { LayoutId } from "../types";
import { jsonBatches } from "./json-batches";
import { loadFilesSql } from "./sql-stage";

/**
 * The two ways a JSON Lines file comes in — the page's reader (parsed in a worker into Arrow batches of
 * the layout's columns) and the server's (DuckDB's own `read_json`, with every core) — give the same
 * rows, value for value, before the one finish both share.
 */

/** The page's way: the reader's Arrow batches, as rows. */
async function pageRows(path: string) {
  const rows: Record<string, unknown>[] = [];
  for await (const e of jsonBatches(path.split("/").pop()!, (await openAsBlob(path)).stream())) {
    if (e.kind === "batch") rows.push(...resultOf(tableFromIPC(e.ipc)).rows);
  }
  return rows;
}

let engine: NativeEngine;
beforeAll(async () => {
  engine = await NativeEngine.open();
});

const CASES: [string, string, LayoutId][] = [
  ...(
    [
      ["ultrafeedback/sharegpt.jsonl", "ultrafeedback"],
      ["ultrafeedback/truthful_qa.jsonl", "ultrafeedback"],
      ["ultrafeedback_ja/sharegpt.jsonl", "ultrafeedback"],
      ["ultrachat/train_0.jsonl", "ultrachat_raw"],
      ["ultrachat_ja/train_0.jsonl", "ultrachat_raw"],
    ] as const
  ).map(([f, layout]): [string, string, LayoutId] => [f, sampleFile(f), layout]),
  // ratings and scores off any scale (NaN, Infinity, 1e400), and a model name that reorders text
  ["ultrafeedback-offscale.jsonl", fixtureFile("ultrafeedback-offscale.jsonl"), "ultrafeedback"],
  ["ultrafeedback-rtl.jsonl", fixtureFile("ultrafeedback-rtl.jsonl"), "ultrafeedback"],
];

describe("the page's load and the server's load read a file alike", () => {
  it.each(CASES)("%s", async (file, path, layout) => {
    const inPage = await pageRows(path);
    const table = `t_${file.replace(/\W/g, "_")}`;
    const ds = await loadFilesSql(engine, { table, layout, paths: [path], derived: new DerivedTables("p") });
    const own = ds.columns.map(ident).join(", ");
    const onServer = (await engine.query(`SELECT ${own} FROM ${ident(table)} ORDER BY __row`)).rows;
    expect(inPage.length).toBeGreaterThan(0);
    expect(onServer).toHaveLength(inPage.length);
    // the same values, row by row and column by column
    for (const [i, row] of inPage.entries()) {
      for (const c of ds.columns) expect(onServer[i]![c], `${file}, row ${i}, ${c}`).toEqual(row[c]);
    }
  });
});
