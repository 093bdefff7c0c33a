import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHub, type Hub } from "../../scripts/hub-server";
import { fileUrl } from "../datasets/catalog";
import { apiAnswer, countingStream, openRemote, RangeFile } from "./remote";

let hub: Hub;
const FILE = "HuggingFaceH4/ultrafeedback_binarized/data/test_prefs-00000-of-00001.parquet";
const BIG = "HuggingFaceH4/ultrachat_200k/resolve/main/data/test_sft-00000-of-00001-f7dfac4afe5b93f4.parquet";
const url = (fault = "") =>
  `${hub.url}${fault ? `/_fault/${fault}` : ""}/datasets/${FILE.replace("/data/", "/resolve/main/data/")}`;

beforeAll(async () => {
  hub = await startHub(0);
});
afterAll(() => hub.close());

async function readAll(stream: ReadableStream<Uint8Array>) {
  let n = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) n += chunk.byteLength;
  return n;
}

describe("remote files", () => {
  it("reads byte ranges and counts what it fetched", async () => {
    expect(url()).toBe(
      fileUrl(hub.url, "HuggingFaceH4/ultrafeedback_binarized", "data/test_prefs-00000-of-00001.parquet"),
    );
    const opened = await openRemote("test_sft.parquet", `${hub.url}/datasets/${BIG}`);
    if (opened.kind !== "ranged") throw new Error("expected range support");
    const file: RangeFile = opened.file;
    expect(file.size).toBeGreaterThan(10_000);
    const tail = new Uint8Array(await file.slice(file.size - 4).arrayBuffer());
    expect(new TextDecoder().decode(tail)).toBe("PAR1");
    expect(opened.file.stats).toMatchObject({ ranged: true, requests: 2 });
    expect(opened.file.stats.fetched).toBeLessThan(file.size);
    // a second read inside the read-ahead costs no request
    await file.slice(file.size - 8, file.size - 4).arrayBuffer();
    expect(opened.file.stats.requests).toBe(2);
  });

  it("falls back to the whole file when the server ignores ranges", async () => {
    const opened = await openRemote("test_prefs.parquet", url("norange"));
    expect(opened.kind).toBe("whole");
    if (opened.kind !== "whole") return;
    let counted = 0;
    const n = await readAll(countingStream("x", url(), opened.response.body!, opened.size, (b) => (counted += b)));
    expect(n).toBe(opened.size);
    expect(counted).toBe(n);
  });

  it("names a 404 with the address", async () => {
    const missing = `${hub.url}/datasets/nobody/nothing/resolve/main/x.parquet`;
    await expect(openRemote("x.parquet", missing)).rejects.toThrow(
      `x.parquet: the server answered HTTP 404 Not Found for ${missing}`,
    );
  });

  it("names a refused connection", async () => {
    await expect(openRemote("x.parquet", "http://127.0.0.1:9/x.parquet")).rejects.toThrow(
      /x\.parquet: could not connect to http:\/\/127\.0\.0\.1:9 \(connection refused/,
    );
  });

  it("read in order, fetches ahead in stretches that double: the same bytes in a few requests", async () => {
    const address = `${hub.url}/datasets/${BIG}`;
    const whole = new Uint8Array(await (await fetch(address)).arrayBuffer());
    const opened = await openRemote("test_sft.parquet", address);
    if (opened.kind !== "ranged") throw new Error("expected range support");
    const { file } = opened;
    expect(file.size).toBe(whole.byteLength);
    expect(file.size).toBeGreaterThan(2 << 20);
    // read as a decoder reads a whole file: pieces one after another, each waited for
    const piece = 100_000;
    const got = new Uint8Array(file.size);
    for (let at = 0; at < file.size; at += piece) {
      got.set(new Uint8Array(await file.slice(at, at + piece).arrayBuffer()), at);
    }
    expect(Buffer.compare(Buffer.from(got), Buffer.from(whole))).toBe(0);
    // the first byte asked when opened, then 256 KiB, and from there stretches of 256 KiB, 512 KiB, 1 MiB, … ahead
    let [covered, stretch, requests] = [256 << 10, 256 << 10, 2];
    while (covered < file.size) [covered, stretch, requests] = [covered + stretch, stretch * 2, requests + 1];
    expect(file.stats.requests).toBe(requests);
    expect(file.stats.fetched).toBe(file.size + 1);
  });

  it("names a connection cut in the middle of a download", async () => {
    const opened = await openRemote("t.parquet", url("cut"));
    if (opened.kind !== "ranged") throw new Error("expected range support");
    await expect(opened.file.slice(0, opened.file.size).arrayBuffer()).rejects.toThrow(/t\.parquet: .*(cut|shorter)/);
  });

  it("names a server that announces more bytes than it has", async () => {
    const opened = await openRemote("t.parquet", url("liar"));
    if (opened.kind !== "ranged") throw new Error("expected range support");
    await expect(opened.file.slice(opened.file.size - 8).arrayBuffer()).rejects.toThrow(
      /t\.parquet: (asked for bytes .* the file is shorter than announced|the server answered HTTP 416)/,
    );
  });

  it("names a whole download that ends early", async () => {
    const opened = await openRemote("t.parquet", url("norange"));
    if (opened.kind !== "whole") throw new Error("expected a whole download");
    const short = new Response(new Uint8Array(10)).body!;
    await expect(readAll(countingStream("t.parquet", url(), short, 100, () => undefined))).rejects.toThrow(
      "t.parquet: the download ended after 10 of the 100 bytes the server announced",
    );
    await opened.response.body?.cancel();
  });
});

describe("an API answer asked for by a reader worker", () => {
  it("passes the status and text on, and a failed connection says why without naming the address twice", async () => {
    const listing = `${hub.url}/api/datasets/openbmb/UltraFeedback/tree/refs%2Fconvert%2Fparquet/default/train`;
    const answer = await apiAnswer(listing);
    expect(answer.type).toBe("answer");
    if (answer.type === "answer") expect(answer.status).toBe(200);
    const refused = await apiAnswer("http://127.0.0.1:9/api/datasets/a/b/tree/main");
    expect(refused.type).toBe("error");
    if (refused.type === "error") expect(refused.message).not.toContain("127.0.0.1:9");
  });
});
