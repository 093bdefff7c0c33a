import { tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DerivedTables } from "../datasets/derived";
import { NativeEngine } from "../engine/native";
import { resultOf } from "../engine/plain";
import { loadFilesSql } from "../ingest/sql-stage";
import { hitsStatement } from "../sql/hits";
import { searchPredicate } from "../sql/search";
import type { DatasetRef } from "../types";
import { HOST, postTo, servedConfig, servedFiles } from "../test/served";
import type { ServerConfig } from "./config";
import { DataServer } from "./database";
import { handleCatalog, handleQuery } from "./http";

const files = servedFiles();
const { dir, uf: UF, chat: CHAT } = files;
const config = (over: Partial<ServerConfig> = {}) => servedConfig(files, over);

let server: DataServer;
let native: NativeEngine;

beforeAll(async () => {
  server = new DataServer(config());
  await server.start();
  native = await NativeEngine.open();
  const derived = new DerivedTables("n");
  await loadFilesSql(native, { table: "uf", layout: "ultrafeedback", paths: UF, derived, sqlName: "ultrafeedback" });
  await loadFilesSql(native, { table: "chat", layout: "ultrachat_200k", paths: CHAT, derived, sqlName: "test_sft" });
}, 60_000);
afterAll(() => native.close());

const post = (body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  postTo(server, body, headers, signal);

async function rows(sql: string, session = "a", type = "read", params: unknown[] = []) {
  const res = await post({ session, type, sql, params });
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(await res.json())}`);
  return resultOf(tableFromIPC(new Uint8Array(await res.arrayBuffer()))).rows;
}

describe("the server loads what it was started with, once", () => {
  it("lists each dataset, ready, with the rows of its files", async () => {
    const catalog = (await handleCatalog(
      new Request(`http://${HOST}/api/db`, { headers: { host: HOST } }),
      server,
    ).json()) as {
      datasets: { id: string; state: string; dataset: { rows: number; layout: string; sqlName: string } }[];
    };
    expect(catalog.datasets.map((d) => [d.id, d.state, d.dataset.layout, d.dataset.sqlName])).toEqual([
      ["server:ultrafeedback", "ready", "ultrafeedback", "ultrafeedback"],
      ["server:test_sft", "ready", "ultrachat_200k", "test_sft"],
    ]);
    const [n] = await native.rows("SELECT count(*) AS n FROM uf");
    expect(catalog.datasets[0]!.dataset.rows).toBe(n!.n);
  });

  it("a second start on the same files opens the database file of the first", async () => {
    const again = new DataServer(config());
    expect(again.catalog().map((d) => d.cached)).toEqual([true, true]);
    await again.start();
    expect(again.catalog().map((d) => d.state)).toEqual(["ready", "ready"]);
  });

  it("a query sent while a restarted server opens its kept datasets waits for them, and is answered", async () => {
    const again = new DataServer(config());
    const started = again.start();
    // asked at once, before the datasets are attached
    const res = await postTo(again, { session: "early", type: "read", sql: "SELECT count(*) AS n FROM ultrafeedback" });
    expect(res.status).toBe(200);
    const [n] = await native.rows("SELECT count(*) AS n FROM uf");
    expect(resultOf(tableFromIPC(new Uint8Array(await res.arrayBuffer()))).rows).toEqual([{ n: n!.n }]);
    await started;
  });
});

describe("answers over HTTP equal the in-process engine's", () => {
  it.each([
    "SELECT * FROM ultrafeedback ORDER BY row",
    "SELECT * FROM ultrafeedback_completions ORDER BY row, idx",
    "SELECT * FROM test_sft ORDER BY row",
    "SELECT model, count(*) AS n, avg(r_honesty) AS h, sum(response_chars) AS chars FROM ultrafeedback_completions GROUP BY 1 ORDER BY 1",
    "SELECT 12345678901234567.89::DECIMAL(38,2) AS d, 9007199254740993::BIGINT AS b, DATE '2020-01-01' AS day, TIMESTAMP '2020-01-01 10:00:00.123456' AS at, INTERVAL 3 DAY AS took, 'nan'::DOUBLE AS n, [1, 2]::HUGEINT[] AS h",
  ])("%s", async (sql) => {
    expect(await rows(sql)).toEqual(await native.rows(sql));
  });

  it("a row read by its number through each file's row index is the in-process one", async () => {
    // Rows are numbered in a column of each file's table with an index on it, not from `rowid`.
    const indexed = await rows("SELECT table_name, expressions FROM duckdb_indexes() ORDER BY table_name");
    expect(indexed.map((r) => String(r.expressions))).toEqual(Array(4).fill("[__row]"));
    expect(indexed.map((r) => String(r.table_name).replace(/^t_[0-9a-f]+/, "t")).sort()).toEqual([
      "t_p0",
      "t_p0",
      "t_p1",
      "t_p1",
    ]);
    const [chat] = await native.rows("SELECT count(*) AS n FROM chat");
    const last = Number(chat!.n) - 1;
    for (const [view, row] of [
      ["test_sft", 0],
      ["test_sft", 41],
      ["test_sft", last],
      ["ultrafeedback", 0],
      ["ultrafeedback", 7],
    ] as const) {
      const sql = `SELECT * FROM ${view} WHERE row = $1`;
      const served = await rows(sql, "a", "read", [row]);
      expect(served).toHaveLength(1);
      expect(served).toEqual(await native.rows(sql, [row]));
    }
  });

  it("a search reads the text from the server's memory once the server has started, and finds the rows in-process search finds", async () => {
    expect(server.catalog().map((d) => d.searchIn)).toEqual(["memory", "memory"]);
    const [served] = server.catalog().map((d) => d.dataset!);
    expect(served!.searchTable).toBe(`__search_${served!.table}`);
    const [view] = await rows(`SELECT sql FROM duckdb_views() WHERE view_name = '${served!.searchTable}'`);
    expect(String(view!.sql)).toMatch(new RegExp(`FROM memory\\.main\\.__held_${served!.table};?$`));
    const mine: DatasetRef = { table: "uf", layout: "ultrafeedback", columns: served!.columns };
    for (const [i, needle] of ["the", "%", "'", "_", "\\", "Ｗ"].entries()) {
      const table = `hits_${i}`;
      const hits = hitsStatement(served!, table, needle);
      expect(hits.sql).toContain(`FROM "__search_${served!.table}"`);
      await rows(hits.sql, "search", "write", hits.params);
      const found = await rows(`SELECT __row FROM ${table} ORDER BY 1`, "search");
      const inline = await native.rows(`SELECT __row FROM uf WHERE ${searchPredicate(mine, "$1")} ORDER BY 1`, [
        needle,
      ]);
      expect(found).toEqual(inline);
    }
  });

  it("binds values as parameters", async () => {
    const sql = "SELECT count(*) AS n FROM ultrafeedback WHERE source = $1 AND len(completions) >= $2";
    expect(await rows(sql, "a", "read", ["sharegpt", 4])).toEqual(await native.rows(sql, ["sharegpt", 4]));
  });
});

