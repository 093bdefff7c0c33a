import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NativeEngine } from "../engine/native";
import { servedFiles, startServed } from "../test/served";
import type { DataServer } from "./database";

/**
 * What a page may run on the server: queries, and writes to its own temporary tables only. DuckDB
 * itself keeps the datasets read-only and closes files and addresses; the server's rule keeps a page
 * from what every page shares (the search text the server holds in memory) and from other pages.
 */

type Served = Awaited<ReturnType<typeof startServed>>;
/** The served files, named in statements the tests write before the server starts. */
const files = servedFiles();
let served: Served;
let server: DataServer;
let native: NativeEngine;
beforeAll(async () => {
  served = await startServed(files);
  ({ server, native } = served);
}, 60_000);
afterAll(() => native.close());
const post: Served["post"] = (...a) => served.post(...a);
const rows: Served["rows"] = (...a) => served.rows(...a);
const intact = async () => (await rows("SELECT count(*) AS n FROM ultrafeedback"))[0]!.n;

describe("every statement is hostile", () => {
  it.each([
    ["ATTACH ':memory:' AS other", "write"],
    ["DETACH d1", "write"],
    ["USE d2", "write"],
    ["SET threads = 1", "write"],
    ["RESET search_path", "write"],
    ["COPY (SELECT 1) TO '/tmp/out.csv'", "write"],
    ["INSTALL httpfs", "write"],
    ["LOAD httpfs", "write"],
    ["CALL pragma_version()", "write"],
    ["BEGIN TRANSACTION", "write"],
    ["CREATE TABLE kept AS SELECT 1 AS x", "write"],
    ["CREATE MACRO m(a) AS a", "write"],
    ["CHECKPOINT", "write"],
    ["EXPORT DATABASE '/tmp/x'", "write"],
    ["UPDATE {table} SET source = 'x'", "write"],
    ["ALTER TABLE ultrafeedback RENAME TO gone", "write"],
    ["DROP TABLE ultrafeedback", "read"],
    ["CREATE TEMP TABLE mine AS SELECT 1", "read"],
  ])("refuses %s (as a %s), and the data stays", async (text, type) => {
    const sql = text.replace("{table}", `${server.catalog()[0]!.dataset!.table}_p0`);
    const before = await intact();
    const res = await post({ session: "a", type, sql });
    // refused by the server's rule (403), or by DuckDB's own switches while preparing it (400)
    expect([403, 400]).toContain(res.status);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /refused|Only queries are answered as reads|disabled by configuration/,
    );
    expect(await intact()).toBe(before);
  });

  it.each([
    "SELECT * FROM read_csv('/etc/passwd')",
    `SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')`,
    `SELECT * FROM read_blob('${files.uf[0]}')`,
    `SELECT * FROM glob('${files.dir}/.explorer-cache/*')`,
    "SELECT * FROM read_csv('/approved/x.csv')",
  ])("DuckDB itself refuses %s: files and addresses closed", async (sql) => {
    const res = await post({ session: "a", type: "read", sql });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/disabled by configuration|does not exist/);
    const [n] = await native.rows("SELECT count(*) AS n FROM uf");
    expect(await intact()).toBe(n!.n);
  });

  it.each([
    "DROP VIEW ultrafeedback",
    "DROP VIEW IF EXISTS ultrafeedback",
    "DROP TABLE IF EXISTS {table}",
    "INSERT INTO {table} (source) VALUES ('x')",
    "INSERT INTO \"{table}\" (source) VALUES ('x')",
    "DELETE FROM {table}",
    "DELETE FROM d1.main.{table}",
    "DELETE FROM memory.main.__held_{dataset}",
    "DELETE FROM __held_{dataset}",
    "DELETE FROM __HELD_{dataset}",
    "DROP TABLE memory.main.__held_{dataset}",
    "DROP TABLE IF EXISTS __held_{dataset}",
    "DROP VIEW __search_{dataset}",
    "DROP VIEW memory.main.__search_{dataset}",
    "WITH x AS (SELECT 1) INSERT INTO __held_{dataset} SELECT 1, 'x'",
    "INSERT/**/INTO __held_{dataset} SELECT 1, 'x'",
  ])(
    "a page writes only to its own temporary tables: %s is refused, and every page reads what it did",
    async (text) => {
      const { table } = server.catalog()[0]!.dataset!;
      const sql = text.replaceAll("{table}", `${table}_p0`).replaceAll("{dataset}", table);
      const search = `SELECT count(*) AS n FROM __search_${table}`;
      const [before] = await rows(search);
      const res = await post({ session: "a", type: "write", sql });
      expect(res.status, sql).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /^A page writes only to its own temporary tables/,
      );
      const [n] = await native.rows("SELECT count(*) AS n FROM uf");
      expect(await intact()).toBe(n!.n);
      expect(await rows(search, "b")).toEqual([before]);
    },
  );

  it("its own temporary tables a page fills, empties and drops; another page's are not even there for it", async () => {
    await rows("CREATE TEMP TABLE mine (x INTEGER)", "w1", "write");
    await rows('INSERT INTO "mine" VALUES (1), (2)', "w1", "write");
    await rows("INSERT INTO Mine BY NAME SELECT 3 AS x", "w1", "write");
    await rows("DELETE FROM mine WHERE x = 1", "w1", "write");
    expect(await rows("SELECT x FROM mine ORDER BY x", "w1")).toEqual([{ x: 2 }, { x: 3 }]);
    // the same name in another page: not there at all
    const other = await post({ session: "w2", type: "write", sql: "DELETE FROM mine" });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toMatch(/mine does not exist/);
    expect((await post({ session: "w2", type: "write", sql: "DROP TABLE IF EXISTS mine" })).status).toBe(200);
    expect(await rows("SELECT count(*) AS n FROM mine", "w1")).toEqual([{ n: 2 }]);
    await rows("DROP TABLE mine", "w1", "write");
    expect((await post({ session: "w1", type: "read", sql: "SELECT * FROM mine" })).status).toBe(400);
  });

  it("under the server's rule, DuckDB itself keeps the datasets read-only", async () => {
    // the serving database, reached without the server's rule: its own switches refuse every write
    const serving = await (server as unknown as { serving: Promise<import("@duckdb/node-api").DuckDBInstance> })
      .serving;
    const conn = await serving.connect();
    try {
      const { table } = server.catalog()[0]!.dataset!;
      for (const sql of [
        `INSERT INTO d1.main.${table}_p0 (source) VALUES ('x')`,
        `DELETE FROM d1.main.${table}_p0`,
        `DROP VIEW d1.main.ultrafeedback`,
        `UPDATE d1.main.${table}_p0 SET source = 'x'`,
      ]) {
        await expect(conn.run(sql), sql).rejects.toThrow(/read-only/);
      }
    } finally {
      conn.closeSync();
    }
    const [n] = await native.rows("SELECT count(*) AS n FROM uf");
    expect(await intact()).toBe(n!.n);
  });
});

