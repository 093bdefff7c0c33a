import type { MarksTable } from "../marks/table";

/**
 * The tables a workspace computes from its datasets — check flags and the helpers they share,
 * overlaps, console results, re-binarized pairs, pasted prompts, export orders — and what each was
 * computed from. Every name carries the session's prefix, so two pages on one database never meet,
 * and a page reloaded never collides with the tables of the page before; each table is owned by the
 * dataset it was computed from and dropped with it. They are TEMP tables: on a server they live on
 * the page's own connection and go with it.
 */
export class DerivedTables {
  /** The engine's table of the page's marks, when the page keeps one (see lib/marks/table.ts). */
  marks?: MarksTable;
  private n = 0;
  private readonly owners = new Map<string, string | null>();
  private readonly ownerIds = new Map<string, number>();
  private readonly sources = new Map<string, string>();
  private readonly stores = new Map<string, Map<string, unknown>>();
  /** Moves on whenever what filters read changes (an overlap computed): list keys follow it. */
  version = 0;

  constructor(readonly prefix: string = sessionPrefix()) {}

  /** A new name for a table of `kind`, dropped with the dataset table `owner` (none: kept for the session). */
  fresh(kind: string, owner: string | null = null): string {
    const name = `${this.prefix}_${kind}${++this.n}`;
    this.owners.set(name, owner);
    return name;
  }

  /** The one table of `slot` for the dataset table `owner`: the same name each time it is asked. */
  slot(owner: string, slot: string): string {
    let id = this.ownerIds.get(owner);
    if (id === undefined) {
      id = this.ownerIds.size + 1;
      this.ownerIds.set(owner, id);
    }
    const name = `${this.prefix}_d${id}_${slot}`;
    this.owners.set(name, owner);
    return name;
  }

  /** What a table was computed from (its SQL and values, its settings), when it is there. */
  sourceOf(name: string): string | undefined {
    return this.sources.get(name);
  }

  computed(name: string, source: string) {
    this.sources.set(name, source);
  }

  /** The table is gone (or will be computed again). */
  forget(name: string) {
    this.sources.delete(name);
  }

  /**
   * Every table is gone (the server's connection of this page was renewed): each is computed again when
   * asked, and the records kept about them (overlaps) are dropped. Names stay new: none is reused.
   */
  forgetAll() {
    this.sources.clear();
    for (const store of this.stores.values()) store.clear();
    this.marks?.reset();
    this.version++;
  }

  /** Forgets what the tables of one slot prefix were computed from, so they are computed again. */
  forgetSlots(owner: string, slotPrefix: string) {
    const id = this.ownerIds.get(owner);
    if (id === undefined) return;
    const start = `${this.prefix}_d${id}_${slotPrefix}`;
    for (const name of [...this.sources.keys()]) if (name.startsWith(start)) this.sources.delete(name);
  }

  /** Records the session keeps about its derived tables (the overlaps computed), by kind. */
  store<T>(kind: string): Map<string, T> {
    let store = this.stores.get(kind);
    if (!store) this.stores.set(kind, (store = new Map()));
    return store as Map<string, T>;
  }

  /**
   * The tables owned by a dataset table (but those to keep), to drop with it; forgotten here, with the
   * records keyed by it (`<owner>\n…`).
   */
  release(owner: string, keep: readonly string[] = []): string[] {
    const names = [...this.owners].filter(([name, o]) => o === owner && !keep.includes(name)).map(([name]) => name);
    for (const name of names) {
      this.owners.delete(name);
      this.sources.delete(name);
    }
    for (const store of this.stores.values()) {
      for (const key of [...store.keys()]) if (key.startsWith(`${owner}\n`)) store.delete(key);
    }
    return names;
  }
}

/** A short random name part, different for each page (and each tab) on one database. */
function sessionPrefix(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return `s${Array.from(bytes, (b) => (b % 36).toString(36)).join("")}`;
}
