import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { startHub, type Hub } from "../../scripts/hub-server";
import { NativeEngine } from "../engine/native";
import { readerSql } from "../ingest/sql-stage";
import { CATALOG, parseRemoteId, remoteId } from "./catalog";
import { conversionFileUrl, conversionListUrl, findConversion, parseListing } from "./conversion";
import { sourcesFor } from "./sources";

let hub: Hub;
beforeAll(async () => {
  hub = await startHub(0);
});
afterAll(() => hub.close());

const spec = { config: "default", split: "train" };

describe("the Hub's Parquet conversion", () => {
  it("names the listing and the files under the revision refs/convert/parquet", () => {
    expect(conversionListUrl("https://hf.example/", "openbmb/UltraFeedback", "default/train")).toBe(
      "https://hf.example/api/datasets/openbmb/UltraFeedback/tree/refs%2Fconvert%2Fparquet/default/train",
    );
    expect(conversionFileUrl("https://hf.example", "openbmb/UltraFeedback", "default/train/0000.parquet")).toBe(
      "https://hf.example/datasets/openbmb/UltraFeedback/resolve/refs%2Fconvert%2Fparquet/default/train/0000.parquet",
    );
  });

  it("finds the whole conversion of UltraFeedback, in the order of its files", async () => {
    const c = await findConversion(hub.url, "openbmb/UltraFeedback", spec);
    expect(c.state).toBe("complete");
    if (c.state === "none") return;
    expect(c.folder).toBe("default/train");
    expect(c.files.map((f) => f.path)).toEqual(["default/train/0000.parquet", "default/train/0001.parquet"]);
    expect(c.bytes).toBe(c.files[0]!.bytes + c.files[1]!.bytes);
  });

  it("finds that raw UltraChat's conversion is partial", async () => {
    const c = await findConversion(hub.url, "stingning/ultrachat", spec);
    expect(c).toMatchObject({ state: "partial", folder: "default/partial-train" });
  });

  it("says why there is none: no listing, an address that does not answer, an answer that is not a listing", async () => {
    expect(await findConversion(hub.url, "HuggingFaceH4/ultrachat_200k", { config: "default", split: "x" })).toEqual({
      state: "none",
      reason: "the Hub lists no Parquet conversion of this split",
    });
    const refused = await findConversion("http://127.0.0.1:9", "openbmb/UltraFeedback", spec);
    expect(refused.state).toBe("none");
    if (refused.state === "none") expect(refused.reason).toMatch(/^http:\/\/127\.0\.0\.1:9\/api\/.* did not answer/);
    // a reader worker's refusal, as fetch's, names no address: the reason names it once
    const failed = async () => Promise.reject(new TypeError("Failed to fetch"));
    expect(await findConversion("https://hf.example", "a/b", spec, failed)).toEqual({
      state: "none",
      reason:
        "https://hf.example/api/datasets/a/b/tree/refs%2Fconvert%2Fparquet/default/train did not answer (Failed to fetch)",
    });
    const html = async () => new Response("<html>", { status: 200 });
    expect(await findConversion("https://hf.example", "a/b", spec, html)).toEqual({
      state: "none",
      reason:
        "https://hf.example/api/datasets/a/b/tree/refs%2Fconvert%2Fparquet/default/train did not answer with JSON",
    });
    const down = async () => new Response("", { status: 503, statusText: "Service Unavailable" });
    expect(await findConversion("https://hf.example", "a/b", spec, down)).toMatchObject({
      reason: expect.stringMatching(/answered 503 Service Unavailable$/),
    });
  });

  it("keeps only Parquet files of the folder itself, with sizes, from an untrusted listing", () => {
    const listing = [
      { type: "file", path: "default/train/0001.parquet", size: 134, lfs: { size: 9000 } },
      { type: "file", path: "default/train/0000.parquet", size: 70 },
      { type: "directory", path: "default/train/sub" },
      { type: "file", path: "default/train/sub/0000.parquet", size: 5 },
      { type: "file", path: "default/train/README.md", size: 5 },
      { type: "file", path: "default/test/0000.parquet", size: 5 },
      "<script>",
      null,
    ];
    expect(parseListing(listing, "default/train")).toEqual([
      { path: "default/train/0000.parquet", bytes: 70 },
      { path: "default/train/0001.parquet", bytes: 9000 },
    ]);
    expect(parseListing({ error: "x" }, "default/train")).toBe("the listing is not a list of files");
    expect(parseListing([{ type: "file", path: "default/train/0.parquet" }], "default/train")).toBe(
      "default/train/0.parquet has no size in the listing",
    );
  });

  it("holds the rows of the samples' JSON Lines files, in their order (the stand-in's conversion)", async () => {
    const db = await NativeEngine.open();
    try {
      const samples = ["false_qa", "sharegpt", "truthful_qa"].map((s) =>
        join(import.meta.dirname, "..", "..", "public", "samples", "ultrafeedback", `${s}.jsonl`),
      );
      const c = await findConversion(hub.url, "openbmb/UltraFeedback", spec);
      if (c.state === "none") throw new Error(c.reason);
      const local = join(import.meta.dirname, "..", "..", "bench-data", "hub-conversion", "ultrafeedback");
      const parquet = c.files.map((f) => join(local, f.path.split("/").pop()!));
      const numbered = (sql: string) => `SELECT row_number() OVER () AS n, * FROM ${sql}`;
      const [a, b] = [readerSql(samples, "ultrafeedback"), readerSql(parquet, null)];
      const diff = await db.rows(
        `SELECT count(*) AS n FROM ((${numbered(a)}) EXCEPT ALL (${numbered(b)})) UNION ALL SELECT count(*) FROM ${b}`,
      );
      expect(diff.map((r) => Number(r.n))).toEqual([0, 60]);
    } finally {
      await db.close();
    }
  });
});

