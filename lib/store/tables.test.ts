import { openAsBlob } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DerivedTables } from "../datasets/derived";
import { appendStaged, datasetTables } from "../ingest/append";
import { jsonBatches } from "../ingest/json-batches";
import { ident } from "../sql/ident";
import { MemoryDir } from "../test/memory-dir";
import { fixtureFile, sampleFile } from "../test/fixtures";
import { WasmNodeEngine } from "../test/wasm-node";
import type { LayoutId } from "../types";
import { DatasetStore } from "./dataset-store";
import { reopenStored } from "./reopen";
import { tableColumns, tablesToStore } from "./tables";

/** A file loaded as the page loads it: the reader's Arrow batches, staged and appended with their derived columns. */
async function load(db: WasmNodeEngine, path: string, table: string) {
  let rows = 0;
  let layout: LayoutId = "generic";
  let columns: string[] = [];
  for await (const e of jsonBatches(path.split("/").pop()!, (await openAsBlob(path)).stream())) {
    if (e.kind === "schema") [layout, columns] = [e.layout, e.columns];
    if (e.kind !== "batch" || e.rows === 0) continue;
    await db.insertIpc(`${table}_staging`, e.ipc, true);
    await appendStaged(db, { table, layout, columns }, `${table}_staging`, rows);
    rows += e.rows;
  }
  return { layout, rows };
}

const dump = async (db: WasmNodeEngine, table: string) => {
  const cols = await tableColumns(db, table);
  const order = cols.some((c) => c.name === "idx") ? "__row, idx" : "__row";
  return { cols, rows: (await db.query(`SELECT * FROM ${ident(table)} ORDER BY ${order}`)).rows };
};

let page: WasmNodeEngine;
let later: WasmNodeEngine;
beforeAll(async () => {
  [page, later] = await Promise.all([WasmNodeEngine.open(), WasmNodeEngine.open()]);
});

const CASES = [
  ["UltraFeedback", sampleFile("ultrafeedback/sharegpt.jsonl")],
  ["raw UltraChat (Japanese)", sampleFile("ultrachat_ja/train_0.jsonl")],
  ["UltraFeedback, ratings off any scale", fixtureFile("ultrafeedback-offscale.jsonl")],
] as const;

describe("a dataset reopened from the store is the dataset that was loaded", () => {
  it.each(CASES)("%s: every table, column type and value, in row order", async (name, path) => {
    const table = `t_${name.replace(/\W/g, "_")}`;
    const { layout, rows } = await load(page, path, table);
    const root = new MemoryDir();
    const store = new DatasetStore(async () => root);
    // chunks of 7 rows: several chunks, the last one short
    const meta = await store.save(
      { key: "k", id: "x", name, layout, rows, files: [], origins: [path], sources: [] },
      await tablesToStore(page, { table, layout }, 7),
    );
    expect(meta.tables[0]!.chunks).toBe(Math.ceil(rows / 7));
    const reopened = await reopenStored(
      { db: later, insertArrow: (t, ipc, create) => later.insertIpc(t, ipc, create) },
      store,
      meta,
      { id: "x", name, table: `r_${table}`, derived: new DerivedTables("r"), sqlName: `v_${table}`, sources: [] },
    );
    expect(reopened).toMatchObject({ layout, rows, stored: { reopened: true, bytes: meta.bytes } });
    const tables = datasetTables(table, layout);
    expect(tables).toHaveLength(layout === "ultrafeedback" ? 2 : 1);
    for (const t of tables) {
      const before = await dump(page, t);
      const after = await dump(later, `r_${t}`);
      expect(after.cols).toEqual(before.cols);
      expect(after.rows).toHaveLength(before.rows.length);
      expect(after.rows).toEqual(before.rows);
    }
    // the readable view of the reopened dataset reads it
    const count = await later.query(`SELECT count(*) AS n FROM ${ident(`v_${table}`)}`);
    expect(Number(count.rows[0]!.n)).toBe(rows);
  });
});
