import { describe, expect, it } from "vitest";
import { MemoryDir } from "../test/memory-dir";
import { DatasetStore, storeFailure, type StoredMeta } from "./dataset-store";

const meta = (
  key: string,
  origins = ["https://x.example/a.jsonl"],
): Omit<StoredMeta, "bytes" | "storedAt" | "tables"> => ({
  key,
  id: "url:https://x.example/a.jsonl",
  name: "a.jsonl",
  layout: "generic",
  rows: 3,
  files: ["a.jsonl"],
  origins,
  sources: [{ name: "a.jsonl", where: origins[0]!, size: 10, version: '"1" · ' }],
});
async function* chunks(...sizes: number[]) {
  for (const [i, n] of sizes.entries()) yield new Uint8Array(n).fill(i + 1);
}
const all = async (it: AsyncIterable<Uint8Array>) => {
  const out: number[][] = [];
  for await (const c of it) out.push([...c]);
  return out;
};

describe("the datasets kept in the browser", () => {
  it("gives back each table's chunks, in order and byte for byte, with the meta", async () => {
    const root = new MemoryDir();
    const store = new DatasetStore(async () => root);
    const cols = [{ name: "__row", type: "BIGINT" }];
    const saved = await store.save(meta("k1"), [
      { suffix: "", columns: cols, chunks: chunks(3, 0, 5) },
      { suffix: "__c", columns: cols, chunks: chunks(2) },
    ]);
    expect(saved.tables).toEqual([
      { suffix: "", columns: cols, chunks: 3 },
      { suffix: "__c", columns: cols, chunks: 1 },
    ]);
    expect(saved.bytes).toBe(3 + 0 + 5 + 2 + 4 * 4);
    expect(await store.meta("k1")).toEqual(saved);
    expect(await all(store.chunks("k1", 0))).toEqual([[1, 1, 1], [], [3, 3, 3, 3, 3]]);
    expect(await all(store.chunks("k1", 1))).toEqual([[1, 1]]);
    expect((await store.list()).map((m) => m.key)).toEqual(["k1"]);
  });

  it("a changed source is stored under a new key, and the copy of the old one is removed", async () => {
    const root = new MemoryDir();
    const store = new DatasetStore(async () => root);
    await store.save(meta("old"), [{ suffix: "", columns: [], chunks: chunks(1) }]);
    await store.save(meta("other", ["https://x.example/b.jsonl"]), [{ suffix: "", columns: [], chunks: chunks(1) }]);
    expect((await store.stale("new", ["https://x.example/a.jsonl"])).map((m) => m.key)).toEqual(["old"]);
    await store.save(meta("new"), [{ suffix: "", columns: [], chunks: chunks(1) }]);
    expect(await store.meta("old")).toBeNull();
    expect((await store.list()).map((m) => m.key).sort()).toEqual(["new", "other"]);
  });

  it("a write cut short leaves nothing that is read; its folder goes with the next listing", async () => {
    const root = new MemoryDir({ left: 20 });
    const store = new DatasetStore(async () => root);
    const error = await store.save(meta("k"), [{ suffix: "", columns: [], chunks: chunks(8, 8, 8) }]).catch((e) => e);
    expect((error as DOMException).name).toBe("QuotaExceededError");
    expect(storeFailure(error)).toMatch(/storage for the page is full: remove stored datasets/);
    expect(await store.meta("k")).toBeNull();
    expect([...root.dirs.keys()]).toEqual([]);
    // a folder without its meta (the tab closed mid-write)
    await root.getDirectoryHandle("half", { create: true });
    expect(await store.list()).toEqual([]);
    expect([...root.dirs.keys()]).toEqual([]);
  });

  it("Remove takes an entry away", async () => {
    const root = new MemoryDir();
    const store = new DatasetStore(async () => root);
    await store.save(meta("k"), [{ suffix: "", columns: [], chunks: chunks(1) }]);
    await store.remove("k");
    expect(await store.list()).toEqual([]);
  });
});
