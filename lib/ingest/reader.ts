import type { IngestSource, WorkerResponse } from "./protocol";

const PARQUET_WASM_URL = "/parquet/parquet_wasm_bg.wasm";
const wasmUrl = () => new URL(PARQUET_WASM_URL, location.origin).href;

function spawn(): Worker {
  const worker = new Worker(new URL("./ingest.worker.ts", import.meta.url), { type: "module" });
  worker.postMessage({ type: "warm", parquetWasmUrl: wasmUrl() });
  return worker;
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
        await handle(msg, worker);
      });
      chain.catch((e: unknown) => finish(e));
    };
    worker.postMessage({ type: "load", source, parquetWasmUrl: wasmUrl() });
  });
}

/** Downloads one whole file in a reader worker (where the page's data addresses may be fetched). */
export function fetchWhole(url: string, name: string, limit: number, signal?: AbortSignal): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = acquire();
    const finish = (error: unknown, bytes?: Uint8Array) => {
      worker.onmessage = null;
      worker.onerror = null;
      signal?.removeEventListener("abort", onAbort);
      if (error) {
        worker.terminate();
        reject(error);
      } else {
        release(worker);
        resolve(bytes!);
      }
    };
    const onAbort = () => finish(signal?.reason ?? new DOMException("The download was cancelled", "AbortError"));
    signal?.addEventListener("abort", onAbort);
    worker.onerror = (e) => finish(new Error(`${name}: the reader stopped (${e.message || "worker error"})`));
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const msg = event.data;
      if (msg.type === "bytes") finish(null, msg.bytes);
      else if (msg.type === "error") finish(new Error(msg.message));
    };
    worker.postMessage({ type: "fetch", url, name, limit });
  });
}
