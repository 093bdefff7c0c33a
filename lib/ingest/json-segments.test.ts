import { readFileSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { resultOf } from "../engine/plain";
import { fixtureFile, sampleFile } from "../test/fixtures";
import { jsonBatches, type IngestEvent } from "./json-batches";
import { parallelJsonBatches, parseSegment, segmentsOf, type SegmentParser } from "./json-segments";

/**
 * Parsers in this process that answer out of order (a later segment often first), as workers do: the
 * parallel reading must still give the one reader's table, order, notes and first error.
 */
function shuffledParser(width: number): SegmentParser & { parsed: number } {
  let n = 0;
  const parser = {
    width,
    parsed: 0,
    parse: (
      name: string,
      layout: Parameters<SegmentParser["parse"]>[1],
      segment: Parameters<SegmentParser["parse"]>[2],
    ) => {
      const delay = [3, 0, 5, 1, 2][n++ % 5]!;
      // as across a worker's port: the bytes are copied, so nothing is shared
      const copy = { ...segment, bytes: segment.bytes.slice() };
      return new Promise<ReturnType<typeof parseSegment>>((resolve) =>
        setTimeout(() => {
          parser.parsed++;
          resolve(parseSegment(name, layout, copy));
        }, delay),
      );
    },
  };
  return parser;
}

interface Read {
  schema: unknown[];
  rows: Record<string, unknown>[];
  warnings: string[];
  error: string | null;
}

async function read(events: AsyncGenerator<IngestEvent>): Promise<Read> {
  const out: Read = { schema: [], rows: [], warnings: [], error: null };
  try {
    for await (const e of events) {
      if (e.kind === "schema") out.schema.push(e);
      else if (e.kind === "warning") out.warnings.push(e.message);
      else out.rows.push(...resultOf(tableFromIPC(e.ipc)).rows);
    }
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

const stream = (bytes: Uint8Array) => new Blob([bytes as BlobPart]).stream();
const enc = (text: string) => new TextEncoder().encode(text);
const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);

const chat = lines(sampleFile("ultrachat/train_0.jsonl"));
const feedback = lines(sampleFile("ultrafeedback/sharegpt.jsonl"));
const withBadBytes = () => {
  const parts = chat.map((l, i) => (i === 4 || i === 49 ? l.replace('"data":["', '"data":["\u0001') : l));
  const bytes = enc(parts.join("\n") + "\n");
  // each planted U+0001 becomes a byte that is not UTF-8
  return bytes.map((b) => (b === 1 ? 0xff : b));
};

const CASES: [string, Uint8Array][] = [
  ["raw UltraChat", enc(chat.join("\n") + "\n")],
  [
    "raw UltraChat, CRLF ends, a byte order mark, blank lines, no last newline",
    enc(
      "\uFEFF" +
        chat
          .map((l, i) => (i % 9 === 3 ? `${l}\r\n\r\n` : `${l}\r\n`))
          .join("")
          .trimEnd(),
    ),
  ],
  ["the Japanese raw UltraChat", readFileSync(sampleFile("ultrachat_ja/train_0.jsonl"))],
  ["UltraFeedback", enc(feedback.join("\n"))],
  [
    "UltraFeedback, ratings off any scale and numbers past a double",
    readFileSync(fixtureFile("ultrafeedback-offscale.jsonl")),
  ],
  ["bytes that are not UTF-8 on lines 5 and 50", withBadBytes()],
  ["a broken line (line 37)", enc(chat.map((l, i) => (i === 36 ? l.slice(0, 40) : l)).join("\n"))],
  ["an array where a record should be (line 61)", enc(chat.map((l, i) => (i === 60 ? "[1, 2]" : l)).join("\n"))],
  ["a record of the wrong shape (line 23)", enc(chat.map((l, i) => (i === 22 ? '{"id":"x","data":5}' : l)).join("\n"))],
  ["a file of no layout (read by the one reader)", readFileSync(fixtureFile("late-columns.jsonl"))],
  ["one pretty-printed object (read by the one reader)", readFileSync(fixtureFile("pretty-row.json"))],
];

describe("JSON Lines parsed in parallel give the one reader's table", () => {
  it.each(CASES)("%s", async (_, bytes) => {
    const one = await read(jsonBatches("f.jsonl", stream(bytes)));
    expect(one.rows.length + (one.error ? 1 : 0)).toBeGreaterThan(0);
    for (const width of [1, 2, 3]) {
      const parser = shuffledParser(width);
      // segments of 2 kB: dozens of them, lines cut across chunks
      const many = await read(parallelJsonBatches("f.jsonl", stream(bytes), parser, 2048));
      expect(many.error).toBe(one.error);
      expect(many.warnings).toEqual(one.warnings);
      expect(many.schema).toEqual(one.schema);
      expect(many.rows).toHaveLength(one.error ? many.rows.length : one.rows.length);
      if (!one.error) expect(many.rows).toEqual(one.rows);
    }
  });

  it("errors name the line they are on, in the file's numbering", async () => {
    const broken = await read(parallelJsonBatches("f.jsonl", stream(CASES[6]![1]), shuffledParser(2), 2048));
    expect(broken.error).toMatch(/^f\.jsonl, line 37: not valid JSON/);
    const shape = await read(parallelJsonBatches("f.jsonl", stream(CASES[8]![1]), shuffledParser(2), 2048));
    expect(shape.error).toMatch(/^f\.jsonl, line 23: unexpected shape/);
    const bad = await read(parallelJsonBatches("f.jsonl", stream(withBadBytes()), shuffledParser(2), 2048));
    expect(bad.warnings).toEqual([
      expect.stringMatching(
        /^f\.jsonl, line 5, column “data”: 1 byte that is not UTF-8, read as “\uFFFD” \(2 bytes on 2 lines in all\)$/,
      ),
    ]);
  });

  it("the segments are parsed by the parsers, not by the reader", async () => {
    const parser = shuffledParser(2);
    const got = await read(parallelJsonBatches("f.jsonl", stream(CASES[0]![1]), parser, 2048));
    expect(got.rows).toHaveLength(chat.length);
    expect(parser.parsed).toBeGreaterThan(10);
  });
});

describe("segmentsOf", () => {
  it("cuts after newlines only, numbers each segment's first line, and loses no byte", async () => {
    const text = "a\nbb\n" + "c".repeat(5000) + "\nd\ne";
    const parts = enc(text);
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < parts.length; i += 700) c.enqueue(parts.slice(i, i + 700));
        c.close();
      },
    });
    const segments = [];
    for await (const s of segmentsOf(chunks, 1000)) segments.push(s);
    expect(segments.map((s) => new TextDecoder().decode(s.bytes)).join("")).toBe(text);
    expect(segments.slice(0, -1).every((s) => s.bytes[s.bytes.length - 1] === 10)).toBe(true);
    for (const s of segments) {
      const before = new TextDecoder().decode(parts.subarray(0, s.end - s.bytes.length));
      expect(s.firstLine).toBe(before.split("\n").length);
    }
    expect(segments.at(-1)!.end).toBe(parts.length);
  });
});
