/// <reference lib="webworker" />
import { tableFromIPC } from "apache-arrow";
import { resultOf } from "../engine/plain";
import { dataObject } from "../engine/values";
import { renameColumns } from "../formats/arrow-schema";
import type { PlainRow } from "../engine/types";
import { specOf } from "../layouts/registry";
import { parquetChunks } from "./parquet";
import type { ExportRequest, ExportResponse } from "./protocol";
import { utf8Lines } from "./encode";
import { textLines } from "./run";

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
const label = (k: string) => (Object.hasOwn(labels, k) ? labels[k]! : k);
const relabel = (row: PlainRow) => dataObject(Object.keys(row).map((k) => [label(k), row[k]] as const));

/** Pages as plain rows under the file's own column names, Arrow pages read here. */
async function* plainPages(): AsyncGenerator<PlainRow[]> {
  for await (const page of pages()) {
    const rows = page instanceof Uint8Array ? resultOf(tableFromIPC(page)).rows : page;
    yield Object.keys(labels).length ? rows.map(relabel) : rows;
  }
}

/** Pages for Parquet: Arrow as it came, its columns under the file's own names. */
async function* parquetPages(): AsyncGenerator<PlainRow[] | Uint8Array> {
  for await (const page of pages()) {
    if (page instanceof Uint8Array) {
      const fields = tableFromIPC(page).schema.fields;
      yield Object.keys(labels).length
        ? renameColumns(
            page,
            fields.map((f) => label(f.name)),
          )
        : page;
    } else yield Object.keys(labels).length ? page.map(relabel) : page;
  }
}

async function run(start: Extract<ExportRequest, { type: "start" }>) {
  labels = start.labels;
  try {
    const encoder = new TextEncoder();
    const names = start.columns.map(label);
    const chunks =
      start.format === "parquet"
        ? parquetChunks(
            await import("parquet-wasm/esm").then(async (pq) => {
              await pq.default({ module_or_path: start.parquetWasmUrl });
              return pq;
            }),
            parquetPages(),
            specOf(start.layout).fields,
            names,
          )
        : (async function* () {
            const format = start.format as Exclude<typeof start.format, "parquet">;
            for await (const lines of textLines(plainPages(), format, names, start.numberText.map(label))) {
              yield utf8Lines(lines, encoder);
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