describe("pages do not see or break each other's tables", () => {
  it("two sessions make temporary tables of one name, each its own; a new page starts clean", async () => {
    await rows("CREATE TEMP TABLE s_k AS SELECT 1 AS who", "tab1", "write");
    await rows("CREATE TEMP TABLE s_k AS SELECT 2 AS who", "tab2", "write");
    expect(await rows("SELECT who FROM s_k", "tab1")).toEqual([{ who: 1 }]);
    expect(await rows("SELECT who FROM s_k", "tab2")).toEqual([{ who: 2 }]);
    const fresh = await post({ session: "tab3", type: "read", sql: "SELECT who FROM s_k" });
    expect(fresh.status).toBe(400);
  });

  it("a page's marks table takes rows in and out, the other page's stays as it was", async () => {
    for (const tab of ["tab1", "tab2"]) {
      await rows("CREATE OR REPLACE TEMP TABLE marks (key VARCHAR, mark VARCHAR)", tab, "write");
      await rows("INSERT INTO marks VALUES ('a', 'keep'), ('b', 'discard')", tab, "write");
    }
    await rows("DELETE FROM marks WHERE key = 'a'", "tab1", "write");
    expect(await rows("SELECT key FROM marks ORDER BY key", "tab1")).toEqual([{ key: "b" }]);
    expect(await rows("SELECT key FROM marks ORDER BY key", "tab2")).toEqual([{ key: "a" }, { key: "b" }]);
  });
});
