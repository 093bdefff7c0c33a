/// <reference lib="webworker" />
import { tableFromIPC } from "apache-arrow";
import { toPlain } from "../engine/plain";
import type { PlainRow } from "../engine/types";
import { specOf } from "../layouts/registry";
import { parquetChunks } from "./parquet";
import type { ExportRequest, ExportResponse } from "./protocol";
import { textChunks } from "./run";

// Encoding runs here, off the page's thread: JSON and CSV text, and Arrow batches for Parquet (building
// nested Arrow vectors generates code, which the page's Content-Security-Policy rightly forbids).
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: ExportResponse, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

type Page = PlainRow[] | Uint8Array;
const queue: (Page | null)[] = [];
let wake: (() => void) | null = null;

async function* pages(): AsyncGenerator<Page> {
  for (;;) {
    post({ type: "need" });
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const next = queue.shift()!;
    if (next === null) return;
    yield next;
  }
}

/** Pages as plain rows, Arrow pages read here. */
async function* plainPages(): AsyncGenerator<PlainRow[]> {
  for await (const page of pages()) {
    yield page instanceof Uint8Array ? Array.from(tableFromIPC(page).toArray(), (r) => toPlain(r) as PlainRow) : page;
  }
}

async function run(start: Extract<ExportRequest, { type: "start" }>) {
  try {
    const encoder = new TextEncoder();
    const chunks =
      start.format === "parquet"
        ? parquetChunks(
            await import("parquet-wasm/esm").then(async (pq) => {
              await pq.default({ module_or_path: start.parquetWasmUrl });
              return pq;
            }),
            pages(),
            specOf(start.layout).fields,
            start.columns,
          )
        : (async function* () {
            for await (const text of textChunks(plainPages(), start.format as "jsonl", start.columns)) {
              yield encoder.encode(text);
            }
          })();
    for await (const bytes of chunks) post({ type: "chunk", bytes }, [bytes.buffer as ArrayBuffer]);
    post({ type: "done" });
  } catch (e) {
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (event: MessageEvent<ExportRequest>) => {
  const msg = event.data;
  if (msg.type === "start") void run(msg);
  else {
    queue.push(msg.type === "page" ? msg.rows : msg.type === "ipc" ? msg.bytes : null);
    wake?.();
    wake = null;
  }
};
