/// <reference lib="webworker" />
import { tableFromIPC } from "apache-arrow";
import { toPlain } from "../engine/plain";
import { renameColumns } from "../formats/arrow-schema";
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

let labels: Record<string, string> = {};
const relabel = (row: PlainRow) => {
  const out: PlainRow = {};
  for (const [k, v] of Object.entries(row)) out[labels[k] ?? k] = v;
  return out;
};

/** Pages as plain rows under the file's own column names, Arrow pages read here. */
async function* plainPages(): AsyncGenerator<PlainRow[]> {
  for await (const page of pages()) {
    const rows =
      page instanceof Uint8Array ? Array.from(tableFromIPC(page).toArray(), (r) => toPlain(r) as PlainRow) : page;
    yield Object.keys(labels).length ? rows.map(relabel) : rows;
  }
}

/** Pages for Parquet: Arrow as it came, its columns under the file's own names. */
async function* parquetPages(): AsyncGenerator<PlainRow[] | Uint8Array> {
  for await (const page of pages()) {
    if (!Object.keys(labels).length) yield page;
    else if (page instanceof Uint8Array) {
      yield renameColumns(
        page,
        tableFromIPC(page).schema.fields.map((f) => labels[f.name] ?? f.name),
      );
    } else yield page.map(relabel);
  }
}

async function run(start: Extract<ExportRequest, { type: "start" }>) {
  labels = start.labels;
  try {
    const encoder = new TextEncoder();
    const chunks =
      start.format === "parquet"
        ? parquetChunks(
            await import("parquet-wasm/esm").then(async (pq) => {
              await pq.default({ module_or_path: start.parquetWasmUrl });
              return pq;
            }),
            parquetPages(),
            specOf(start.layout).fields,
            start.columns.map((c) => labels[c] ?? c),
          )
        : (async function* () {
            const names = start.columns.map((c) => labels[c] ?? c);
            for await (const text of textChunks(plainPages(), start.format as "jsonl", names)) {
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
