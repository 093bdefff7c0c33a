import type { Engine } from "../engine/types";
import { layoutInfo, type LayoutId } from "../formats/layouts";
import { ident } from "../sql/ident";
import type { DatasetRef } from "../sql/list";
import { appendStaged, dropDataset } from "./append";
import { memoryProblem, type PlannedFile } from "./memory";
import type { IngestSource, WorkerResponse } from "./protocol";

export interface LoadProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  rows: number;
  /** Bytes of the current file read so far (decoded position) and its size. */
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes over the network for all remote files so far; null for local files. */
  fetched: number | null;
  /** How the current remote file is read: by ranges, or downloaded whole; null for local files. */
  ranged: boolean | null;
  /** Sum of the sizes of all files of the load, where known. */
  plannedBytes: number | null;
  /** Bytes of the files finished before the current one. */
  doneBytes: number;
  startedAt: number;
  /** When this report was made (performance.now()). */
  at: number;
}

export interface Transfer {
  fetched: number;
  ranged: boolean;
  size: number;
}

export interface LoadedDataset extends DatasetRef {
  name: string;
  rows: number;
  files: string[];
  /** Still streaming in: `rows` is the count so far. */
  loading?: boolean;
  /** For remote files: what was fetched, and whether by ranges. */
  transfer?: Transfer | null;
}

export interface LoadOptions {
  /** Called after each batch with the rows so far: the first call is the moment the first rows can be shown. */
  onRows?: (partial: LoadedDataset) => void;
  /** What the page can hold, and what is already taken, in bytes. */
  memory?: { budget: number; inUse: number };
}

let tableCounter = 0;

const PARQUET_WASM_URL = "/parquet/parquet_wasm_bg.wasm";

