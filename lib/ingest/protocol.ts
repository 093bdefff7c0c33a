import type { LayoutId } from "../types";

export type IngestSource =
  | { kind: "file"; file: Blob; name: string }
  /** `bytes`: the size when known before opening (the catalog's), for planning memory. */
  | { kind: "url"; url: string; name: string; bytes?: number };

export type WorkerRequest =
  | { type: "load"; source: IngestSource; parquetWasmUrl: string }
  /** Lets the worker send one more batch: batches in flight stay bounded. */
  | { type: "credit" }
  /** Compiles the Parquet decoder ahead of the first load. */
  | { type: "warm"; parquetWasmUrl: string };

export type WorkerResponse =
  /** The layout and the columns (stored names, with the file's own names where they differ); may come again. */
  | { type: "schema"; layout: LayoutId; columns: string[]; labels?: Record<string, string> }
  | {
      type: "batch";
      ipc: Uint8Array;
      rows: number;
      bytesDone: number;
      bytesTotal: number | null;
      /** Bytes over the network so far, for remote files. */
      fetched: number | null;
    }
  /** A remote file was opened: its size, and whether it is read by ranges or downloaded whole. */
  | { type: "remote"; size: number | null; ranged: boolean }
  /** Bytes arriving before any rows (a whole download of a Parquet file). */
  | { type: "progress"; fetched: number; bytesTotal: number | null }
  | { type: "done"; rows: number; bytes: number }
  | { type: "error"; message: string };

/** Failure of one input, with what a person needs to find it: the file and, where known, the line. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    detail: string,
    readonly line?: number,
  ) {
    super(line ? `${file}, line ${line}: ${detail}` : `${file}: ${detail}`);
  }
}
