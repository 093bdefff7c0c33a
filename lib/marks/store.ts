import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { MarkEntry } from "./types";

/** Where marks are kept between visits: the browser's IndexedDB in the page, memory in tests. */
export interface MarkStore {
  load(scope: string): Promise<MarkEntry[]>;
  /** Writes `put` and removes `remove` (by scope, key and completion) in one transaction. */
  save(put: readonly MarkEntry[], remove: readonly MarkEntry[]): Promise<void>;
}

/** A mark as IndexedDB holds it: keys cannot be null, so a whole row's mark is completion -1. */
interface Stored extends Omit<MarkEntry, "completion" | "scope"> {
  c: number;
}

/** Marks are kept in buckets by a hash of what they are on: a mark rewrites its bucket, a bulk mark all of them once. */
const BUCKETS = 256;

interface Bucket {
  scope: string;
  bucket: number;
  marks: Stored[];
}

interface Schema extends DBSchema {
  buckets: { key: [string, number]; value: Bucket };
}

const toStored = (e: MarkEntry): Stored => ({
  key: e.key,
  c: e.completion ?? -1,
  mark: e.mark,
  note: e.note,
  marked_at: e.marked_at,
});
const fromStored = (scope: string, { c, ...rest }: Stored): MarkEntry => ({
  ...rest,
  scope,
  completion: c < 0 ? null : c,
});
const idOf = (e: Pick<MarkEntry, "key" | "completion">) => `${e.key}\n${e.completion ?? -1}`;

function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

/**
 * Marks in IndexedDB (database `explorer-marks`): nothing leaves the browser. A scope's marks are read
 * once and kept here too, so a change writes only the buckets it touches, each whole.
 */
export class IdbMarkStore implements MarkStore {
  private db: Promise<IDBPDatabase<Schema>> | null = null;
  private readonly scopes = new Map<string, Map<number, Map<string, Stored>>>();
  constructor(private readonly name = "explorer-marks") {}

  private open(): Promise<IDBPDatabase<Schema>> {
    this.db ??= openDB<Schema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore("buckets", { keyPath: ["scope", "bucket"] });
      },
    });
    return this.db;
  }

  async load(scope: string): Promise<MarkEntry[]> {
    const db = await this.open();
    const buckets = await db.getAll("buckets", IDBKeyRange.bound([scope, 0], [scope, BUCKETS]));
    const kept = new Map<number, Map<string, Stored>>();
    for (const b of buckets)
      kept.set(b.bucket, new Map(b.marks.map((m) => [idOf({ key: m.key, completion: m.c }), m])));
    this.scopes.set(scope, kept);
    return buckets.flatMap((b) => b.marks.map((m) => fromStored(scope, m)));
  }

  async save(put: readonly MarkEntry[], remove: readonly MarkEntry[]): Promise<void> {
    if (!put.length && !remove.length) return;
    const db = await this.open();
    // A bucket is written whole: what the store holds of a scope is read first.
    for (const scope of new Set([...put, ...remove].map((e) => e.scope)))
      if (!this.scopes.has(scope)) await this.load(scope);
    const touched = new Map<string, Set<number>>();
    const change = (e: MarkEntry, f: (bucket: Map<string, Stored>, id: string) => void) => {
      let kept = this.scopes.get(e.scope);
      if (!kept) this.scopes.set(e.scope, (kept = new Map()));
      const id = idOf(e);
      const n = bucketOf(id);
      let bucket = kept.get(n);
      if (!bucket) kept.set(n, (bucket = new Map()));
      f(bucket, id);
      if (!touched.has(e.scope)) touched.set(e.scope, new Set());
      touched.get(e.scope)!.add(n);
    };
    for (const e of remove) change(e, (b, id) => b.delete(id));
    for (const e of put) change(e, (b, id) => b.set(id, toStored(e)));
    const tx = db.transaction("buckets", "readwrite");
    for (const [scope, buckets] of touched) {
      for (const n of buckets) {
        const marks = [...(this.scopes.get(scope)!.get(n)?.values() ?? [])];
        void (marks.length ? tx.store.put({ scope, bucket: n, marks }) : tx.store.delete([scope, n]));
      }
    }
    await tx.done;
  }

  close() {
    void this.db?.then((db) => db.close());
    this.db = null;
    this.scopes.clear();
  }
}

/** Marks in memory (tests, and a browser that refuses IndexedDB: then they last as long as the page). */
export class MemoryMarkStore implements MarkStore {
  readonly rows = new Map<string, MarkEntry>();
  async load(scope: string): Promise<MarkEntry[]> {
    return [...this.rows.values()].filter((e) => e.scope === scope).map((e) => ({ ...e }));
  }
  async save(put: readonly MarkEntry[], remove: readonly MarkEntry[]): Promise<void> {
    for (const e of remove) this.rows.delete(`${e.scope}\n${idOf(e)}`);
    for (const e of put) this.rows.set(`${e.scope}\n${idOf(e)}`, { ...e });
  }
}
