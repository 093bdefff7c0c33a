import type { LayoutId } from "../types";
import type { SourceIdentity } from "./key";

/** One table of a stored dataset: its columns with their DuckDB types, and how many Arrow chunks hold its rows. */
export interface StoredTable {
  /** The dataset table's name plus this suffix ("" for the table itself, "__c" for its companion). */
  suffix: string;
  columns: { name: string; type: string }[];
  chunks: number;
}

/** What is kept of one load, beside its tables. */
export interface StoredMeta {
  key: string;
  /** The dataset's id in links (a sample, hf:…, url:…, file:…) and its name. */
  id: string;
  name: string;
  layout: LayoutId;
  labels?: Record<string, string>;
  rows: number;
  files: string[];
  origins: string[];
  fingerprint?: string;
  warnings?: string[];
  sources: SourceIdentity[];
  tables: StoredTable[];
  /** Bytes of its chunks, and when it was stored (ms since 1970). */
  bytes: number;
  storedAt: number;
}

/** The part of the File System Access API the store uses (the origin-private file system has it all). */
export interface StoreDir {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<StoreDir>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<StoreFile>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
  keys(): AsyncIterable<string>;
}
export interface StoreFile {
  getFile(): Promise<Blob>;
  createWritable(): Promise<StoreWritable>;
}
export interface StoreWritable {
  write(data: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

const META = "meta.json";
const chunkFile = (table: number) => `t${table}.arrows`;

/** Chunks are framed by their length (4 bytes, little-endian) so one file holds a table's Arrow IPC streams. */
function frame(ipc: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + ipc.byteLength);
  new DataView(out.buffer).setUint32(0, ipc.byteLength, true);
  out.set(ipc, 4);
  return out;
}

/** Why a write to the store failed, in words, with what to do about a full disk. */
export function storeFailure(e: unknown): string {
  const error = e as { name?: string; message?: string };
  if (error?.name === "QuotaExceededError") {
    return (
      "this browser's storage for the page is full: remove stored datasets (Open from the Hub… → Stored in this browser) " +
      "or free disk space; the dataset is open, but will be read from its files again next time"
    );
  }
  return `it could not be kept in this browser (${error?.message ?? String(e)}); it will be read from its files again next time`;
}

/**
 * Datasets kept in the browser's origin-private storage, each in a folder named by its key: one file of
 * Arrow chunks per table, and `meta.json` written last, so a folder without it (a write cut short) is
 * never read, and is removed when the list is next read.
 */
export class DatasetStore {
  constructor(private readonly root: () => Promise<StoreDir>) {}

  private async folder(key: string, create = false): Promise<StoreDir | null> {
    try {
      return await (await this.root()).getDirectoryHandle(key, { create });
    } catch {
      return null;
    }
  }

  async meta(key: string): Promise<StoredMeta | null> {
    const dir = await this.folder(key);
    if (!dir) return null;
    try {
      const text = await (await (await dir.getFileHandle(META)).getFile()).text();
      const meta = JSON.parse(text) as StoredMeta;
      return meta.key === key ? meta : null;
    } catch {
      return null;
    }
  }

  /** Every complete entry, newest first; folders of writes cut short are removed. */
  async list(): Promise<StoredMeta[]> {
    let root: StoreDir;
    try {
      root = await this.root();
    } catch {
      return [];
    }
    const found: StoredMeta[] = [];
    const names: string[] = [];
    for await (const name of root.keys()) names.push(name);
    for (const name of names) {
      const meta = await this.meta(name);
      if (meta) found.push(meta);
      else await this.remove(name);
    }
    return found.sort((a, b) => b.storedAt - a.storedAt);
  }

  async remove(key: string): Promise<void> {
    await (await this.root()).removeEntry(key, { recursive: true }).catch(() => undefined);
  }

  /**
   * Writes one entry: each table's chunks as they come, then its meta. Entries of the same dataset
   * (same origins) stored before are removed: they are of a changed source or an older version.
   */
  async save(
    meta: Omit<StoredMeta, "bytes" | "storedAt" | "tables">,
    tables: { suffix: string; columns: StoredTable["columns"]; chunks: AsyncIterable<Uint8Array> }[],
  ): Promise<StoredMeta> {
    await this.remove(meta.key);
    const dir = await this.folder(meta.key, true);
    if (!dir) throw new Error("the browser's storage cannot be opened");
    let bytes = 0;
    const stored: StoredTable[] = [];
    try {
      for (const [i, table] of tables.entries()) {
        const out = await (await dir.getFileHandle(chunkFile(i), { create: true })).createWritable();
        let chunks = 0;
        try {
          for await (const ipc of table.chunks) {
            await out.write(frame(ipc));
            bytes += ipc.byteLength + 4;
            chunks++;
          }
          await out.close();
        } catch (e) {
          await out.abort().catch(() => undefined);
          throw e;
        }
        stored.push({ suffix: table.suffix, columns: table.columns, chunks });
      }
      const full: StoredMeta = { ...meta, tables: stored, bytes, storedAt: Date.now() };
      const out = await (await dir.getFileHandle(META, { create: true })).createWritable();
      await out.write(JSON.stringify(full));
      await out.close();
      const same = JSON.stringify(meta.origins);
      for (const other of await this.list()) {
        if (other.key !== meta.key && JSON.stringify(other.origins) === same) await this.remove(other.key);
      }
      return full;
    } catch (e) {
      await this.remove(meta.key);
      throw e;
    }
  }

  /** Entries stored for the same origins under another key: the source changed, or the app's reading of it. */
  async stale(key: string, origins: readonly string[]): Promise<StoredMeta[]> {
    const same = JSON.stringify(origins);
    return (await this.list()).filter((m) => m.key !== key && JSON.stringify(m.origins) === same);
  }

  /** A stored table's Arrow chunks, in order, read one at a time. */
  async *chunks(key: string, table: number): AsyncGenerator<Uint8Array> {
    const dir = await this.folder(key);
    if (!dir) throw new Error("the stored copy is gone");
    const file = await (await dir.getFileHandle(chunkFile(table))).getFile();
    let at = 0;
    while (at < file.size) {
      const head = new DataView(await file.slice(at, at + 4).arrayBuffer());
      if (head.byteLength < 4) throw new Error("the stored copy is cut short");
      const length = head.getUint32(0, true);
      const body = new Uint8Array(await file.slice(at + 4, at + 4 + length).arrayBuffer());
      if (body.byteLength !== length) throw new Error("the stored copy is cut short");
      yield body;
      at += 4 + length;
    }
  }
}

/** The store in this browser's origin-private file system, or null where the browser has none. */
export function browserStore(): DatasetStore | null {
  if (typeof navigator === "undefined" || !navigator.storage?.getDirectory) return null;
  return new DatasetStore(async () => {
    const root = await navigator.storage.getDirectory();
    return (await root.getDirectoryHandle("datasets", { create: true })) as unknown as StoreDir;
  });
}
