import { describe, expect, it } from "vitest";
import { readAhead } from "./reopen";

/** A source that logs when each item is asked for and given, and fails at `failAt` when set. */
function source(n: number, log: string[], failAt = -1) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0; i < n; i++) {
          log.push(`read ${i}`);
          await new Promise((r) => setTimeout(r, 5));
          if (i === failAt) throw new Error(`chunk ${i} is cut short`);
          yield i;
        }
      } finally {
        log.push("closed");
      }
    },
  };
}

describe("readAhead", () => {
  it("gives every item in order, and asks for the next one while the caller works on this one", async () => {
    const log: string[] = [];
    const got: number[] = [];
    for await (const i of readAhead(source(4, log))) {
      log.push(`insert ${i}`);
      await new Promise((r) => setTimeout(r, 10));
      got.push(i);
    }
    expect(got).toEqual([0, 1, 2, 3]);
    expect(log).toEqual([
      "read 0",
      "read 1",
      "insert 0",
      "read 2",
      "insert 1",
      "read 3",
      "insert 2",
      // the source is asked past its end while the last item is worked on
      "closed",
      "insert 3",
    ]);
  });

  it("throws a failed read when its item is reached, after the items before it", async () => {
    const log: string[] = [];
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const i of readAhead(source(5, log, 2))) {
          await new Promise((r) => setTimeout(r, 20));
          got.push(i);
        }
      })(),
    ).rejects.toThrow("chunk 2 is cut short");
    expect(got).toEqual([0, 1]);
    expect(log.at(-1)).toBe("closed");
  });

  it("closes its source when the caller stops early", async () => {
    const log: string[] = [];
    for await (const i of readAhead(source(5, log))) if (i === 1) break;
    expect(log.at(-1)).toBe("closed");
    expect(log.filter((l) => l.startsWith("read"))).toEqual(["read 0", "read 1", "read 2"]);
  });
});
