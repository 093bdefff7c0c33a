import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pq from "parquet-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { parseClauses } from "../filters/url";
import { detectLayout, layoutFields, specOf } from "../layouts/registry";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadFiles } from "../test/native-load";
import type { DatasetRef, LayoutId, ListState } from "../types";
import { parquetChunks } from "./parquet";
import { columnTypes, exportColumns, exportSelect, selectionPages, textChunks, EXPORT_PAGE } from "./run";
import type { Connector } from "../engine/types";

let engine: NativeEngine;
const dir = mkdtempSync(join(tmpdir(), "export-test-"));
const SAMPLES: [LayoutId, string[]][] = [
  ["ultrachat_200k", [0, 1].map((i) => sampleFile(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`))],
  ["ultrachat_raw", [sampleFile("ultrachat/train_0.jsonl")]],
  ["ultrafeedback", ["sharegpt", "false_qa"].map((s) => sampleFile(`ultrafeedback/${s}.jsonl`))],
  ["ultrafeedback_binarized", [sampleFile("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet")]],
];
const loaded = new Map<LayoutId, DatasetRef>();
const state = (link = "", sort: ListState["sort"] = null): ListState => ({
  search: "",
  sort,
  clauses: parseClauses(new URLSearchParams(link)),
});

async function text(ds: DatasetRef, s: ListState, format: "jsonl" | "csv" | "csv-raw" | "ids", db: Connector = engine) {
  const { select, columns, numberText } = exportSelect(ds, format, await columnTypes(db, ds.table));
  let out = "";
  for await (const chunk of textChunks(selectionPages(db, ds, s, select), format, columns, numberText)) out += chunk;
  return out;
}

async function parquet(ds: DatasetRef, s: ListState): Promise<string> {
  const { select, columns } = exportSelect(ds, "parquet");
  const parts: Uint8Array[] = [];
  for await (const chunk of parquetChunks(
    pq,
    selectionPages(engine, ds, s, select),
    specOf(ds.layout).fields,
    columns,
  )) {
    parts.push(chunk);
  }
  const path = join(dir, `${ds.table}-${parts.length}-${Math.random().toString(36).slice(2)}.parquet`);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

beforeAll(async () => {
  engine = await NativeEngine.open();
  for (const [layout, files] of SAMPLES) loaded.set(layout, await loadFiles(engine, `t_${layout}`, layout, files));
});

describe("export round trips in the published layouts", () => {
  it.each(SAMPLES.map(([l]) => l))(
    "%s as JSON Lines: the same layout and the same rows, row for row",
    async (layout) => {
      const ds = loaded.get(layout)!;
      const lines = (await text(ds, state(), "jsonl"))
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const columns = exportColumns(ds);
      expect(columns).toEqual(layoutFields(layout).map((f) => f.name));
      expect(detectLayout(Object.keys(lines[0]!))).toEqual({ layout });
      const rows = await engine.rows(
        `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM ${ds.table} ORDER BY __row`,
      );
      expect(lines).toEqual(rows);
      // read back as the page reads JSON: normalized to the same canonical rows
      expect(lines.map((l) => specOf(layout).normalize(l))).toEqual(rows);
    },
  );

  it.each(SAMPLES.map(([l]) => l))(
    "%s as Parquet: the same nested columns and rows, re-read by DuckDB",
    async (layout) => {
      const ds = loaded.get(layout)!;
      const path = await parquet(ds, state());
      const columns = exportColumns(ds);
      const back = await engine.rows(`SELECT * FROM read_parquet('${path}')`);
      const rows = await engine.rows(
        `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM ${ds.table} ORDER BY __row`,
      );
      expect(back).toEqual(rows);
      expect(detectLayout(Object.keys(back[0]!))).toEqual({ layout });
    },
  );

  it("writes exactly the rows the list counts: filters, search and order", async () => {
    const uf = loaded.get("ultrafeedback")!;
    const s = state("honesty=..2&source=sharegpt", { column: "__mean_honesty", desc: true });
    const ids = (await text(uf, s, "ids")).trimEnd().split("\n");
    const expected = await engine.rows(
      `SELECT coalesce(id, sha256(instruction)) AS id FROM ${uf.table} WHERE source = 'sharegpt' AND __row IN
         (SELECT __row FROM ${uf.table}__c WHERE r_honesty <= 2) ORDER BY __mean_honesty DESC NULLS LAST, __row`,
    );
    expect(ids).toEqual(expected.map((r) => r.id));
    const pairs = loaded.get("ultrafeedback_binarized")!;
    const csv = await text(pairs, state("ties=only"), "csv");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("prompt,prompt_id,chosen,rejected,messages,score_chosen,score_rejected");
    const ties = await engine.rows(`SELECT count(*) AS n FROM ${pairs.table} WHERE score_chosen = score_rejected`);
    // each record is one line once quoted; nested values are JSON text
    expect(csv.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter(Boolean).length - 1).toBe(Number(ties[0]!.n));
  });

  it("pages through more rows than one page, in any order", async () => {
    const rows = Array.from({ length: EXPORT_PAGE * 2 + 7 }, (_, i) => ({ id: String(i), data: [`turn ${i}`, "ok"] }));
    const path = join(dir, "many.jsonl");
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const ds = await loadFiles(engine, "many", "ultrachat_raw", [path]);
    const forward = (await text(ds, state(), "ids")).trimEnd().split("\n");
    expect(forward).toEqual(rows.map((r) => r.id));
    const back = (await text(ds, state("", { column: "__row", desc: true }), "ids")).trimEnd().split("\n");
    expect(back).toEqual(rows.map((r) => r.id).reverse());
    expect(jsonl(path)).toHaveLength(rows.length);
  });
});
