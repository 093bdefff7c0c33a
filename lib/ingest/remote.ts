import { IngestError, type WorkerResponse } from "./protocol";
import { fmt } from "../text/format";

/** What reading one remote file cost: bytes over the network, requests, and whether ranges were used. */
export interface FetchStats {
  fetched: number;
  requests: number;
  ranged: boolean;
  size: number | null;
  /** The first read that failed: the decoder above may report it only as a failed read. */
  error?: Error;
}

const origin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/**
 * A failed fetch says nothing about why. A second, opaque request tells the two common cases apart:
 * it succeeds when the server is there but does not let this page read its answer (CORS).
 */
async function whyUnreachable(url: string, signal?: AbortSignal): Promise<string> {
  try {
    await fetch(url, { mode: "no-cors", signal, method: "HEAD" });
    return `the server at ${origin(url)} answered, but does not allow this page to read the file (no CORS permission)`;
  } catch {
    return `could not connect to ${origin(url)} (connection refused, or the host cannot be reached)`;
  }
}

/** fetch, with a refused connection, a CORS refusal and an HTTP error each named with the address. */
export async function request(name: string, url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new IngestError(name, `${await whyUnreachable(url, signal)} — ${url}`);
  }
  if (response.type === "opaqueredirect") {
    throw new IngestError(
      name,
      `the server sent the page on to another address (a redirect); a query reads only the address you agreed to — ${url}`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new IngestError(
      name,
      `the server answered HTTP ${response.status} ${response.statusText || ""}`.trim() + ` for ${url}`,
    );
  }
  return response;
}

const total = (contentRange: string | null) => {
  const m = /\/(\d+)\s*$/.exec(contentRange ?? "");
  return m ? Number(m[1]) : null;
};

export type Opened =
  | { kind: "ranged"; file: RangeFile }
  /** The server sends whole files only; `response` is that whole download, not yet read. */
  | { kind: "whole"; response: Response; size: number | null };

/** Asks for the first byte: a 206 with the file's length means range requests work. */
export async function openRemote(name: string, url: string, signal?: AbortSignal): Promise<Opened> {
  const response = await request(name, url, { headers: { Range: "bytes=0-0" } }, signal);
  const size = total(response.headers.get("content-range"));
  if (response.status === 206 && size !== null) {
    await response.body?.cancel().catch(() => undefined);
    const stats: FetchStats = { fetched: 1, requests: 1, ranged: true, size };
    return { kind: "ranged", file: new RangeFile(name, url, stats, 0, size, signal) };
  }
  const length = Number(response.headers.get("content-length"));
  return { kind: "whole", response, size: Number.isFinite(length) && length > 0 ? length : null };
}

/** Reads a response body to the end, counting bytes; a cut connection or a short body is named as such. */
export function countingStream(
  name: string,
  url: string,
  body: ReadableStream<Uint8Array>,
  expected: number | null,
  onBytes: (n: number) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        const of = expected ? ` of ${fmt(expected)}` : "";
        controller.error(new IngestError(name, `the connection was cut after ${fmt(seen)}${of} bytes — ${url}`));
        return;
      }
      if (chunk.done) {
        if (expected !== null && seen < expected) {
          controller.error(
            new IngestError(
              name,
              `the download ended after ${fmt(seen)} of the ${fmt(expected)} bytes the server announced — ${url}`,
            ),
          );
        } else controller.close();
        return;
      }
      seen += chunk.value.byteLength;
      onBytes(chunk.value.byteLength);
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

const READ_AHEAD = 256 * 1024;
/** The most a read in order fetches ahead of what was asked (the read-ahead doubles up to it). */
const MAX_AHEAD = 16 * 1024 * 1024;
const CACHE_BYTES = 48 * 1024 * 1024;
/** Parquet is read from its end: footer, then the metadata before it. One request takes both. */
const TAIL = 64 * 1024;

interface Block {
  start: number;
  bytes: Uint8Array;
}

/**
 * A remote file that reads like a Blob (size, slice, arrayBuffer), fetching only the byte ranges
 * asked for. Reads in file order (a whole file decoded row group by row group) fetch ahead of the
 * decoder: each read starts the fetch of the next stretch, twice as long as the one before up to
 * `MAX_AHEAD`, so the network works while the decoder does. A few large requests also cost the
 * browser far less than many small ones.
 */
export class RangeFile {
  /** Recently fetched blocks, newest last; the decoder reads column chunks out of order. */
  private blocks: Block[] = [];
  /** The fetch running ahead of the decoder: the stretch it covers, and its block (or its failure). */
  private ahead: { start: number; end: number; block: Promise<Block> } | null = null;
  /** Where the last read in order ended, and how far the next one fetches ahead. */
  private next = -1;
  private reach = READ_AHEAD;

