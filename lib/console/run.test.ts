import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import { readableViewStatements } from "../ingest/views";
import { QueryManager } from "../query/manager";
import { jsonl, sampleFile } from "../test/fixtures";
import { loadRecords } from "../test/native-load";
import { DerivedTables } from "../datasets/derived";
import { ConsoleRefusal, ownError, runQuery } from "./run";

const tables = new DerivedTables("c");

let engine: NativeEngine;
let db: QueryManager;
const ROWS = jsonl(sampleFile("ultrachat/train_0.jsonl"));

beforeAll(async () => {
  engine = await NativeEngine.open();
  const ds = await loadRecords(engine, "ds_1", "ultrachat_raw", ROWS, 25);
  for (const sql of readableViewStatements("ultrachat_train_0", ds.table, ds.layout, ds.columns))
    await engine.query(sql);
  db = new QueryManager(engine);
});

const intact = async () => {
  const [a] = await engine.rows("SELECT count(*) AS n FROM ultrachat_train_0");
  const [b] = await engine.rows("SELECT count(*) AS n FROM ds_1");
  return [Number(a!.n), Number(b!.n)];
};

describe("the console runs queries and nothing else", () => {
  it("runs a query into a table the list pages through, with its columns and types", async () => {
    const { ds } = await runQuery(
      db,
      tables,
      "SELECT id, len(data) AS turns FROM ultrachat_train_0 WHERE len(data) >= 10 ORDER BY turns DESC, id",
    );
    const expected = ROWS.filter((r) => (r.data as string[]).length >= 10).length;
    expect(ds.rows).toBe(expected);
    expect(ds.columns).toEqual(["id", "turns"]);
    expect(ds.columnTypes).toEqual({ id: "VARCHAR", turns: "BIGINT" });
    const rows = await engine.rows(`SELECT __row, turns FROM ${ds.table} ORDER BY __row`);
    expect(rows.map((r) => Number(r.turns))).toEqual(
      ROWS.map((r) => (r.data as string[]).length)
        .filter((n) => n >= 10)
        .sort((a, b) => b - a),
    );
  });

  it("says what DuckDB says about a query it cannot read", async () => {
    await expect(runQuery(db, tables, "SELEC 1")).rejects.toThrow(/syntax error at or near "SELEC"/);
    await expect(runQuery(db, tables, "SELECT * FROM no_such_table")).rejects.toThrow(/no_such_table/);
  });

  it.each([
    "DROP TABLE ultrachat_train_0",
    "DROP VIEW ultrachat_train_0",
    "DROP TABLE ds_1",
    "DELETE FROM ds_1",
    "UPDATE ds_1 SET id = 'x'",
    "INSERT INTO ds_1 (id) VALUES ('x')",
    "ALTER TABLE ds_1 RENAME TO gone",
    "ALTER TABLE ds_1 DROP COLUMN id",
    "CREATE OR REPLACE VIEW ultrachat_train_0 AS SELECT 1 AS x",
    "CREATE OR REPLACE TABLE ds_1 AS SELECT 1 AS x",
    "CREATE TABLE other AS SELECT 1",
    "ATTACH ':memory:' AS other",
    "DETACH memory",
    "COPY ds_1 TO 'out.csv'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
    "PRAGMA enable_profiling",
    "TRUNCATE ds_1",
    "SELECT 1; DROP TABLE ds_1",
    "BEGIN; DROP TABLE ds_1; COMMIT",
    "COMMIT; DROP TABLE ds_1",
    "SELECT 1 AS x); DROP TABLE ds_1; SELECT (1",
    "-- a comment first\nDROP TABLE ds_1",
    "SELECT * FROM query('DROP TABLE ds_1')",
  ])("refuses %s, and the loaded table and its view stay whole", async (sql) => {
    const before = await intact();
    const refused = await runQuery(db, tables, sql).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(await intact()).toEqual(before);
    expect(before).toEqual([ROWS.length, ROWS.length]);
  });

  it("refuses in words that say why", async () => {
    await expect(runQuery(db, tables, "DROP TABLE ds_1")).rejects.toBeInstanceOf(ConsoleRefusal);
    await expect(runQuery(db, tables, "DROP TABLE ds_1")).rejects.toThrow(/Only queries run in the console/);
    await expect(runQuery(db, tables, "SELECT 1; SELECT 2")).rejects.toThrow(/one statement at a time/);
  });
});

describe("an error is said once, about the query as written", () => {
  it("keeps a block the engine repeats once", () => {
    const twice =
      'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^\n\nLINE 1: SELEC 1\n        ^';
    expect(ownError(new Error(twice)).message).toBe(
      'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^',
    );
  });

  it("takes the console's own wrapping out of the quoted line and moves the caret with it", () => {
    const wrapper = 'CREATE OR REPLACE TEMP TABLE "c_raw2" AS ';
    const query = "SELECT CAST('x' AS INTEGER)";
    const caret = " ".repeat("LINE 1: ".length + wrapper.length + "SELECT ".length);
    const given = `Conversion Error: Could not convert string 'x' to INT32\n\nLINE 1: ${wrapper}${query}\n${caret}^`;
    expect(ownError(new Error(given), wrapper).message).toBe(
      `Conversion Error: Could not convert string 'x' to INT32\n\nLINE 1: ${query}\n${" ".repeat("LINE 1: SELECT ".length)}^`,
    );
  });

  it("never names the console's own table in what a failing query says", async () => {
    const failed = await runQuery(db, tables, "SELECT CAST(id || 'x' AS INTEGER) FROM ultrachat_train_0").catch(
      (e: Error) => e,
    );
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/^Conversion Error/);
    expect((failed as Error).message).not.toContain("CREATE");
    expect((failed as Error).message).not.toContain(`${tables.prefix}_raw`);
    // the caret under CAST, in the query as written
    expect((failed as Error).message).toContain(
      `LINE 1: SELECT CAST(id || 'x' AS INTEGER) FROM ultrachat_train_0\n${" ".repeat("LINE 1: SELECT ".length)}^`,
    );
  });
});
