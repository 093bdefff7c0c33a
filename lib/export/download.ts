import type { Connector } from "../engine/types";
import { countQuery } from "../sql/list";
import type { DatasetRef, ListState } from "../types";
import { EXTENSION, type ExportFormat } from "./encode";
import type { ExportResponse } from "./protocol";
import type { ExportOptions, ExportProgress } from "./run";
import { columnTypes, EXPORT_PAGE, exportSelect, selectionPageQueries } from "./run";

const MIME: Record<ExportFormat, string> = {
  jsonl: "application/jsonl",
  parquet: "application/vnd.apache.parquet",
  csv: "text/csv",
  "csv-raw": "text/csv",
  ids: "text/plain",
};

/** The file name: the dataset's SQL name and the number of rows. */
export const exportName = (ds: { sqlName?: string; table: string }, rows: number, format: ExportFormat) =>
  `${ds.sqlName ?? ds.table}-${rows}-rows${format === "ids" ? "-ids" : ""}.${EXTENSION[format]}`;

/**
 * The selection as a file, built a page at a time: the page reads rows from the database, a worker
 * encodes them. Each chunk is appended to a Blob that refers to the one before (the browser does not
 * copy it), so the file is never held twice while it grows.
 */
export async function exportBlob(
  db: Connector,
  ds: DatasetRef,
  state: ListState,
  format: ExportFormat,
  onProgress: (p: ExportProgress) => void,
  signal?: AbortSignal,
  options: ExportOptions = {},
): Promise<{ blob: Blob; rows: number }> {
  const q = countQuery(ds, state);
  const total = Number((await db.query(q.sql, q.params)).rows[0]?.n ?? 0);
  const { select, columns, numberText } = exportSelect(ds, format, await columnTypes(db, ds.table), options);
  const worker = new Worker(new URL("./export.worker.ts", import.meta.url), { type: "module" });
  let blob = new Blob([], { type: MIME[format] });
  let rows = 0;
  let need: (() => void) | null = null;
  let needed = false;
  let failed: Error | null = null;
  const done = new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ExportResponse>) => {
      const msg = event.data;
      if (msg.type === "need") {
        needed = true;
        need?.();
      } else if (msg.type === "chunk") {
        blob = new Blob([blob, msg.bytes as BlobPart], { type: MIME[format] });
        onProgress({ rows, total, bytes: blob.size });
      } else if (msg.type === "done") resolve();
      else {
        failed = new Error(msg.message);
        reject(failed);
        need?.();
      }
    };
    worker.onerror = (e) => {
      failed = new Error(e.message || "the export worker stopped");
      reject(failed);
      need?.();
    };
  });
  done.catch(() => undefined);
  const waitForNeed = () =>
    new Promise<void>((resolve) => {
      if (needed || failed) return resolve();
      need = resolve;
    });
  try {
    worker.postMessage({
      type: "start",
      format,
      layout: ds.layout,
      columns,
      numberText,
      labels: format === "ids" ? {} : (ds.labels ?? {}),
      parquetWasmUrl: new URL("/parquet/parquet_wasm_bg.wasm", location.origin).href,
    });
    for await (const q of selectionPageQueries(db, ds, state, select, signal)) {
      // Read the next page while the worker encodes the one before.
      const page = await db.query(q.sql, q.params, { arrow: true, signal });
      await waitForNeed();
      if (failed) throw failed;
      needed = false;
      need = null;
      if (page.ipc) {
        rows += Math.min(EXPORT_PAGE, total - rows);
        worker.postMessage({ type: "ipc", bytes: page.ipc }, [page.ipc.buffer as ArrayBuffer]);
      } else {
        rows += page.rows.length;
        worker.postMessage({ type: "page", rows: page.rows });
      }
      onProgress({ rows, total, bytes: blob.size });
    }
    await waitForNeed();
    worker.postMessage({ type: "end" });
    await done;
    signal?.throwIfAborted();
    onProgress({ rows, total, bytes: blob.size });
    return { blob, rows };
  } finally {
    worker.terminate();
  }
}

/** Hands a file to the browser's downloads under `name` (the address is let go once it has been taken). */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
