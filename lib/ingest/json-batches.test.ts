import { openAsBlob } from "node:fs";
import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { fixtureFile, jsonl, sampleFile } from "../test/fixtures";
import { jsonBatches, type IngestEvent } from "./json-batches";
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

  it("accepts a JSON array of records", async () => {
    const blob = new Blob([JSON.stringify([{ id: "1", data: ["hi", "hello"] }])]);
    const events: IngestEvent[] = [];
    for await (const e of jsonBatches("a.json", blob.stream())) events.push(e);
    expect(events.map((e) => e.kind)).toEqual(["schema", "batch"]);
  });
});
