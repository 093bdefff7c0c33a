import { openAsBlob } from "node:fs";
import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { fixtureFile, jsonl, sampleFile } from "../test/fixtures";
import { jsonBatches, type IngestEvent } from "./json-batches";
import { resultOf } from "../engine/plain";
import { exactInDouble, lossyNumbers } from "./exact-numbers";
import { readLines } from "./lines";

async function collect(path: string, name = path.split("/").pop()!) {
  const blob = await openAsBlob(path);
  const events: IngestEvent[] = [];
  for await (const e of jsonBatches(name, blob.stream())) events.push(e);
  return events;
}

function streamOf(chunks: Uint8Array[]) {
  return new ReadableStream<Uint8Array>({
    start(c) {
      chunks.forEach((x) => c.enqueue(x));
      c.close();
    },
  });
}

describe("readLines", () => {
  it("splits CRLF lines and multi-byte characters cut across chunks", async () => {
    const bytes = new TextEncoder().encode("a\r\n潮だまり\nlast");
    const lines: string[] = [];
    for await (const l of readLines(streamOf([bytes.slice(0, 5), bytes.slice(5)]))) lines.push(l.text);
    expect(lines).toEqual(["a", "潮だまり", "last"]);
  });
});

describe("jsonBatches", () => {
  it("reads the UltraFeedback sample in its layout with every row", async () => {
    const events = await collect(sampleFile("ultrafeedback/sharegpt.jsonl"));
    expect(events[0]).toMatchObject({ kind: "schema", layout: "ultrafeedback" });
    const batches = events.filter((e) => e.kind === "batch");
    expect(batches.reduce((s, b) => s + b.rows, 0)).toBe(jsonl(sampleFile("ultrafeedback/sharegpt.jsonl")).length);
    const table = tableFromIPC(batches[0]!.ipc);
    expect(table.schema.fields.map((f) => f.name)).toContain("completions");
  });

  it("names the file and the line of malformed JSON", async () => {
    await expect(collect(fixtureFile("broken.jsonl"))).rejects.toThrow(/^broken\.jsonl, line 4: not valid JSON/);
  });

  it("says an empty file is empty", async () => {
    await expect(collect(fixtureFile("empty.jsonl"))).rejects.toThrow("empty.jsonl: the file is empty");
  });

  it("names the columns a half-matching file lacks", async () => {
    await expect(collect(fixtureFile("missing-columns.jsonl"))).rejects.toThrow(
      "missing-columns.jsonl, line 1: looks like UltraFeedback binarized but lacks the columns rejected, score_chosen, score_rejected",
    );
  });

  it("opens an unknown layout as a table of its own columns", async () => {
    const events = await collect(fixtureFile("generic.jsonl"));
    expect(events[0]).toEqual({ kind: "schema", layout: "generic", columns: ["question", "answer", "score", "tags"] });
    const batch = events[1];
    expect(batch?.kind).toBe("batch");
    if (batch?.kind !== "batch") return;
    const table = tableFromIPC(batch.ipc);
    expect(table.getChild("score")?.toArray()).toEqual(new Float64Array([4, 5, 2.5]));
    expect(table.getChild("tags")?.get(0)).toBe('["sky"]');
  });

  const rowsOf = async (name: string, text: string) => {
    const events: IngestEvent[] = [];
    for await (const e of jsonBatches(name, new Blob([text]).stream())) events.push(e);
    const batches = events.flatMap((e) => (e.kind === "batch" ? [resultOf(tableFromIPC(e.ipc)).rows] : []));
    const schema = events.find((e) => e.kind === "schema");
    return { layout: schema?.kind === "schema" ? schema.layout : null, rows: batches.flat() };
  };

  it("opens one JSON object as one row: on one line, or pretty-printed over many (the card examples, Copy row as JSON)", async () => {
    const record = jsonl(sampleFile("ultrafeedback/sharegpt.jsonl"))[0]!;
    const pretty = await rowsOf("row.json", JSON.stringify(record, null, 2) + "\n");
    expect(pretty.layout).toBe("ultrafeedback");
    expect(pretty.rows).toHaveLength(1);
    expect(pretty.rows[0]!.instruction).toBe(record.instruction);
    const flat = await rowsOf("row.json", JSON.stringify(record));
    expect(flat.rows).toEqual(pretty.rows);
    const generic = await rowsOf("x.json", '{\n  "a": 1,\n  "b": "two"\n}');
    expect(generic.rows.map((r) => [String(r.a), r.b])).toEqual([["1", "two"]]);
  });

  it("opens a pretty-printed array of objects, every row; a broken document names its line", async () => {
    const rows = [
      { id: "1", data: ["hi", "hello"] },
      { id: "2", data: ["a", "b", "c", "d"] },
    ];
    const read = await rowsOf("a.json", JSON.stringify(rows, null, 2));
    expect(read.layout).toBe("ultrachat_raw");
    expect(read.rows.map((r) => r.id)).toEqual(["1", "2"]);
    await expect(rowsOf("b.json", '{\n  "a": 1,\n  "b": oops\n}')).rejects.toThrow(/b\.json.*line 3/);
    await expect(rowsOf("c.json", '{\n  "a": 1\n}\n{\n  "a": 2\n}')).rejects.toThrow(/c\.json.*line 4/);
    await expect(rowsOf("d.json", '[\n  {"a": "x"},\n  {"a": "y",}\n]')).rejects.toThrow(/d\.json.*line 3/);
  });

  it("accepts a JSON array of records", async () => {
    const blob = new Blob([JSON.stringify([{ id: "1", data: ["hi", "hello"] }])]);
    const events: IngestEvent[] = [];
    for await (const e of jsonBatches("a.json", blob.stream())) events.push(e);
    expect(events.map((e) => e.kind)).toEqual(["schema", "batch"]);
  });
});

