/// <reference lib="webworker" />
import { jsonBatches, type IngestEvent } from "./json-batches";
import { parallelJsonBatches, type Segment, type SegmentParser, type SegmentResult } from "./json-segments";
import type { ParseAnswer, ParseRequest } from "./parse.worker";
import type { LayoutId } from "../types";
import { parquetBatches } from "./parquet-batches";
import { IngestError, type IngestSource, type WorkerRequest, type WorkerResponse } from "./protocol";
import { apiAnswer, countingStream, openRemote, request, type FetchStats } from "./remote";
import { remoteIdentity } from "../store/key";
import { fmt } from "../text/format";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let credit = 2;
/** The remote file being read, so a crash of the decoder can be reported as the network fault behind it. */
let current: { name: string; stats: FetchStats | null } | null = null;

scope.addEventListener("error", (event) => {
  if (!current) return;
  event.preventDefault();
  const cause = current.stats?.error;
  post({
    type: "error",
    message: cause?.message ?? `${current.name}: the Parquet decoder failed (${event.message || "unknown error"})`,
  });
});
let wake: (() => void) | null = null;
let parsersGiven: ((ports: MessagePort[]) => void) | null = null;

/** JSON Lines this big are parsed by several workers at once (when the page gives more than one). */
const PARALLEL_BYTES = 32 << 20;

/** The page's parsing workers for this file: none for a small file, or where the page has one core to give. */
async function parserFor(total: number | null): Promise<PortParser | null> {
  if (total === null || total < PARALLEL_BYTES) return null;
  const ports = await new Promise<MessagePort[]>((resolve) => {
    parsersGiven = resolve;
    post({ type: "parsers-wanted" });
  });
  return ports.length > 1 ? new PortParser(ports) : null;
}

/** Segments sent round the parsing workers' ports; each answer goes back to the segment it is of. */
class PortParser implements SegmentParser {
  private next = 0;
  private readonly waiting = new Map<number, (result: SegmentResult) => void>();
  constructor(private readonly ports: MessagePort[]) {
    for (const port of ports) {
      port.onmessage = (e: MessageEvent<ParseAnswer>) => {
        this.waiting.get(e.data.id)?.(e.data.result);
        this.waiting.delete(e.data.id);
      };
    }
  }
  get width() {
    return this.ports.length;
  }
  parse(name: string, layout: LayoutId, segment: Segment): Promise<SegmentResult> {
    const id = this.next++;
    const request: ParseRequest = { id, name, layout, segment };
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ports[id % this.ports.length]!.postMessage(request, [segment.bytes.buffer as ArrayBuffer]);
    });
  }
  close() {
    for (const port of this.ports) port.close();
  }
}

function post(message: WorkerResponse, transfer: Transferable[] = []) {
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === "credit") {
    credit++;
    wake?.();
    wake = null;
  } else if (msg.type === "fetch") {
    void fetchWhole(msg.name, msg.url, msg.limit);
  } else if (msg.type === "parsers") {
    parsersGiven?.(msg.ports);
    parsersGiven = null;
  } else if (msg.type === "identify") {
    void identify(msg.name, msg.url);
  } else if (msg.type === "ask") {
    void apiAnswer(msg.url).then((answer) => post(answer));
  } else if (msg.type === "warm") {
    parquetWasmUrl = msg.parquetWasmUrl;
    void loadParquetWasm().catch(() => undefined);
  } else {
    credit = 2;
    wake = null;
    void run(msg.source, msg.parquetWasmUrl);
  }
};