  constructor(
    readonly name: string,
    readonly url: string,
    readonly stats: FetchStats,
    private readonly start: number,
    private readonly end: number,
    private readonly signal?: AbortSignal,
    private readonly root: RangeFile | null = null,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  slice(from = 0, to = this.size): RangeFile {
    const a = this.start + Math.max(0, Math.min(from, this.size));
    const b = this.start + Math.max(0, Math.min(to, this.size));
    return new RangeFile(this.name, this.url, this.stats, a, Math.max(a, b), this.signal, this.root ?? this);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await (this.root ?? this).read(this.start, this.end);
    return bytes.slice().buffer;
  }

  private async read(a: number, b: number): Promise<Uint8Array> {
    try {
      return await this.readRange(a, b);
    } catch (e) {
      this.stats.error ??= e as Error;
      throw e;
    }
  }

  private async readRange(a: number, b: number): Promise<Uint8Array> {
    if (b <= a) return new Uint8Array(0);
    const hit = this.blocks.find((c) => a >= c.start && b <= c.start + c.bytes.byteLength);
    if (hit) return hit.bytes.subarray(a - hit.start, b - hit.start);
    // The start is held already: fetch only the rest.
    const head = this.blocks.find((c) => a >= c.start && a < c.start + c.bytes.byteLength);
    if (head) {
      const have = head.bytes.subarray(a - head.start);
      const rest = await this.readRange(a + have.byteLength, b);
      const out = new Uint8Array(b - a);
      out.set(have);
      out.set(rest, have.byteLength);
      return out;
    }
    // The fetch ahead holds the start: wait for it (its failure is this read's).
    const ahead = this.ahead;
    if (ahead && a >= ahead.start && a < ahead.end) {
      this.keep(await ahead.block);
      if (this.ahead === ahead) this.ahead = null;
      this.readAhead(ahead.end);
      return this.readRange(a, b);
    }
    const size = this.stats.size ?? b;
    const first = b >= size ? Math.max(0, Math.min(a, size - TAIL)) : a;
    // A read where the last one ended goes on in order and reaches further; any other starts small again.
    this.reach = first === this.next ? Math.min(MAX_AHEAD, this.reach * 2) : READ_AHEAD;
    const last = Math.max(b, this.stop(first, first + this.reach)) - 1;
    const block = await this.fetchBlock(first, last);
    if (block.bytes.byteLength < b - first) {
      throw new IngestError(
        this.name,
        `asked for bytes ${a}–${b - 1} of a file the server says has ${fmt(size)} bytes, and got ${fmt(block.bytes.byteLength)}: the file is shorter than announced, or was cut — ${this.url}`,
      );
    }
    this.keep(block);
    if (b < size) this.readAhead(last + 1);
    return block.bytes.subarray(a - first, b - first);
  }

  /** Where a fetch from `first` wanting up to `want` stops: at the file's end, or at a block already held. */
  private stop(first: number, want: number): number {
    const later = this.blocks.map((c) => c.start).filter((start) => start > first);
    return Math.min(this.stats.size ?? want, want, ...later);
  }

  /** Starts fetching the stretch after `from`, unless one runs already or the file ends there. */
  private readAhead(from: number) {
    this.next = from;
    const held = this.blocks.find((c) => from >= c.start && from < c.start + c.bytes.byteLength);
    if (held) from = held.start + held.bytes.byteLength;
    const end = this.stop(from, from + this.reach);
    if (this.ahead || end <= from || this.signal?.aborted) return;
    const block = this.fetchBlock(from, end - 1);
    // (a failure nobody waits for is no failure: the decoder may never read that far)
    block.catch(() => undefined);
    this.ahead = { start: from, end, block };
    this.reach = Math.min(MAX_AHEAD, this.reach * 2);
  }

  private keep(block: Block) {
    if (this.blocks.includes(block)) return;
    this.blocks.push(block);
    let held = this.blocks.reduce((s, c) => s + c.bytes.byteLength, 0);
    while (this.blocks.length > 1 && held > CACHE_BYTES) held -= this.blocks.shift()!.bytes.byteLength;
  }

  private async fetchBlock(first: number, last: number): Promise<Block> {
    const response = await request(this.name, this.url, { headers: { Range: `bytes=${first}-${last}` } }, this.signal);
    this.stats.requests++;
    if (response.status !== 206) {
      await response.body?.cancel().catch(() => undefined);
      throw new IngestError(
        this.name,
        `the server stopped answering range requests (HTTP ${response.status}) — ${this.url}`,
      );
    }
    let bytes: Uint8Array;
    try {
      // Read through a Blob: for answers of megabytes, Chromium hands those over in about half the time.
      bytes = new Uint8Array(await (await response.blob()).arrayBuffer());
    } catch {
      throw new IngestError(this.name, `the connection was cut while reading bytes ${first}–${last} — ${this.url}`);
    }
    this.stats.fetched += bytes.byteLength;
    return { start: first, bytes };
  }
}

/**
 * A small answer of an API (the Hub's listings), up to 4 MB, with its status, for a reader worker to
 * pass on. A failed connection is an error that says why, as fetch's does: the asker names the address.
 */
export async function apiAnswer(url: string): Promise<WorkerResponse> {
  try {
    const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
    const text = await response.text();
    if (text.length > 4 << 20) throw new Error("the answer is larger than 4 MB");
    return { type: "answer", status: response.status, statusText: response.statusText, text };
  } catch (e) {
    return { type: "error", message: (e as Error).message };
  }
}
