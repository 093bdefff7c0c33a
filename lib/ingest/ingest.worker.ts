/// <reference lib="webworker" />
import { jsonBatches, type IngestEvent } from "./json-batches";
import { parquetBatches } from "./parquet-batches";
import { IngestError, type IngestSource, type WorkerRequest, type WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
let credit = 2;
let wake: (() => void) | null = null;

function post(message: WorkerResponse, transfer: Transferable[] = []) {
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === "credit") {
    credit++;
    wake?.();
    wake = null;
  } else {
    void run(msg.source, msg.parquetWasmUrl);
  }
};

async function isParquet(source: IngestSource): Promise<boolean> {
  if (/\.parquet$/i.test(source.name)) return true;
  if (source.kind !== "file") return false;
  const head = new Uint8Array(await source.file.slice(0, 4).arrayBuffer());
  return String.fromCharCode(...head) === "PAR1";
}

async function openStream(source: IngestSource): Promise<{ stream: ReadableStream<Uint8Array>; total: number | null }> {
  let stream: ReadableStream<Uint8Array>;
  let total: number | null;
  if (source.kind === "file") {
    stream = source.file.stream();
    total = source.file.size;
  } else {
    const response = await fetch(source.url);
    if (!response.ok || !response.body)
      throw new IngestError(source.name, `HTTP ${response.status} ${response.statusText}`);
    stream = response.body;
    const length = Number(response.headers.get("content-length"));
    total = Number.isFinite(length) && length > 0 ? length : null;
  }
  if (/\.gz$/i.test(source.name))
    stream = stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  return { stream, total };
}

async function run(source: IngestSource, parquetWasmUrl: string) {
  let rows = 0;
  let bytes = 0;
  try {
    let events: AsyncGenerator<IngestEvent>;
    let total: number | null;
    if (await isParquet(source)) {
      const pq = await import("parquet-wasm/esm");
      await pq.default({ module_or_path: parquetWasmUrl });
      total = source.kind === "file" ? source.file.size : null;
      events = parquetBatches(pq, source.name, source.kind === "file" ? source.file : source.url);
    } else {
      const opened = await openStream(source);
      total = opened.total;
      events = jsonBatches(source.name, opened.stream);
    }
    for await (const event of events) {
      if (event.kind === "schema") {
        post({ type: "schema", layout: event.layout, columns: event.columns });
        continue;
      }
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit--;
      rows += event.rows;
      bytes = event.bytesDone;
      post({ type: "batch", ipc: event.ipc, rows: event.rows, bytesDone: event.bytesDone, bytesTotal: total }, [
        event.ipc.buffer as ArrayBuffer,
      ]);
    }
    post({ type: "done", rows, bytes });
  } catch (e) {
    const message =
      e instanceof IngestError ? e.message : `${source.name}: ${e instanceof Error ? e.message : String(e)}`;
    post({ type: "error", message });
  }
}