async function isParquet(source: IngestSource): Promise<boolean> {
  const name = source.name.replace(/[?#].*$/, "");
  if (/\.parquet$/i.test(name)) return true;
  if (source.kind !== "file") return false;
  const head = new Uint8Array(await source.file.slice(0, 4).arrayBuffer());
  return String.fromCharCode(...head) === "PAR1";
}

const gunzip = (name: string, stream: ReadableStream<Uint8Array>) =>
  /\.gz$/i.test(name)
    ? stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>)
    : stream;

interface Opened {
  events: AsyncGenerator<IngestEvent>;
  total: number | null;
  stats: FetchStats | null;
}

async function openLocal(source: Extract<IngestSource, { kind: "file" }>, parquet: boolean): Promise<Opened> {
  const pq = parquet ? await loadParquetWasm() : null;
  return {
    events: pq
      ? parquetBatches(pq, source.name, source.file)
      : await json(source.name, gunzip(source.name, source.file.stream()), source.file.size),
    total: source.file.size,
    stats: null,
  };
}

/** JSON Lines by several parsers when the file is big and the page has them, else by this worker alone. */
async function json(name: string, stream: ReadableStream<Uint8Array>, total: number | null) {
  const parser = await parserFor(total);
  if (!parser) return jsonBatches(name, stream);
  return (async function* () {
    try {
      yield* parallelJsonBatches(name, stream, parser);
    } finally {
      parser.close();
    }
  })();
}

let parquetWasmUrl = "";
let parquetWasm: Promise<typeof import("parquet-wasm/esm")> | null = null;
/** The decoder is compiled once per worker, and workers are reused across files. */
function loadParquetWasm() {
  parquetWasm ??= import("parquet-wasm/esm").then(async (pq) => {
    await pq.default({ module_or_path: parquetWasmUrl });
    return pq;
  });
  parquetWasm.catch(() => (parquetWasm = null));
  return parquetWasm;
}

/**
 * A remote Parquet file is read by ranges when the server allows it (only the row groups, and the
 * footer); otherwise it is downloaded whole first. JSON streams in either way.
 */
async function openUrl(source: Extract<IngestSource, { kind: "url" }>, parquet: boolean): Promise<Opened> {
  const opened = await openRemote(source.name, source.url);
  if (opened.kind === "ranged") {
    post({ type: "remote", size: opened.file.size, ranged: parquet });
    if (parquet) {
      const pq = await loadParquetWasm();
      return {
        events: parquetBatches(pq, source.name, opened.file as unknown as Blob),
        total: opened.file.size,
        stats: opened.file.stats,
      };
    }
  } else {
    post({ type: "remote", size: opened.size, ranged: false });
  }
  // Whole download: the first answer when the server ignored the range, else a fresh request.
  const response = opened.kind === "whole" ? opened.response : await request(source.name, source.url, {});
  const size = opened.kind === "whole" ? opened.size : opened.file.size;
  const stats: FetchStats = { fetched: 0, requests: 1, ranged: false, size };
  const body = countingStream(source.name, source.url, response.body!, size, (n) => (stats.fetched += n));
  if (!parquet) return { events: await json(source.name, gunzip(source.name, body), size), total: size, stats };
  const chunks: Uint8Array[] = [];
  let last = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    if (stats.fetched - last > 1_000_000) {
      last = stats.fetched;
      post({ type: "progress", fetched: stats.fetched, bytesTotal: size });
    }
  }
  const pq = await loadParquetWasm();
  return { events: parquetBatches(pq, source.name, new Blob(chunks as BlobPart[])), total: size, stats };
}

async function run(source: IngestSource, wasmUrl: string) {
  parquetWasmUrl = wasmUrl;
  current = null;
  let rows = 0;
  let bytes = 0;
  let stats: FetchStats | null = null;
  try {
    const parquet = await isParquet(source);
    const opened = source.kind === "file" ? await openLocal(source, parquet) : await openUrl(source, parquet);
    const { events, total } = opened;
    stats = opened.stats;
    current = { name: source.name, stats };
    for await (const event of events) {
      if (event.kind === "schema") {
        post({ type: "schema", layout: event.layout, columns: event.columns, labels: event.labels });
        continue;
      }
      if (event.kind === "warning") {
        post({ type: "warning", message: event.message });
        continue;
      }
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      rows += event.rows;
      bytes = event.bytesDone;
      post(
        {
          type: "batch",
          ipc: event.ipc,
          rows: event.rows,
          bytesDone: event.bytesDone,
          bytesTotal: total,
          fetched: opened.stats ? opened.stats.fetched : null,
        },
        [event.ipc.buffer as ArrayBuffer],
      );
    }
    post({ type: "done", rows, bytes });
  } catch (caught) {
    // A network fault under the Parquet decoder surfaces there as a failed read; name the fault.
    const e = stats?.error ?? caught;
    const message =
      e instanceof IngestError ? e.message : `${source.name}: ${e instanceof Error ? e.message : String(e)}`;
    post({ type: "error", message });
  }
}

/** A whole file, refused past `limit` bytes (announced or arrived) so a page is never swamped. */
async function fetchWhole(name: string, url: string, limit: number) {
  try {
    // Only the host the user agreed to: a redirect elsewhere is not followed.
    const response = await request(name, url, { redirect: "manual" });
    const announced = Number(response.headers.get("content-length"));
    const tooBig = (n: number) =>
      new IngestError(name, `the file has ${fmt(n)} bytes or more; a query reads at most ${fmt(limit)} — ${url}`);
    if (announced > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw tooBig(announced);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const body = countingStream(
      name,
      url,
      response.body!,
      Number.isFinite(announced) && announced > 0 ? announced : null,
      (n) => {
        size += n;
      },
    );
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      if (size > limit) throw tooBig(size);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    post({ type: "bytes", bytes }, [bytes.buffer]);
  } catch (e) {
    post({ type: "error", message: e instanceof IngestError ? e.message : `${name}: ${(e as Error).message}` });
  }
}

/** What identifies an address's file now: one byte asked for, and the headers of the answer. */
async function identify(name: string, url: string) {
  try {
    // Never from the browser's cache (a stale tag would hide a change), and nothing of it kept there.
    const response = await request(name, url, { headers: { Range: "bytes=0-0" }, cache: "no-store" });
    await response.body?.cancel().catch(() => undefined);
    const range = /\/(\d+)\s*$/.exec(response.headers.get("content-range") ?? "");
    const length = Number(response.headers.get("content-length"));
    const size = range ? Number(range[1]) : response.status === 200 && length > 0 ? length : null;
    post({ type: "identity", identity: remoteIdentity(name, url, response.headers, size) });
  } catch (e) {
    post({ type: "error", message: e instanceof IngestError ? e.message : `${name}: ${(e as Error).message}` });
  }
}
