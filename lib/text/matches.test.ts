import { describe, expect, it } from "vitest";
import { splitMatches } from "./matches";

describe("splitMatches", () => {
  it("marks case-insensitive matches, Japanese included", () => {
    expect(splitMatches("Tide pools and tide", "TIDE")).toEqual([
      { text: "Tide", match: true },
      { text: " pools and ", match: false },
      { text: "tide", match: true },
    ]);
    expect(splitMatches("冬の潮だまりです", "潮だまり").filter((p) => p.match)).toEqual([
      { text: "潮だまり", match: true },
    ]);
  });

  it("marks nothing for an empty query", () => {
    expect(splitMatches("abc", " ")).toEqual([{ text: "abc", match: false }]);
  });
});
