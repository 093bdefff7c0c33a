import type { LayoutId } from "../types";
import type { SourceIdentity } from "../store/key";

export type IngestSource =
  | { kind: "file"; file: Blob; name: string }
  /** `bytes`: the size when known before opening (the catalog's), for planning memory. */
  | { kind: "url"; url: string; name: string; bytes?: number };

export type WorkerRequest =
  | { type: "load"; source: IngestSource; parquetWasmUrl: string }
  /** Lets the worker send one more batch: batches in flight stay bounded. */
  | { type: "credit" }
  /** Compiles the Parquet decoder ahead of the first load. */
  | { type: "warm"; parquetWasmUrl: string }
  /** Downloads one whole file the user agreed to read (a query's address), up to `limit` bytes. */
  | { type: "fetch"; url: string; name: string; limit: number }
  /** Ports to parsing workers, for a big JSON Lines file (none: the reader parses alone). */
  | { type: "parsers"; ports: MessagePort[] }
  /** Asks an address's server what identifies the file now (size, ETag, Last-Modified), reading one byte. */
  | { type: "identify"; url: string; name: string }
  /** Reads a small answer of the Hub's API (a listing of files), whatever its status. */
  | { type: "ask"; url: string };

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
  /** A big JSON Lines file: the reader asks for ports to parsing workers (answered by `parsers`). */
  | { type: "parsers-wanted" }
  /** The file was read, but something in it was kept changed or replaced: the message names file, line and column. */
  | { type: "warning"; message: string }
  /** The whole file of a `fetch`. */
  | { type: "bytes"; bytes: Uint8Array }
  /** The answer to `identify`: null when the server says nothing that tells a changed file apart. */
  | { type: "identity"; identity: SourceIdentity | null }
  /** The answer to `ask`. */
  | { type: "answer"; status: number; statusText: string; text: string }
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

/** What identifies a source: its address, or a local file's name, size and time of change. */
export function sourceFingerprint(sources: readonly IngestSource[]): string {
  return sources
    .map((s) => (s.kind === "url" ? s.url : `${s.name}:${s.file.size}:${(s.file as Partial<File>).lastModified ?? ""}`))
    .join("|");
}