function spawn(): Worker {
  const worker = new Worker(new URL("./ingest.worker.ts", import.meta.url), { type: "module" });
  worker.postMessage({ type: "warm", parquetWasmUrl: new URL(PARQUET_WASM_URL, location.origin).href });
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

const sizeOf = (s: IngestSource): number | null => (s.kind === "file" ? s.file.size : (s.bytes ?? null));

/**
 * Loads the files of one split into a fresh table. Rows are readable as they arrive (see `onRows`);
 * on failure or cancel the table is dropped, so whatever was loaded before stays as it was.
 */
export async function loadSources(
  engine: Engine,
  name: string,
  sources: IngestSource[],
  onProgress: (p: LoadProgress) => void,
  signal?: AbortSignal,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const table = `ds_${++tableCounter}_${Date.now().toString(36)}`;
  const staging = `${table}_staging`;
  let layout: LayoutId | null = null;
  let columns: string[] = [];
  let rows = 0;
  let fetchedBefore = 0;
  let doneBytes = 0;
  /** Size of the file being read, when known. */
  let currentSize = 0;
  const transfer: Transfer = { fetched: 0, ranged: true, size: 0 };
  let remote = false;
  const startedAt = performance.now();
  performance.mark("load:start");
  const known = sources.map(sizeOf);
  const plannedBytes = known.every((b) => b !== null) ? known.reduce<number>((s, b) => s + (b ?? 0), 0) : null;

  // Plan memory with the sizes known now; a remote file of unknown size is checked when it opens.
  const plan = (sizes: (number | null)[]) => {
    if (!options.memory) return;
    const files: PlannedFile[] = sources.flatMap((s, i) => (sizes[i] ? [{ name: s.name, bytes: sizes[i] }] : []));
    const problem = memoryProblem(name, files, options.memory.budget, options.memory.inUse);
    if (problem) throw new Error(problem);
  };
  plan(known);

  const cleanup = async () => {
    await engine.query(`DROP TABLE IF EXISTS ${ident(staging)}`).catch(() => undefined);
    await dropDataset(engine, table);
  };
  const snapshot = (loading: boolean): LoadedDataset => ({
    table,
    layout: layout ?? "generic",
    columns: columns.filter((c) => !c.startsWith("__")),
    name,
    rows,
    files: sources.map((s) => s.name),
    loading,
    transfer: remote ? { ...transfer, size: loading ? doneBytes + currentSize : transfer.size } : null,
  });

  try {
    for (const [fileIndex, source] of sources.entries()) {
      signal?.throwIfAborted();
      let fileFetched = 0;
      let ranged: boolean | null = null;
      let fileSize = known[fileIndex] ?? null;
      currentSize = fileSize ?? 0;
      const report = (bytesDone: number, bytesTotal: number | null) =>
        onProgress({
          file: source.name,
          fileIndex,
          fileCount: sources.length,
          rows,
          bytesDone,
          bytesTotal,
          fetched: source.kind === "url" ? fetchedBefore + fileFetched : null,
          ranged,
          plannedBytes,
          doneBytes,
          startedAt,
          at: performance.now(),
        });
      await ingestOne(
        source,
        async (msg, worker) => {
          if (msg.type === "remote") {
            remote = true;
            ranged = msg.ranged;
            transfer.ranged &&= msg.ranged;
            if (msg.size !== null) {
              fileSize = msg.size;
              currentSize = msg.size;
              if (known[fileIndex] === null) plan(known.map((b, i) => (i === fileIndex ? msg.size : b)));
            }
            report(0, fileSize);
          } else if (msg.type === "progress") {
            fileFetched = msg.fetched;
            report(0, msg.bytesTotal);
          } else if (msg.type === "schema") {
            if (layout !== null && msg.layout !== layout) {
              throw new Error(
                `${source.name}: is ${layoutInfo(msg.layout).label}, but the files before it are ${layoutInfo(layout).label}`,
              );
            }
            layout = msg.layout;
            if (columns.length === 0) columns = msg.columns;
          } else if (msg.type === "batch" && msg.rows === 0) {
            worker.postMessage({ type: "credit" });
          } else if (msg.type === "batch") {
            if (rows === 0) performance.mark("load:first-batch");
            await engine.insertArrowIPC(staging, msg.ipc, true);
            const target = { table, layout: layout ?? "generic", firstColumn: columns[0] };
            await appendStaged(engine, target, staging, rows).catch((e: unknown) => {
              throw new Error(
                rows === 0
                  ? `${source.name}: cannot be read as ${layoutInfo(target.layout).label} (${(e as Error).message})`
                  : `${source.name}: does not match the files before it (${(e as Error).message})`,
              );
            });
            if (rows === 0) performance.mark("load:first-rows-in");
            rows += msg.rows;
            if (msg.fetched !== null) fileFetched = msg.fetched;
            transfer.fetched = fetchedBefore + fileFetched;
            worker.postMessage({ type: "credit" });
            report(msg.bytesDone, msg.bytesTotal ?? fileSize);
            options.onRows?.(snapshot(true));
          }
        },
        signal,
      );
      fetchedBefore += fileFetched;
      transfer.fetched = fetchedBefore;
      transfer.size += fileSize ?? 0;
      doneBytes += fileSize ?? 0;
    }
    if (rows === 0 || layout === null) throw new Error(`${name}: no rows were loaded`);
    const described = await engine.query(`SELECT column_name FROM (DESCRIBE ${ident(table)})`);
    columns = described.map((r) => String(r.column_name));
    return snapshot(false);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

function ingestOne(
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
      // Batches are applied strictly in order; the worker waits for credit before sending more.
      chain = chain.then(async () => {
        if (signal?.aborted) return;
        if (msg.type === "error") throw new Error(msg.message);
        if (msg.type === "done") return finish();
        await handle(msg, worker);
      });
      chain.catch((e: unknown) => finish(e));
    };
    worker.postMessage({ type: "load", source, parquetWasmUrl: new URL(PARQUET_WASM_URL, location.origin).href });
  });
}
