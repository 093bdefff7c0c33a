/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1: serves files under the Hub's path layout
 * (/datasets/<repo>/resolve/main/<file>) with CORS and range requests, and injects faults on demand
 * through a path prefix, /_fault/<kind>/datasets/…:
 *   norange    ignores Range and sends the whole file (200)
 *   cut        announces the whole length, sends part of it, then drops the connection
 *   liar       announces a length half again larger than the file
 *   truncated  serves only the first 60 % of the file, with a matching length
 *   nocors     leaves out the CORS headers
 *   slow       sends about 1 MB/s
 * The files are the bundled samples under the catalog's names, plus a generated ultrachat_200k
 * test_sft shard (10,000 rows in row groups of 250; `--full` writes the real 23,110 rows). It also
 * serves a Parquet conversion as the Hub does (revision refs/convert/parquet): the files under
 * /datasets/<repo>/resolve/refs%2Fconvert%2Fparquet/<config>/<split>/<n>.parquet and their listing at
 * /api/datasets/<repo>/tree/refs%2Fconvert%2Fparquet/<config>/<split>; for the samples, UltraFeedback's
 * whole, and raw UltraChat's first rows only, under partial-train.
 *   tsx scripts/hub-server.ts [--port 3201] [--full]
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { LayoutId } from "../lib/types";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CATALOG } from "../lib/datasets/catalog";
import { layoutFields } from "../lib/layouts/registry";
import { dialogue, sha256 } from "./lib/records";
import { seeded } from "./lib/synthetic-text";
import { writeParquetFile } from "./lib/write";

const root = join(import.meta.dirname, "..");
const sample = (p: string) => join(root, "public", "samples", p);

export const HUB_TEST_SFT_ROWS = 10_000;

/** Writes (once) the generated test_sft shard: `rows` dialogues, row groups of `group` rows. */
export function testSftShard(rows: number, group: number): string {
  const out = join(root, "bench-data", `hub-test_sft-${rows}.parquet`);
  if (existsSync(out)) return out;
  const r = seeded(23_110);
  const records = Array.from({ length: rows }, () => {
    const messages = dialogue(r, 2 * (1 + Math.floor(r() * 4)), r() < 0.2);
    const prompt = messages[0]!.content;
    return { prompt, prompt_id: sha256(prompt), messages };
  });
  writeParquetFile(out, layoutFields("ultrachat_200k"), records, group);
  return out;
}

/** A revision's files are keyed `<repo>@<revision>/<path>`; the main revision's `<repo>/<path>`. */
export const CONVERTED = "@refs/convert/parquet/";

/**
 * Writes (when missing or older than its sources) a Parquet conversion of JSON Lines files of a
 * layout: their rows in the order of the files' names, in `parts` files of row groups of `group`.
 */
export function convertToParquet(
  sources: readonly string[],
  layout: LayoutId,
  outDir: string,
  parts: number,
  group: number,
  take = Infinity,
): string[] {
  const outs = Array.from({ length: parts }, (_, i) => join(outDir, `${String(i).padStart(4, "0")}.parquet`));
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (outs.every((o) => existsSync(o) && statSync(o).mtimeMs >= newest)) return outs;
  const rows = [...sources]
    .sort()
    .flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    )
    .slice(0, take);
  const per = Math.ceil(rows.length / parts);
  outs.forEach((o, i) => writeParquetFile(o, layoutFields(layout), rows.slice(i * per, (i + 1) * per), group));
  return outs;
}

