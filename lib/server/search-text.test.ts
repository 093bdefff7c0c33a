import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { SearchText, WarmTables } from "./search-text";

/** A serving database with one read-only dataset file of three rows attached as d1. */
async function serving() {
  const file = join(mkdtempSync(join(tmpdir(), "search-text-")), "d.duckdb");
  const maker = await DuckDBInstance.create(file);
  const w = await maker.connect();
  await w.run(
    "CREATE TABLE t AS SELECT range AS __row, ['Alpha Beta', 'gamma', '氷河 Delta'][range + 1] AS s FROM range(3)",
  );
  w.closeSync();
  maker.closeSync();
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  await conn.run(`ATTACH '${file}' AS d1 (READ_ONLY)`);
  const read = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJS();
  return { db, read };
}

describe("a served dataset's search text", () => {
  it("is read from the file until it is held, then from memory, with the same rows", async () => {
    const { db, read } = await serving();
    const text = new SearchText(Promise.resolve(db), 1_000);
    const view = await text.expose("d1", "t", "lower(s)");
    const search = `SELECT __row FROM memory.main.${view} WHERE contains(__text, 'a') ORDER BY 1`;
    // The text is computed, lowercased, from the file's column: the file holds no text column.
    const fromFile = await read(search);
    expect(fromFile).toEqual([[0n], [1n], [2n]]);
    expect(String((await read(`SELECT sql FROM duckdb_views() WHERE view_name = '${view}'`))[0]![0])).toContain(
      "d1.main.t",
    );
    expect(await text.hold("d1", "t", "lower(s)", 30)).toBe(true);
    expect(String((await read(`SELECT sql FROM duckdb_views() WHERE view_name = '${view}'`))[0]![0])).toContain(
      "__held_t",
    );
    expect(await read(search)).toEqual(fromFile);
    expect(await read(`SELECT __row FROM memory.main.${view} WHERE contains(__text, '氷河')`)).toEqual([[2n]]);
    expect(await read(`SELECT __text FROM memory.main.${view} ORDER BY __row`)).toEqual([
      ["alpha beta"],
      ["gamma"],
      ["氷河 delta"],
    ]);
  });

  it("stays in the file when it does not fit what is left of the share", async () => {
    const { db, read } = await serving();
    const text = new SearchText(Promise.resolve(db), 1_000);
    const view = await text.expose("d1", "t", "lower(s)");
    expect(await text.hold("d1", "t", "lower(s)", 1_001)).toBe(false);
    expect(String((await read(`SELECT sql FROM duckdb_views() WHERE view_name = '${view}'`))[0]![0])).toContain(
      "d1.main.t",
    );
    expect(await read("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '__held_%'")).toEqual([[0n]]);
    expect(await read(`SELECT count(*) FROM memory.main.${view}`)).toEqual([[3n]]);
  });
});

describe("a served dataset's rows", () => {
  /** A read-only file of 300,000 rows attached to a serving database, and what DuckDB's buffers hold of tables. */
  async function attached() {
    const file = join(mkdtempSync(join(tmpdir(), "warm-")), "d.duckdb");
    const maker = await DuckDBInstance.create(file);
    const w = await maker.connect();
    await w.run("PRAGMA force_compression = 'uncompressed'");
    await w.run("CREATE TABLE t AS SELECT range AS __row, repeat('x', range % 50) AS s FROM range(300000)");
    w.closeSync();
    maker.closeSync();
    const db = await DuckDBInstance.create(":memory:");
    const conn = await db.connect();
    await conn.run(`ATTACH '${file}' AS d1 (READ_ONLY)`);
    const buffered = async () =>
      Number(
        (
          await conn.runAndReadAll("SELECT memory_usage_bytes FROM duckdb_memory() WHERE tag = 'BASE_TABLE'")
        ).getRowsJS()[0]![0],
      );
    return { db, file, buffered };
  }

  it("are read once into DuckDB's buffers when the file fits the share, and stay read-only", async () => {
    const { db, file, buffered } = await attached();
    const before = await buffered();
    expect(await new WarmTables(Promise.resolve(db), 1e9).read("d1", "t", file)).toBe(true);
    // Both columns' blocks: 300,000 row numbers (2.4 MB) and their text (7.4 MB) at least.
    expect((await buffered()) - before).toBeGreaterThan(9_000_000);
    const conn = await db.connect();
    await expect(conn.run("DELETE FROM d1.main.t")).rejects.toThrow(/read-only/);
  });

  it("stay in the file when the file does not fit what is left of the share", async () => {
    const { db, file, buffered } = await attached();
    const before = await buffered();
    expect(await new WarmTables(Promise.resolve(db), 1_000).read("d1", "t", file)).toBe(false);
    expect(await buffered()).toBe(before);
  });
});