const linesOf = async (chunks: Uint8Array[]) => {
  const out: { text: string; line: number; invalid: number }[] = [];
  for await (const l of readLines(streamOf(chunks))) out.push({ text: l.text, line: l.line, invalid: l.invalid });
  return out;
};

describe("readLines keeps every byte and says which were not UTF-8", () => {
  it("counts bytes that are not UTF-8 on their line; a real U+FFFD in the text is not one", async () => {
    const blob = await openAsBlob(fixtureFile("not-utf8.jsonl"));
    const read: { line: number; invalid: number; text: string }[] = [];
    for await (const l of readLines(blob.stream())) read.push({ line: l.line, invalid: l.invalid, text: l.text });
    expect(read.map((l) => [l.line, l.invalid])).toEqual([
      [1, 0],
      [2, 2],
      [3, 0],
    ]);
    expect(read[1]!.text).toBe('{"id":"2","text":"one bad byte \uFFFD and a cut one \uFFFD!"}');
  });

  it("reads a byte order mark, CRLF ends and a last line without a newline as a clean file", async () => {
    const clean = new TextEncoder().encode('{"a":1}\n{"a":2}\n');
    const odd = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":1}\r\n{"a":2}')]);
    expect(await linesOf([odd.slice(0, 2), odd.slice(2)])).toEqual(await linesOf([clean]));
  });
});

describe("numbers a double does not hold", () => {
  it("are found with their column, and only they", () => {
    const line = '{"a":{"x":9007199254740993,"s":"12345678901234567890"},"b":[1e400, 0.5, 1.5e3],"c":9007199254740991}';
    expect(lossyNumbers(line).map((n) => [n.column, n.text])).toEqual([
      ["a", "9007199254740993"],
      ["b", "1e400"],
    ]);
    expect(["0.1", "1e21", "123456789012345678", "1.50", "-0", "12345678901234567.89"].map(exactInDouble)).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it("in a table of no layout: kept as text, digit for digit, and said with file, line and column", async () => {
    const events = await collect(fixtureFile("big-numbers.jsonl"));
    const batch = events.find((e) => e.kind === "batch");
    if (batch?.kind !== "batch") throw new Error("no batch");
    const table = tableFromIPC(batch.ipc);
    expect(table.getChild("big")?.toArray()).toEqual(["9007199254740993", "5", "9007199254740993"]);
    expect(table.getChild("huge")?.get(0)).toBe("12345678901234567890");
    expect(table.getChild("price")?.get(0)).toBe("12345678901234567.89");
    expect(table.getChild("far")?.get(0)).toBe("1e400");
    expect(table.getChild("small")?.toArray()).toEqual(new Float64Array([3, 4, 5]));
    expect(events.filter((e) => e.kind === "warning").map((e) => e.kind === "warning" && e.message)).toEqual([
      "big-numbers.jsonl, line 1, column “big”: 9007199254740993 is more than a double holds exactly; kept as text, digit for digit (1 more number like it in this column)",
      "big-numbers.jsonl, line 1, column “huge”: 12345678901234567890 is more than a double holds exactly; kept as text, digit for digit",
      "big-numbers.jsonl, line 1, column “price”: 12345678901234567.89 is more than a double holds exactly; kept as text, digit for digit",
      "big-numbers.jsonl, line 1, column “far”: 1e400 is more than a double holds exactly; kept as text, digit for digit",
    ]);
  });

  it("in a known layout: read as the nearest double (off scale where it is infinite), and said", async () => {
    const events = await collect(fixtureFile("ultrafeedback-offscale.jsonl"));
    expect(events.filter((e) => e.kind === "warning").map((e) => e.kind === "warning" && e.message)).toEqual([
      "ultrafeedback-offscale.jsonl, line 1, column “completions”: 1e400 is more than a double holds exactly; read as Infinity, marked off scale, the nearest a double holds",
    ]);
    const batch = events.find((e) => e.kind === "batch");
    if (batch?.kind !== "batch") throw new Error("no batch");
    const row = resultOf(tableFromIPC(batch.ipc)).rows[0] as { completions: { overall_score: number }[] };
    expect(row.completions.map((c) => c.overall_score)).toEqual([Infinity, 6, 5, 10]);
  });

  it("bytes that are not UTF-8: the file, the first line, the column and how many", async () => {
    const events = await collect(fixtureFile("not-utf8.jsonl"));
    expect(events.filter((e) => e.kind === "warning").map((e) => e.kind === "warning" && e.message)).toEqual([
      "not-utf8.jsonl, line 2, column “text”: 2 bytes that are not UTF-8, read as “\uFFFD”",
    ]);
  });
});

describe("column names that are JavaScript's own", () => {
  it("load as columns like any other, each with its values", async () => {
    const events = await collect(fixtureFile("js-names.jsonl"));
    const schema = events.find((e) => e.kind === "schema");
    expect(schema).toMatchObject({
      columns: ["constructor", "toString", "valueOf", "hasOwnProperty", "_~__proto__", "plain"],
      labels: { "_~__proto__": "__proto__" },
    });
    const batch = events.find((e) => e.kind === "batch");
    if (batch?.kind !== "batch") throw new Error("no batch");
    const rows = resultOf(tableFromIPC(batch.ipc)).rows;
    expect(
      rows.map((r) => [r.constructor, r.toString, r.valueOf, r.hasOwnProperty, r["_~__proto__"], r.plain]),
    ).toEqual([
      ["c1", "t1", 1, "h1", "p1", "x1"],
      ["c2", "t2", 2, "h2", "p2", "x2"],
    ]);
  });
});
