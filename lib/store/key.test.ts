import { describe, expect, it } from "vitest";
import { fileIdentity, remoteIdentity, storeKey, type SourceIdentity } from "./key";

const headers = (h: Record<string, string>) => new Headers(h);
const url = "https://hub.example/d/resolve/main/train.jsonl";

describe("the key a load is stored under", () => {
  const base: SourceIdentity = { name: "train.jsonl", where: url, size: 1000, version: '"abc" · ' };
  it("is the same for the same sources and version", () => {
    expect(storeKey([base], "v1")).toBe(storeKey([{ ...base }], "v1"));
    expect(storeKey([base], "v1")).toMatch(/^[0-9a-f]{16}$/);
  });
  it("changes when a source changes: size, tag or date, address, or the order of files", () => {
    const key = storeKey([base], "v1");
    expect(storeKey([{ ...base, size: 1001 }], "v1")).not.toBe(key);
    expect(storeKey([{ ...base, version: '"abd" · ' }], "v1")).not.toBe(key);
    expect(storeKey([{ ...base, where: `${url}?x` }], "v1")).not.toBe(key);
    const other = { ...base, name: "b.jsonl", where: `${url}.b` };
    expect(storeKey([base, other], "v1")).not.toBe(storeKey([other, base], "v1"));
  });
  it("changes with the version of the app's reading", () => {
    expect(storeKey([base], "v2")).not.toBe(storeKey([base], "v1"));
  });
  it("a local file is known by name, size and time of change", () => {
    const file = (text: string, lastModified: number) =>
      fileIdentity({ kind: "file", name: "a.jsonl", file: new File([text], "a.jsonl", { lastModified }) });
    expect(file("{}", 5)).toEqual({ name: "a.jsonl", where: "file", size: 2, version: "5" });
    expect(storeKey([file("{}", 5)])).toBe(storeKey([file("{}", 5)]));
    expect(storeKey([file("{}", 6)])).not.toBe(storeKey([file("{}", 5)]));
    expect(storeKey([file("{} ", 5)])).not.toBe(storeKey([file("{}", 5)]));
  });
  it("an address is known by its server's ETag and Last-Modified; with neither, it is not stored", () => {
    const date = "Wed, 02 Dec 2026 10:00:00 GMT";
    expect(remoteIdentity("t", url, headers({ etag: 'W/"1"', "last-modified": date }), 9)).toEqual({
      name: "t",
      where: url,
      size: 9,
      version: `W/"1" · ${date}`,
    });
    expect(remoteIdentity("t", url, headers({ "last-modified": date }), null)?.version).toBe(` · ${date}`);
    expect(remoteIdentity("t", url, headers({ "content-length": "9" }), 9)).toBeNull();
  });
});