describe("a link to a conversion", () => {
  it("is an id of its own that reads back", () => {
    expect(remoteId("openbmb/UltraFeedback", "train", null, true)).toBe("hf:openbmb/UltraFeedback:train@parquet");
    expect(parseRemoteId("hf:openbmb/UltraFeedback:train@parquet")).toEqual({
      repo: "openbmb/UltraFeedback",
      split: "train",
      files: null,
      conversion: true,
    });
    expect(parseRemoteId("hf:openbmb/UltraFeedback:train")?.conversion).toBe(false);
  });

  it("asks the Hub for the files before reading them, from the Hub address in use only", async () => {
    const planned = sourcesFor("hf:openbmb/UltraFeedback:train@parquet", hub.url, "http://page");
    if (!planned || "problem" in planned) throw new Error("no plan");
    expect(planned.label).toBe("UltraFeedback (raw) · train (Parquet conversion)");
    expect(planned.asks).toBe(conversionListUrl(hub.url, "openbmb/UltraFeedback", "default/train"));
    const sources = await planned.resolve!();
    expect(sources.map((s) => (s.kind === "url" ? s.url : ""))).toEqual([
      conversionFileUrl(hub.url, "openbmb/UltraFeedback", "default/train/0000.parquet"),
      conversionFileUrl(hub.url, "openbmb/UltraFeedback", "default/train/0001.parquet"),
    ]);
    const ds = (rows: number) => ({ rows }) as Parameters<NonNullable<typeof planned.check>>[0];
    expect(planned.check!(ds(63_967))).toBeNull();
    expect(planned.check!(ds(60))).toBe(
      "The Hub's Parquet conversion of UltraFeedback (raw) · train holds 60 rows; the published split has 63,967. " +
        "Load the original files for all of them.",
    );
    const part = sourcesFor("hf:stingning/ultrachat:train@parquet", hub.url, "http://page");
    if (!part || "problem" in part) throw new Error("no plan");
    expect(part.check!(ds(773_913))).toMatch(/holds 773,913 rows; the published split has about 1,470,000\./);
    expect(part.check!(ds(1_468_348))).toBeNull();
    const none = sourcesFor("hf:HuggingFaceH4/ultrachat_200k:test_sft@parquet", hub.url, "http://page");
    expect(none).toEqual({ problem: "the Hub has no Parquet conversion of UltraChat 200k · test_sft" });
    const gone = sourcesFor("hf:openbmb/UltraFeedback:train@parquet", "http://127.0.0.1:9", "http://page");
    if (!gone || "problem" in gone) throw new Error("no plan");
    await expect(gone.resolve!()).rejects.toThrow(/^UltraFeedback \(raw\) · train \(Parquet conversion\): http/);
  });

  it("is offered for the splits the issue names only", () => {
    const offered = CATALOG.flatMap((d) => d.splits.filter((s) => s.conversion).map((s) => `${d.repo}:${s.name}`));
    expect(offered).toEqual(["openbmb/UltraFeedback:train", "stingning/ultrachat:train"]);
  });
});
