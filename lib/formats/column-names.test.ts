import { describe, expect, it } from "vitest";
import { ColumnNamer } from "./column-names";

describe("stored column names", () => {
  it("keeps ordinary names and renames what the engine reserves or cannot tell apart", () => {
    const n = new ColumnNamer();
    const stored = ["a", "", "__row", "__text", "rowid", "ROWID", "A", "_~x", "b", "a"].map((x) => n.name(x));
    expect(stored).toEqual(["a", "_~", "_~__row", "_~__text", "_~rowid", "_~ROWID_~2", "_~A_~2", "_~_~x", "b", "a"]);
    expect(new Set(stored.map((s) => s.toLowerCase())).size).toBe(9);
    expect(n.labels).toEqual({
      "_~": "",
      "_~__row": "__row",
      "_~__text": "__text",
      "_~rowid": "rowid",
      "_~ROWID_~2": "ROWID",
      "_~A_~2": "A",
      "_~_~x": "_~x",
    });
  });
});
