import { describe, expect, it } from "vitest";
import { parseViewState } from "../state/url-state";
import { count, cutText, isolate } from "./format";

describe("text set among the app's own", () => {
  it("is cut between characters as a reader sees them, never inside an emoji or a cluster", () => {
    const text = `${"a".repeat(2399)}😀 rest`;
    expect(cutText(text, 2400)).toBe("a".repeat(2399));
    expect(cutText(text, 2401)).toBe(`${"a".repeat(2399)}😀`);
    expect(cutText("e\u0301e\u0301", 1)).toBe("");
    expect(cutText("e\u0301e\u0301", 3)).toBe("e\u0301");
    expect(cutText("short", 100)).toBe("short");
    const family = "👩‍👩‍👧";
    expect(cutText(`x${family}y`, 4)).toBe("x");
  });

  it("is isolated in plain text, and counts say 1 row", () => {
    expect(isolate("\u202Eevil.jsonl")).toBe("\u2068\u202Eevil.jsonl\u2069");
    expect([count(1, "row"), count(2, "row"), count(1234, "row")]).toEqual(["1 row", "2 rows", "1,234 rows"]);
  });

  it("a link's setting named like Object's own is a setting, not a prototype", () => {
    const view = parseViewState(new URLSearchParams("x.__proto__=a&x.constructor=b&x.min_chars=5"));
    expect(Object.getPrototypeOf(view.checks)).toBe(Object.prototype);
    expect(Object.entries(view.checks)).toEqual([
      ["__proto__", ["a"]],
      ["constructor", ["b"]],
      ["min_chars", ["5"]],
    ]);
  });
});
