import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { MarkBook } from "./book";
import { marksJsonl, parseMarks } from "./io";
import { IdbMarkStore, MemoryMarkStore } from "./store";
import type { MarkEntry } from "./types";

/** A clock that moves on a second each time it is read. */
const clock = (start = Date.UTC(2026, 11, 4)) => {
  let t = start;
  return () => new Date((t += 1000));
};

describe("keeping, exporting and importing marks", () => {
  it("keeps marks across a reload of the page (IndexedDB)", async () => {
    const first = new IdbMarkStore("marks-reload-test");
    const book = new MarkBook(first, clock());
    await book.apply("ultrachat_raw", [
      { key: "0", completion: null, mark: "discard", note: "cut short" },
      { key: "7", completion: null, mark: "keep" },
    ]);
    await book.apply("ultrafeedback", [{ key: "abc", completion: 2, mark: "discard" }]);
    await book.flushed();
    first.close();
    const again = new MarkBook(new IdbMarkStore("marks-reload-test"));
    await again.open("ultrachat_raw");
    expect(
      again
        .entries("ultrachat_raw")
        .map((e) => [e.key, e.mark, e.note])
        .sort(),
    ).toEqual([
      ["0", "discard", "cut short"],
      ["7", "keep", ""],
    ]);
    await again.open("ultrafeedback");
    expect(again.get("ultrafeedback", "abc", 2)?.mark).toBe("discard");
    expect(again.get("ultrafeedback", "abc", null)).toBeNull();
    // Cleared marks are gone from the store too.
    await again.apply("ultrachat_raw", [{ key: "7", completion: null, mark: null }]);
    await again.flushed();
    const third = new MarkBook(new IdbMarkStore("marks-reload-test"));
    await third.open("ultrachat_raw");
    expect(third.entries("ultrachat_raw").map((e) => e.key)).toEqual(["0"]);
  });

  it("keeps many marks in buckets, and a store that writes before it reads loses none of them", async () => {
    const first = new IdbMarkStore("marks-bucket-test");
    const many = Array.from({ length: 2000 }, (_, i) => ({
      scope: "s",
      key: `k${i}`,
      completion: i % 5 === 0 ? 1 : null,
      mark: "keep" as const,
      note: i === 7 ? "seven" : "",
      marked_at: "2026-12-04T00:00:00Z",
    }));
    await first.save(many, []);
    first.close();
    const second = new IdbMarkStore("marks-bucket-test");
    await second.save([{ ...many[0]!, key: "extra" }], [many[1]!]);
    second.close();
    const read = await new IdbMarkStore("marks-bucket-test").load("s");
    expect(read).toHaveLength(2000);
    expect(read.find((e) => e.key === "extra")?.completion).toBe(1);
    expect(read.find((e) => e.key === "k1")).toBeUndefined();
    expect(read.find((e) => e.key === "k7")?.note).toBe("seven");
    expect(await new IdbMarkStore("marks-bucket-test").load("other")).toEqual([]);
  });

  it("reads back what it writes, names each bad line, and merges by time", async () => {
    const scope = "ultrachat_raw";
    const book = new MarkBook(new MemoryMarkStore(), clock());
    await book.apply(scope, [
      { key: "1", completion: null, mark: "keep" },
      { key: "2", completion: null, mark: "review", note: "tone" },
    ]);
    const text = marksJsonl(book.entries(scope));
    expect(text.split("\n")[0]).toBe(
      JSON.stringify({
        dataset: scope,
        key: "1",
        completion: null,
        mark: "keep",
        note: "",
        marked_at: "2026-12-04T00:00:01.000Z",
      }),
    );
    const round = parseMarks(text, "m.jsonl", "other", "2026-12-05T00:00:00.000Z");
    expect(round.errors).toEqual([]);
    expect(round.entries).toEqual(book.entries(scope).sort((a, b) => a.key.localeCompare(b.key)));

    const file = [
      '{"key": "1", "mark": "discard", "marked_at": "2026-12-03T00:00:00.000Z"}',
      '{"key": "2", "mark": "discard", "marked_at": "2026-12-09T00:00:00.000Z"}',
      '{"key": 3, "mark": "keep"}',
      "",
      "not json",
      '{"key": "4", "mark": "maybe"}',
      '{"key": "5"}',
      '{"key": "6", "mark": "keep", "dataset": "ultrachat_200k:train_sft"}',
      '{"key": "7", "completion": 1.5, "mark": "keep"}',
    ].join("\n");
    const parsed = parseMarks(file, "marks.jsonl", scope, "2026-12-04T12:00:00.000Z");
    expect(parsed.lines).toBe(8);
    expect(parsed.errors).toEqual([
      expect.stringMatching(/^marks\.jsonl, line 5: not JSON/),
      'marks.jsonl, line 6: "mark" must be keep, discard, review, swap or null, not "maybe"',
      "marks.jsonl, line 7: neither a mark nor a note",
      'marks.jsonl, line 9: "completion" must be a completion\'s position (0, 1, …) or null',
    ]);
    const here = parsed.entries.filter((e) => e.scope === scope);
    expect(here.map((e) => e.key)).toEqual(["1", "2", "3"]);
    expect(await book.merge(scope, here)).toEqual({ added: 1, replaced: 1, kept: 1 });
    expect(book.get(scope, "1")?.mark).toBe("keep");
    expect(book.get(scope, "2")?.mark).toBe("discard");
    expect(book.get(scope, "3")?.mark).toBe("keep");
    expect(parsed.entries.find((e) => e.key === "6")?.scope).toBe("ultrachat_200k:train_sft");
  });
});

describe("marks as Arrow", () => {
  it("round-trips every column, nulls, non-ASCII and empty text", async () => {
    const { tableFromIPC } = await import("apache-arrow");
    const { marksIpc } = await import("./arrow");
    const entries: MarkEntry[] = [
      { scope: "s", key: "潮だまり", completion: null, mark: "keep", note: "", marked_at: "2026-12-04T00:00:00Z" },
      { scope: "s", key: "k'2", completion: 3, mark: null, note: "é\n<b>x</b>", marked_at: "t" },
    ];
    const t = tableFromIPC(marksIpc(entries));
    expect(t.toArray().map((r) => r.toJSON())).toEqual(entries);
  });
});
