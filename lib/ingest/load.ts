import type { Engine } from "../engine/types";
import { layoutInfo, type LayoutId } from "../formats/layouts";
import { appendStaged, dropDataset } from "./append";
import { ident } from "../sql/ident";
import type { DatasetRef } from "../sql/list";
import type { IngestSource, WorkerResponse } from "./protocol";

export interface LoadProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  rows: number;
  bytesDone: number;
  bytesTotal: number | null;
}

export interface LoadedDataset extends DatasetRef {
  name: string;
  rows: number;
  files: string[];
}

let tableCounter = 0;

const PARQUET_WASM_URL = "/parquet/parquet_wasm_bg.wasm";

function spawn(): Worker {
  return new Worker(new URL("./ingest.worker.ts", import.meta.url), { type: "module" });
}

/**
 * Loads the files of one split into a fresh table. The new table becomes visible only on success;
 * on failure or cancel it is dropped, so whatever was loaded before stays as it was.
 */
export async function loadSources(
  engine: Engine,
  name: string,
  sources: IngestSource[],
  onProgress: (p: LoadProgress) => void,
  signal?: AbortSignal,
): Promise<LoadedDataset> {
  const table = `ds_${++tableCounter}_${Date.now().toString(36)}`;
  const staging = `${table}_staging`;
  let layout: LayoutId | null = null;
  let columns: string[] = [];
  let rows = 0;

  const cleanup = async () => {
    await engine.query(`DROP TABLE IF EXISTS ${ident(staging)}`).catch(() => undefined);
    await dropDataset(engine, table);
  };

  try {
    for (const [fileIndex, source] of sources.entries()) {
      signal?.throwIfAborted();
      await ingestOne(
        source,
        async (msg, worker) => {
          if (msg.type === "schema") {
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
            await engine.insertArrowIPC(staging, msg.ipc, true);
            const target = { table, layout: layout ?? "generic", firstColumn: columns[0] };
            await appendStaged(engine, target, staging, rows).catch((e: unknown) => {
              throw new Error(
                rows === 0
                  ? `${source.name}: cannot be read as ${layoutInfo(target.layout).label} (${(e as Error).message})`
                  : `${source.name}: does not match the files before it (${(e as Error).message})`,
              );
            });
            rows += msg.rows;
            worker.postMessage({ type: "credit" });
            onProgress({
              file: source.name,
              fileIndex,
              fileCount: sources.length,
              rows,
              bytesDone: msg.bytesDone,
              bytesTotal: msg.bytesTotal,
            });
          }
        },
        signal,
      );
    }
    if (rows === 0 || layout === null) throw new Error(`${name}: no rows were loaded`);
    const described = await engine.query(`SELECT column_name FROM (DESCRIBE ${ident(table)})`);
    const own = described.map((r) => String(r.column_name)).filter((c) => !c.startsWith("__"));
    return { table, layout, columns: own, name, rows, files: sources.map((s) => s.name) };
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
    const worker = spawn();
    let chain = Promise.resolve();
    const finish = (error?: unknown) => {
      worker.terminate();
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
