import type { IngestSource, WorkerRequest, WorkerResponse } from "./protocol";
import type { SourceIdentity } from "../store/key";

const PARQUET_WASM_URL = "/parquet/parquet_wasm_bg.wasm";
const wasmUrl = () => new URL(PARQUET_WASM_URL, location.origin).href;

function spawn(): Worker {
  const worker = new Worker(new URL("./ingest.worker.ts", import.meta.url), { type: "module" });
  worker.postMessage({ type: "warm", parquetWasmUrl: wasmUrl() });
  return worker;
}

/** `?parsers=N` of the address the page was opened with, read before the page writes its own address. */
const PARSERS_ASKED = typeof location === "undefined" ? 0 : Number(new URLSearchParams(location.search).get("parsers"));

/** Parsing workers, started when a big JSON Lines file first asks for them and kept for the next. */
const parsers: Worker[] = [];

/**
 * How many parsers a big JSON Lines file gets: every core but two (the database's and the page's),
 * when that makes two or more; else the reader parses alone. On two cores, two parsers beside the
 * database slowed UltraFeedback raw from 52–55 s to 63 s (the database's one thread is the bound).
 * `?parsers=N` in the page's address sets it (1: the reader alone), for measuring how it scales.
 */
function parserCount(): number {
  const asked = PARSERS_ASKED;
  if (Number.isInteger(asked) && asked > 0) return Math.min(asked, 16);
  const spare = (navigator.hardwareConcurrency || 2) - 2;
  return spare >= 2 ? spare : 1;
}

/** Ports to the parsing workers for one reader (none when one parser is asked for: the reader parses alone). */
function parserPorts(): MessagePort[] {
  const count = parserCount();
  // how many parsed the file, for the tests and the benchmark
  performance.mark("load:parsers", { detail: count });
  if (count < 2) return [];
  while (parsers.length < count) {
    parsers.push(new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" }));
  }
  return parsers.slice(0, count).map((worker) => {
    const channel = new MessageChannel();
    worker.postMessage({ port: channel.port1 }, [channel.port1]);
    return channel.port2;
  });
}

/** One idle reader, started ahead of need (its decoder compiles while the database starts) and reused. */
let idle: Worker | null = null;
export function prewarmReader() {
  idle ??= spawn();
}
function acquire(): Worker {
  const worker = idle ?? spawn();
  idle = null;
  return worker;
}
function release(worker: Worker) {
  if (idle) worker.terminate();
  else idle = worker;
}

/**
 * Reads one file in a worker, handing each message to `handle` strictly in order; the worker sends
 * a batch only after the one before was taken (credit), so memory in flight stays bounded.
 */
export function readSource(
  source: IngestSource,
  handle: (msg: WorkerResponse, worker: Worker) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = acquire();
    let chain = Promise.resolve();
    let finished = false;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      worker.onmessage = null;
      worker.onerror = null;
      // A reader that finished cleanly is kept for the next file; one that failed or was stopped is not.
      if (error) worker.terminate();
      else release(worker);
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(signal?.reason ?? new DOMException("Loading was cancelled", "AbortError"));
    signal?.addEventListener("abort", onAbort);
    worker.onerror = (e) => finish(new Error(`${source.name}: the reader stopped (${e.message || "worker error"})`));
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      chain = chain.then(async () => {
        if (signal?.aborted) return;
        if (msg.type === "error") throw new Error(msg.message);
        if (msg.type === "done") return finish();
        if (msg.type === "parsers-wanted") {
          const ports = parserPorts();
          return worker.postMessage({ type: "parsers", ports }, ports);
        }
        await handle(msg, worker);
      });
      chain.catch((e: unknown) => finish(e));
    };
    worker.postMessage({ type: "load", source, parquetWasmUrl: wasmUrl() });
  });
}

/**
 * One request to a reader worker that answers with one message: `pick` takes the answer from it (an
 * error message rejects). The worker is kept for the next file unless it failed or was stopped.
 */
function ask<T>(
  request: WorkerRequest,
  name: string,
  pick: (msg: WorkerResponse) => { value: T } | null,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = acquire();
    const finish = (error: unknown, answer?: { value: T }) => {
      worker.onmessage = null;
      worker.onerror = null;
      signal?.removeEventListener("abort", onAbort);
      if (error || !answer) {
        worker.terminate();
        reject(error);
      } else {
        release(worker);
        resolve(answer.value);
      }
    };
    const onAbort = () => finish(signal?.reason ?? new DOMException("The request was cancelled", "AbortError"));
    signal?.addEventListener("abort", onAbort);
    worker.onerror = (e) => finish(new Error(`${name}: the reader stopped (${e.message || "worker error"})`));
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.type === "error") return finish(new Error(msg.message));
      const answer = pick(msg);
      if (answer) finish(null, answer);
    };
    worker.postMessage(request);
  });
}

/** Downloads one whole file in a reader worker (where the page's data addresses may be fetched). */
export const fetchWhole = (url: string, name: string, limit: number, signal?: AbortSignal) =>
  ask<Uint8Array>(
    { type: "fetch", url, name, limit },
    name,
    (msg) => (msg.type === "bytes" ? { value: msg.bytes } : null),
    signal,
  );

/**
 * fetch for small API answers (the Hub's listings), made in a reader worker: the page itself may
 * connect to its own origin only. A failed connection rejects, as fetch does.
 */
export const fetchInReader = (url: string, init?: RequestInit) =>
  ask<Response>(
    { type: "ask", url },
    url,
    (msg) =>
      msg.type === "answer"
        ? {
            value: new Response([101, 204, 205, 304].includes(msg.status) ? null : msg.text, {
              status: msg.status,
              statusText: msg.statusText,
            }),
          }
        : null,
    init?.signal ?? undefined,
  );

/** What identifies an address's file now (see `SourceIdentity`), asked in a reader worker. */
export const identifyRemote = (url: string, name: string, signal?: AbortSignal) =>
  ask<SourceIdentity | null>(
    { type: "identify", url, name },
    name,
    (msg) => (msg.type === "identity" ? { value: msg.identity } : null),
    signal,
  );