/** Hub paths (<repo>/<file>) → local files: the samples under the catalog's names, or the benchmark shards. */
export function sampleFiles(full: boolean): Map<string, string> {
  const map = new Map<string, string>();
  const chat = CATALOG.find((d) => d.repo === "HuggingFaceH4/ultrachat_200k")!;
  const shards = [0, 1].map((i) => sample(`ultrachat_200k/test_sft-0000${i}-of-00002.parquet`));
  chat.splits
    .find((s) => s.name === "train_sft")!
    .files.forEach((f, i) => map.set(`HuggingFaceH4/ultrachat_200k/${f.path}`, shards[i % 2]!));
  const testSft = chat.splits.find((s) => s.name === "test_sft")!.files[0]!;
  const big = full ? testSftShard(23_110, 1_000) : testSftShard(HUB_TEST_SFT_ROWS, 250);
  map.set(`HuggingFaceH4/ultrachat_200k/${testSft.path}`, big);
  map.set(
    "HuggingFaceH4/ultrafeedback_binarized/data/test_prefs-00000-of-00001.parquet",
    sample("ultrafeedback_binarized/test_prefs-00000-of-00001.parquet"),
  );
  for (const s of ["sharegpt", "false_qa"]) {
    map.set(`openbmb/UltraFeedback/${s}.jsonl`, sample(`ultrafeedback/${s}.jsonl`));
    map.set(`openbmb/UltraFeedback/${s}.jsonl.gz`, `${sample(`ultrafeedback/${s}.jsonl`)}|gzip`);
  }
  map.set("stingning/ultrachat/train_0.jsonl", sample("ultrachat/train_0.jsonl"));
  const converted = join(root, "bench-data", "hub-conversion");
  const feedback = ["false_qa", "sharegpt", "truthful_qa"].map((s) => sample(`ultrafeedback/${s}.jsonl`));
  convertToParquet(feedback, "ultrafeedback", join(converted, "ultrafeedback"), 2, 10).forEach((f, i) =>
    map.set(`openbmb/UltraFeedback${CONVERTED}default/train/000${i}.parquet`, f),
  );
  const rawChat = convertToParquet(
    [sample("ultrachat/train_0.jsonl")],
    "ultrachat_raw",
    join(converted, "ultrachat"),
    1,
    10,
    30,
  );
  map.set(`stingning/ultrachat${CONVERTED}default/partial-train/0000.parquet`, rawChat[0]!);
  return map;
}

const FAULTS = ["norange", "cut", "liar", "truncated", "nocors", "slow"] as const;
type Fault = (typeof FAULTS)[number];

