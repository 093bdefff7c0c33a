import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hitsStatement } from "../sql/hits";
import { searchPredicate } from "../sql/search";
import type { DatasetRef } from "../types";
import { tableFromIPC } from "apache-arrow";
import type { NativeEngine } from "../engine/native";
import { resultOf } from "../engine/plain";
import { HOST, postTo, startServed } from "../test/served";
import { DataServer } from "./database";
import { handleCatalog, handleQuery } from "./http";

type Served = Awaited<ReturnType<typeof startServed>>;
let served: Served;
let server: DataServer;
let native: NativeEngine;
beforeAll(async () => {
  served = await startServed();
  ({ server, native } = served);
}, 60_000);
afterAll(() => native.close());
const config: Served["config"] = (over) => served.config(over);
const post: Served["post"] = (...a) => served.post(...a);
const rows: Served["rows"] = (...a) => served.rows(...a);

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
