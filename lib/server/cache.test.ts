import { readdirSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { servedConfig, servedFiles } from "../test/served";
import { DataServer } from "./database";

describe("the server's copies of its datasets", () => {
  it("a changed file is read again, and what was kept of it before is removed; the other dataset's copy stays", async () => {
    const own = servedFiles();
    const cache = join(own.dir, ".explorer-cache");
    const first = new DataServer(servedConfig(own));
    await first.start();
    const before = readdirSync(cache).sort();
    expect(before.filter((f) => f.endsWith(".duckdb"))).toHaveLength(2);
    const later = new Date(Date.now() + 60_000);
    utimesSync(own.chat[1]!, later, later);
    const again = new DataServer(servedConfig(own));
    expect(again.catalog().map((d) => d.cached)).toEqual([true, false]);
    await again.start();
    expect(again.catalog().map((d) => d.state)).toEqual(["ready", "ready"]);
    const after = readdirSync(cache).sort();
    const [ufFile, oldChat] = first.entries.map((e) => basename(e.file));
    const newChat = basename(again.entries[1]!.file);
    expect(newChat).not.toBe(oldChat);
    expect(after.filter((f) => f.endsWith(".duckdb")).sort()).toEqual([ufFile, newChat].sort());
    expect(after.filter((f) => f.startsWith(oldChat!))).toEqual([]);
  });

  it("are stored as read (no compression to undo on each query), and read through once the server has started", async () => {
    const server = new DataServer(servedConfig(servedFiles()));
    await server.start();
    expect(server.catalog().map((d) => [d.state, d.tableIn])).toEqual([
      ["ready", "memory"],
      ["ready", "memory"],
    ]);
    const { DuckDBInstance } = await import("@duckdb/node-api");
    for (const entry of server.entries) {
      const db = await DuckDBInstance.create(":memory:");
      const conn = await db.connect();
      await conn.run(`ATTACH '${entry.file}' AS kept (READ_ONLY)`);
      const tables = (
        await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE database_name = 'kept' ORDER BY 1")
      )
        .getRowsJS()
        .flat();
      expect(tables.length).toBeGreaterThan(1);
      for (const table of tables) {
        const kinds = (
          await conn.runAndReadAll(
            `SELECT DISTINCT compression FROM pragma_storage_info('kept.main.${table}') ORDER BY 1`,
          )
        ).getRowsJS();
        // Constant: a column segment of one value throughout (no bytes to decompress either).
        expect(kinds.flat().filter((k) => k !== "Constant")).toEqual(["Uncompressed"]);
      }
      conn.closeSync();
      db.closeSync();
    }
  });
});
