import { describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import type { Connector, QueryOptions, QueryResult, SqlParam } from "../engine/types";
import { QueryManager } from "./manager";

/** A connector whose statements finish only when the test says so, recording what ran and what was stopped. */
function controlled() {
  const started: string[] = [];
  const stopped: string[] = [];
  const open = new Map<string, (r: QueryResult) => void>();
  const connector: Connector = {
    query(sql: string, _params?: readonly SqlParam[], { signal }: QueryOptions = {}) {
      started.push(sql);
      return new Promise<QueryResult>((resolve, reject) => {
        open.set(sql, resolve);
        signal?.addEventListener("abort", () => {
          stopped.push(sql);
          reject(Object.assign(new Error("stopped"), { name: "AbortError" }));
        });
      });
    },
  };
  const answer = (sql: string, n = 1) => {
    open.get(sql)?.({ columns: [{ name: "n", type: "INTEGER" }], rows: [{ n }] });
    open.delete(sql);
  };
  return { connector, started, stopped, answer };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("QueryManager", () => {
  it("runs waiting statements by priority, the oldest first within one", async () => {
    const c = controlled();
    const m = new QueryManager(c.connector);
    const done: string[] = [];
    const ask = (sql: string, priority: "list" | "count" | "panel" | "console") =>
      m.request(sql, [], { priority }).then(() => done.push(sql));
    const all = [ask("busy", "panel")];
    await tick();
    all.push(ask("console", "console"), ask("chart", "panel"), ask("count", "count"), ask("page", "list"));
    await tick();
    expect(c.started).toEqual(["busy"]);
    for (const sql of ["busy", "page", "count", "chart", "console"]) {
      c.answer(sql);
      await tick();
    }
    await Promise.all(all);
    expect(c.started).toEqual(["busy", "page", "count", "chart", "console"]);
    expect(done).toEqual(["busy", "page", "count", "chart", "console"]);
  });

  it("is quiet once nothing above idle waits or runs, and nothing was asked or answered for a while", async () => {
    const c = controlled();
    const m = new QueryManager(c.connector);
    await m.whenQuiet(50);
    const background = m.request("slice", [], { priority: "idle" });
    await tick();
    // idle work does not count
    await m.whenQuiet(10);
    let quiet = false;
    const page = m.request("page", [], { priority: "list" });
    const waiting = m.whenQuiet(100).then(() => (quiet = true));
    c.answer("slice");
    await background;
    await tick();
    await new Promise((r) => setTimeout(r, 150));
    // the page's statement still waits for its answer
    expect(quiet).toBe(false);
    const answered = performance.now();
    c.answer("page");
    await page;
    await waiting;
    expect(performance.now() - answered).toBeGreaterThanOrEqual(95);
  });

  it("drops a superseded statement before it starts, and stops one that runs", async () => {
    const c = controlled();
    const m = new QueryManager(c.connector);
    const first = new AbortController();
    const running = m.request("search a", [], { signal: first.signal, priority: "list" });
    const second = new AbortController();
    const queued = m.request("search ab", [], { signal: second.signal, priority: "list" });
    const latest = m.request("search abc", [], { priority: "list" });
    await tick();
    second.abort();
    first.abort();
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
    await expect(queued).rejects.toMatchObject({ name: "AbortError" });
    await tick();
    expect(c.stopped).toEqual(["search a"]);
    expect(c.started).toEqual(["search a", "search abc"]);
    c.answer("search abc", 7);
    expect((await latest).rows).toEqual([{ n: 7 }]);
    expect(m.stats.dropped).toBe(2);
  });

  it("answers a repeated read from its cache, and asks again after a write", async () => {
    const engine = await NativeEngine.open();
    const m = new QueryManager(engine);
    await m.request("CREATE TABLE t AS SELECT range AS x FROM range(5)", [], { write: true });
    const count = () => m.request("SELECT count(*) AS n FROM t WHERE x >= $1", [2]);
    expect((await count()).rows).toEqual([{ n: 3 }]);
    expect((await count()).rows).toEqual([{ n: 3 }]);
    expect(m.stats).toMatchObject({ run: 2, cached: 1 });
    await m.request("INSERT INTO t VALUES (9)", [], { write: true });
    expect((await count()).rows).toEqual([{ n: 4 }]);
    expect(m.stats).toMatchObject({ run: 4, cached: 1 });
  });

  it("runs the same read asked twice at once only once, and keeps it while one asker still waits", async () => {
    const c = controlled();
    const m = new QueryManager(c.connector);
    const gone = new AbortController();
    const a = m.request("SELECT 1", [], { signal: gone.signal });
    const b = m.request("SELECT 1", []);
    await tick();
    gone.abort();
    await expect(a).rejects.toMatchObject({ name: "AbortError" });
    c.answer("SELECT 1", 1);
    expect((await b).rows).toEqual([{ n: 1 }]);
    expect(c.started).toEqual(["SELECT 1"]);
    expect(c.stopped).toEqual([]);
    expect(m.stats.shared).toBe(1);
  });

  it("never hands a later asker the cancellation of a read nobody waited for any more", async () => {
    // A filter set and taken back at once asks the same count again while the first is being stopped.
    const c = controlled();
    const m = new QueryManager(c.connector);
    const gone = new AbortController();
    const a = m.request("SELECT count(*)", [], { signal: gone.signal, priority: "count" });
    await tick();
    gone.abort();
    // Asked again before the stopped statement has finished.
    const b = m.request("SELECT count(*)", [], { priority: "count" });
    await expect(a).rejects.toMatchObject({ name: "AbortError" });
    await tick();
    expect(c.stopped).toEqual(["SELECT count(*)"]);
    expect(c.started).toEqual(["SELECT count(*)", "SELECT count(*)"]);
    c.answer("SELECT count(*)", 7);
    expect((await b).rows).toEqual([{ n: 7 }]);
    expect(m.stats.shared).toBe(0);
  });

  it("reports the result's columns and types, also when no row comes back", async () => {
    const m = new QueryManager(await NativeEngine.open());
    const r = await m.request("SELECT 1::INTEGER AS a, 'x' AS b, [1.5] AS c WHERE false", []);
    expect(r).toEqual({
      columns: [
        { name: "a", type: "INTEGER" },
        { name: "b", type: "VARCHAR" },
        { name: "c", type: "DECIMAL(2,1)[]" },
      ],
      rows: [],
    });
  });

  it("passes the engine's failure to every waiting statement", async () => {
    const m = new QueryManager(Promise.reject(new Error("the database did not start")));
    await expect(m.request("SELECT 1", [])).rejects.toThrow("the database did not start");
    await expect(m.request("SELECT 2", [])).rejects.toThrow("the database did not start");
  });
});

describe("each statement says whether it reads or writes", () => {
  it("a DESCRIBE or a count run in the console keeps the answers of the list; a write empties them", async () => {
    const { runQuery } = await import("../console/run");
    const { DerivedTables } = await import("../datasets/derived");
    const engine = await NativeEngine.open();
    await engine.query("CREATE TABLE t AS SELECT range AS x FROM range(10)");
    const m = new QueryManager(engine);
    const list = () => m.request("SELECT count(*) AS n FROM t", [], { priority: "list" });
    await list();
    const consoleDb = m.client({ priority: "console" });
    const tables = new DerivedTables("m");
    await runQuery(consoleDb, tables, "DESCRIBE t");
    await runQuery(consoleDb, tables, "SELECT count(*) AS n FROM t");
    await list();
    expect(m.stats.cached).toBe(1);
    await m.request("CREATE TABLE u AS SELECT 1 AS y", [], { write: true });
    await list();
    expect(m.stats.cached).toBe(1);
  });
});
