import type { StoreDir, StoreFile, StoreWritable } from "../store/dataset-store";

/**
 * A folder held in memory with the part of the File System Access API the store uses, for tests in
 * Node (which has no origin-private file system). `failAfter` makes a write fail as a full disk does.
 */
export class MemoryDir implements StoreDir {
  readonly dirs = new Map<string, MemoryDir>();
  readonly files = new Map<string, Uint8Array>();
  constructor(private readonly quota: { left: number } = { left: Infinity }) {}

  async getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<StoreDir> {
    let dir = this.dirs.get(name);
    if (!dir) {
      if (!options?.create) throw new DOMException(`${name} not found`, "NotFoundError");
      dir = new MemoryDir(this.quota);
      this.dirs.set(name, dir);
    }
    return dir;
  }

  async getFileHandle(name: string, options?: { create?: boolean }): Promise<StoreFile> {
    if (!this.files.has(name)) {
      if (!options?.create) throw new DOMException(`${name} not found`, "NotFoundError");
      this.files.set(name, new Uint8Array());
    }
    return {
      getFile: async () => new Blob([this.files.get(name)! as BlobPart]),
      createWritable: async (): Promise<StoreWritable> => {
        const parts: Uint8Array[] = [];
        return {
          write: async (data) => {
            const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
            if (bytes.byteLength > this.quota.left) throw new DOMException("quota", "QuotaExceededError");
            this.quota.left -= bytes.byteLength;
            parts.push(bytes.slice());
          },
          close: async () =>
            void this.files.set(name, new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer())),
          abort: async () => undefined,
        };
      },
    };
  }

  async removeEntry(name: string): Promise<void> {
    if (!this.dirs.delete(name) && !this.files.delete(name))
      throw new DOMException(`${name} not found`, "NotFoundError");
  }

  async *keys(): AsyncIterable<string> {
    yield* [...this.dirs.keys(), ...this.files.keys()];
  }
}