describe("every request is hostile", () => {
  const intact = async () => (await rows("SELECT count(*) AS n FROM ultrafeedback"))[0]!.n;

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
    `SELECT * FROM read_blob('${UF[0]}')`,
    `SELECT * FROM glob('${dir}/.explorer-cache/*')`,
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

  it("a wrong Host, another origin, a text/plain post, a large body and bad JSON are each refused, saying why", async () => {
    const ok = { session: "a", type: "read", sql: "SELECT 1" };
    expect((await post(ok, { host: "evil.example:3999" })).status).toBe(421);
    expect((await post(ok, { origin: "http://evil.example" })).status).toBe(403);
    expect((await post(ok, { "content-type": "text/plain" })).status).toBe(415);
    expect((await post({ ...ok, sql: `SELECT '${"x".repeat(70_000)}'` })).status).toBe(413);
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ ...ok, session: "../x" })).status).toBe(400);
    const res = await post(ok, { "content-type": "text/plain" });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await res.json()).toEqual({ error: "The server takes JSON only (Content-Type: application/json)." });
  });

  it("bound beyond this machine, every request needs the token", async () => {
    const guarded = new DataServer(config({ token: "s3cret-token" }));
    await guarded.start();
    const ask = (headers: Record<string, string>) =>
      handleQuery(
        new Request(`http://${HOST}/api/db`, {
          method: "POST",
          headers: { host: HOST, "content-type": "application/json", ...headers },
          body: JSON.stringify({ session: "t", type: "read", sql: "SELECT 1 AS x" }),
        }),
        guarded,
      );
    expect((await ask({})).status).toBe(401);
    expect((await ask({ authorization: "Bearer wrong" })).status).toBe(401);
    expect((await ask({ authorization: "Bearer s3cret-token" })).status).toBe(200);
    expect((await ask({ cookie: "explorer_token=s3cret-token" })).status).toBe(200);
    expect(handleCatalog(new Request(`http://${HOST}/api/db`, { headers: { host: HOST } }), guarded).status).toBe(401);
  });

  it("a statement past the time limit is stopped, and says so", async () => {
    const slow = new DataServer(config({ limits: { body: 65536, queryMs: 300, answer: 64 << 20 } }));
    await slow.start();
    const res = await handleQuery(
      new Request(`http://${HOST}/api/db`, {
        method: "POST",
        headers: { host: HOST, "content-type": "application/json" },
        body: JSON.stringify({
          session: "s",
          type: "read",
          sql: "SELECT count(*) FROM range(1000000000000) t(x) WHERE x % 7 = 3",
        }),
      }),
      slow,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: "The statement was stopped: it ran longer than the server allows (0 s), and was stopped.",
    });
  });
});

describe("a statement nobody waits for is stopped on the server", () => {
  it("an aborted request interrupts its statement: the session's next one answers at once", async () => {
    const c = new AbortController();
    const slow = post(
      { session: "cancel", type: "read", sql: "SELECT count(*) FROM range(10000000000000) t(x) WHERE x % 7 = 3" },
      {},
      c.signal,
    );
    await new Promise((r) => setTimeout(r, 300));
    c.abort();
    const answered = await slow;
    expect(answered.status).toBe(400);
    expect(await answered.json()).toEqual({ error: "The statement was stopped: the page no longer waits for it." });
    expect(await rows("SELECT 42 AS x", "cancel")).toEqual([{ x: 42 }]);
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
