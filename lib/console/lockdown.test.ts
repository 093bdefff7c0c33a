import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPROVED_DIR, LOCKDOWN } from "../engine/lockdown";
import { NativeEngine } from "../engine/native";
import { WasmNodeEngine } from "../test/wasm-node";
import { addressesIn, copyName, withCopies } from "./addresses";
import { DerivedTables } from "../datasets/derived";
import { ConsoleRefusal, runQuery } from "./run";

const tables = new DerivedTables("c");

/** A stand-in for someone else's server: it counts what reaches it. */
let server: Server;
let hits = 0;
let origin = "";
let wasm: WasmNodeEngine;
let native: NativeEngine;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    res.end("a,b\n1,2\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [wasm, native] = await Promise.all([WasmNodeEngine.open(), NativeEngine.open()]);
  for (const sql of LOCKDOWN) {
    await wasm.query(sql);
    await native.query(sql);
  }
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the locked engine reads no file and no address, whatever the statement", () => {
  const attempts = () => [
    `SELECT * FROM read_csv('${origin}/leak.csv')`,
    `SELECT * FROM read_csv('${origin}/' || current_setting('threads'))`,
    `SELECT * FROM read_text('${origin}/a')`,
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM glob('/etc/*')",
    `SELECT * FROM read_csv(['${origin}/x.csv'])`,
  ];

  it.each(["wasm", "native"] as const)("%s: each refused by the engine, nothing sent, in words", async (which) => {
    const db = which === "wasm" ? wasm : native;
    for (const sql of attempts()) {
      const refused = await runQuery(db, tables, sql).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused, sql).toBeInstanceOf(ConsoleRefusal);
      expect((refused as Error).message).toMatch(/reads no file or address by itself/);
    }
    expect(hits).toBe(0);
  });

  it.each(["wasm", "native"] as const)("%s: the switches cannot be turned back", async (which) => {
    const db = which === "wasm" ? wasm : native;
    for (const sql of [
      "SET enable_external_access = true",
      "SET lock_configuration = false",
      "RESET allowed_directories",
    ]) {
      await expect(db.query(sql)).rejects.toThrow(/locked/);
    }
  });

  it("a file the page put in the approved folder is read, and nothing beside it", async () => {
    wasm.db.registerFileText(`${APPROVED_DIR}1-leak.csv`, "a,b\n5,6\n");
    wasm.db.registerFileText("/elsewhere.csv", "a,b\n7,8\n");
    const { ds } = await runQuery(wasm, tables, `SELECT * FROM read_csv('${APPROVED_DIR}1-leak.csv', header = true)`);
    expect(ds.rows).toBe(1);
    await expect(runQuery(wasm, tables, "SELECT * FROM read_csv('/elsewhere.csv')")).rejects.toBeInstanceOf(
      ConsoleRefusal,
    );
    await expect(
      runQuery(wasm, tables, `SELECT * FROM read_csv('${APPROVED_DIR}../elsewhere.csv')`),
    ).rejects.toBeInstanceOf(ConsoleRefusal);
  });
});

describe("the addresses a query reads", () => {
  it("are whole http(s) strings where the engine reads a file: a reader's arguments, a table in FROM or JOIN", () => {
    const sql =
      "SELECT * FROM read_csv('https://a.example/x.csv', delim = ',') -- 'https://b.example/y'\n" +
      `UNION ALL SELECT * FROM read_csv("https://c.example/q") ` +
      "UNION ALL SELECT * FROM read_parquet(['http://d.example/1.parquet', $$http://e.example/p$$]) " +
      "UNION ALL SELECT * FROM READ_JSON_AUTO(E'http://f.example/w') " +
      "UNION ALL SELECT * FROM t, 'https://g.example/t.parquet' JOIN 'https://h.example/u.csv' USING (id)";
    expect(addressesIn(sql).map((a) => a.url)).toEqual([
      "https://a.example/x.csv",
      "http://d.example/1.parquet",
      "http://e.example/p",
      "http://f.example/w",
      "https://g.example/t.parquet",
      "https://h.example/u.csv",
    ]);
  });

  it("are not addresses written as text: compared, matched, selected or built", () => {
    const sql =
      "SELECT 'https://evil.example/a', lower('https://x.example/b') FROM t " +
      "WHERE note = 'it''s http://not.whole' OR u LIKE 'http://%' OR v = 'https://hub.example/d/x.csv' " +
      "OR w = 'http://d.example/' || 'z'";
    expect(addressesIn(sql)).toEqual([]);
  });

  it("are replaced by the paths of their copies, the rest of the text as it was", () => {
    const sql = "SELECT * FROM read_csv('https://a.example/x.csv') WHERE s = 'https://a.example/x.csv'";
    const found = addressesIn(sql);
    const out = withCopies(sql, found, new Map([["https://a.example/x.csv", "/approved/1-x.csv"]]));
    expect(out).toBe("SELECT * FROM read_csv('/approved/1-x.csv') WHERE s = 'https://a.example/x.csv'");
    expect(copyName("https://h.example/a%20b/it's;drop.csv?x=1", 3)).toBe("3-it_s_drop.csv");
  });
});