export interface Hub {
  port: number;
  url: string;
  /** Bytes of file data sent, by file path. */
  sent: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Starts the server on `port` (0: any free port), serving `files` (hub path → local file; a
 * "|gzip" suffix serves the file gzipped). Files are read from disk per request, by range.
 */
export function startHub(port = 0, files: Map<string, string> = sampleFiles(false)): Promise<Hub> {
  const gz = new Map<string, Buffer>();
  const sent = new Map<string, number>();

  function handle(req: IncomingMessage, res: ServerResponse) {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const faultMatch = /^\/_fault\/([a-z]+)(\/.*)$/.exec(path);
    const fault = (faultMatch && FAULTS.includes(faultMatch[1] as Fault) ? faultMatch[1] : null) as Fault | null;
    const rest = faultMatch ? faultMatch[2]! : path;
    if (fault !== "nocors") {
      res.setHeader("Access-Control-Allow-Origin", "*");
      res.setHeader("Access-Control-Allow-Headers", "Range");
      res.setHeader("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges, ETag");
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    const listing = /^\/api\/datasets\/(.+?)\/tree\/refs\/convert\/parquet\/(.+?)\/?$/.exec(rest);
    if (listing) {
      const prefix = `${listing[1]}${CONVERTED}${listing[2]}/`;
      const entries = [...files]
        .filter(([k]) => k.startsWith(prefix) && !k.slice(prefix.length).includes("/"))
        .map(([k, local]) => {
          const size = statSync(local).size;
          return {
            type: "file",
            oid: size.toString(16),
            size,
            path: k.slice(k.indexOf(CONVERTED) + CONVERTED.length),
            lfs: { oid: size.toString(16), size, pointerSize: 134 },
          };
        });
      if (entries.length === 0)
        res.writeHead(404, { "Content-Type": "application/json" }).end('{"error":"Entry not found"}');
      else res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(entries));
      return;
    }
    const m = /^\/datasets\/(.+?)\/resolve\/(main|refs\/convert\/parquet)\/(.+)$/.exec(rest);
    const key = m ? (m[2] === "main" ? `${m[1]}/${m[3]}` : `${m[1]}${CONVERTED}${m[3]}`) : "";
    const local = files.get(key);
    if (!local) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Entry not found");
      return;
    }
    let whole: Buffer | null = null;
    if (local.endsWith("|gzip")) {
      whole = gz.get(key) ?? gzipSync(readFileSync(local.slice(0, -5)));
      gz.set(key, whole);
    }
    const real = whole ? whole.length : statSync(local).size;
    const size = fault === "truncated" ? Math.floor(real * 0.6) : real;
    const announced = fault === "liar" ? Math.floor(size * 1.5) : size;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    let status = 200;
    let start = 0;
    let end = size; // exclusive
    // As the Hub does: a tag and a date that change with the file, so a browser can tell a changed file apart.
    const modified = statSync(local.replace(/\|gzip$/, "")).mtime;
    const headers: Record<string, string> = {
      "Content-Type": "application/octet-stream",
      ETag: `"${real.toString(16)}-${modified.getTime().toString(16)}"`,
      "Last-Modified": modified.toUTCString(),
    };
    if (range && fault !== "norange") {
      start = Number(range[1]);
      const last = range[2] ? Number(range[2]) : announced - 1;
      if (start >= announced) {
        res.writeHead(416, { "Content-Range": `bytes */${announced}` }).end();
        return;
      }
      end = Math.min(size, last + 1);
      status = 206;
      headers["Content-Range"] = `bytes ${start}-${Math.min(last, announced - 1)}/${announced}`;
      headers["Accept-Ranges"] = "bytes";
    }
    const read = (a: number, b: number): Buffer => {
      if (whole) return whole.subarray(a, b);
      const buf = Buffer.alloc(Math.max(0, b - a));
      const fd = openSync(local, "r");
      try {
        readSync(fd, buf, 0, buf.length, a);
      } finally {
        closeSync(fd);
      }
      return buf;
    };
    const length = fault === "liar" ? (status === 206 ? end - start : announced) : end - start;
    headers["Content-Length"] = String(length);
    res.writeHead(status, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const count = (n: number) => sent.set(key, (sent.get(key) ?? 0) + n);
    if (fault === "cut") {
      const part = read(start, start + Math.floor((end - start) / 2));
      res.write(part, () => {
        count(part.length);
        res.destroy();
      });
      return;
    }
    if (fault === "liar" && status === 200) {
      const chunk = read(start, end);
      res.write(chunk, () => {
        count(chunk.length);
        res.destroy();
      });
      return;
    }
    if (fault === "slow") {
      const chunk = read(start, end);
      let at = 0;
      const step = 64 * 1024;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        const piece = chunk.subarray(at, at + step);
        at += piece.length;
        count(piece.length);
        if (at >= chunk.length) {
          clearInterval(timer);
          res.end(piece);
        } else res.write(piece);
      }, 60);
      res.on("close", () => clearInterval(timer));
      return;
    }
    // Large answers go out in pieces, read from disk as the client takes them.
    let at = start;
    const piece = 4 * 1024 * 1024;
    const next = () => {
      while (at < end) {
        const chunk = read(at, Math.min(end, at + piece));
        at += chunk.length;
        count(chunk.length);
        if (!res.write(chunk)) return void res.once("drain", next);
      }
      res.end();
    };
    next();
  }

  return new Promise((resolve) => {
    const server = createServer(handle);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        sent,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const i = process.argv.indexOf("--port");
  const hub = await startHub(i > 0 ? Number(process.argv[i + 1]) : 3201, sampleFiles(process.argv.includes("--full")));
  console.log(`hub on ${hub.url}`);
}
