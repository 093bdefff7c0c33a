import { describe, expect, it } from "vitest";
import { appendFailure } from "./load";

describe("why rows could not join the table", () => {
  it("names a page out of memory, with what to do, whatever the layout", () => {
    expect(
      appendFailure(
        "train_sft-00000-of-00001.parquet",
        123456,
        "ultrachat_200k",
        "Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)\nmore",
      ),
    ).toBe(
      "train_sft-00000-of-00001.parquet: the page ran out of memory after 123,456 rows (Out of Memory Error: could not " +
        "allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)). What was open before is kept; close other datasets " +
        "(reload the page), load fewer files, or open it on the app's server (npm run serve).",
    );
  });
  it("says the first rows do not fit the layout, or later rows do not match the earlier ones", () => {
    expect(appendFailure("a.jsonl", 0, "UltraChat (raw)", "Binder Error: no column data\nCandidate functions:")).toBe(
      "a.jsonl: cannot be read as UltraChat (raw) (Binder Error: no column data)",
    );
    expect(appendFailure("b.jsonl", 2000, "a table", "Conversion Error: x")).toBe(
      "b.jsonl: its rows from row 2,000 on do not match the rows before them (Conversion Error: x)",
    );
  });
});
