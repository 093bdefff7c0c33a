import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { MarkEntry } from "./types";

/** Where marks are kept between visits: the browser's IndexedDB in the page, memory in tests. */
export interface MarkStore {
  load(scope: string): Promise<MarkEntry[]>;
  /** Writes `put` and removes `remove` (by scope, key and completion) in one transaction. */
  save(put: readonly MarkEntry[], remove: readonly MarkEntry[]): Promise<void>;
}

/** A mark as IndexedDB holds it: keys cannot be null, so a whole row's mark is completion -1. */
interface Stored extends Omit<MarkEntry, "completion"> {
  c: number;
}

interface Schema extends DBSchema {
  marks: { key: [string, string, number]; value: Stored; indexes: { scope: string } };
}

const toStored = ({ completion, ...rest }: MarkEntry): Stored => ({ ...rest, c: completion ?? -1 });
const fromStored = ({ c, ...rest }: Stored): MarkEntry => ({ ...rest, completion: c < 0 ? null : c });
const storedKey = (e: MarkEntry): [string, string, number] => [e.scope, e.key, e.completion ?? -1];

/** Marks in IndexedDB (database `explorer-marks`): nothing leaves the browser. */
export class IdbMarkStore implements MarkStore {
  private db: Promise<IDBPDatabase<Schema>> | null = null;
  constructor(private readonly name = "explorer-marks") {}

  private open(): Promise<IDBPDatabase<Schema>> {
    this.db ??= openDB<Schema>(this.name, 1, {
      upgrade(db) {
        const store = db.createObjectStore("marks", { keyPath: ["scope", "key", "c"] });
        store.createIndex("scope", "scope");
      },
    });
    return this.db;
  }

  async load(scope: string): Promise<MarkEntry[]> {
    const db = await this.open();
    return (await db.getAllFromIndex("marks", "scope", scope)).map(fromStored);
  }

  async save(put: readonly MarkEntry[], remove: readonly MarkEntry[]): Promise<void> {
    if (!put.length && !remove.length) return;
    const db = await this.open();
    const tx = db.transaction("marks", "readwrite");
    for (const e of remove) void tx.store.delete(storedKey(e));
    for (const e of put) void tx.store.put(toStored(e));
    await tx.done;
  }

  close() {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}

/** Marks in memory (tests, and a browser that refuses IndexedDB: then they last as long as the page). */
export class MemoryMarkStore implements MarkStore {
  readonly rows = new Map<string, MarkEntry>();
  async load(scope: string): Promise<MarkEntry[]> {
    return [...this.rows.values()].filter((e) => e.scope === scope).map((e) => ({ ...e }));
  }
  async save(put: readonly MarkEntry[], remove: readonly MarkEntry[]): Promise<void> {
    for (const e of remove) this.rows.delete(storedKey(e).join("\n"));
    for (const e of put) this.rows.set(storedKey(e).join("\n"), { ...e });
  }
}
