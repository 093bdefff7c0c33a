import type { MarkStore } from "./store";
import { countMarks, entryId, isEmpty, type MarkChange, type MarkCounts, type MarkEntry } from "./types";

/** What one action changed: the marks before it, so it can be taken back. */
interface Action {
  scope: string;
  label: string;
  before: MarkEntry[];
  /** The entries the action touched, as they were before it (absent: there was none). */
  ids: string[];
}

/** What changed in a scope: the entries now (removed ones with no mark and no note). */
export interface MarkUpdate {
  scope: string;
  entries: MarkEntry[];
  /** Of those, the ones that were there before (the others are new: nothing to replace). */
  replaced: MarkEntry[];
}

const blank = (scope: string, key: string, completion: number | null): MarkEntry => ({
  scope,
  key,
  completion,
  mark: null,
  note: "",
  marked_at: "",
});

/**
 * The page's marks: each scope read once from the store, then kept here; every action is written
 * through to the store and told to the listeners (the engines' `marks` tables), and can be undone.
 */
export class MarkBook {
  private readonly scopes = new Map<string, Map<string, MarkEntry>>();
  private readonly opening = new Map<string, Promise<Map<string, MarkEntry>>>();
  private readonly undoStack: Action[] = [];
  private readonly listeners = new Set<(update: MarkUpdate) => void>();
  private readonly watchers = new Set<() => void>();
  /** Moves on with every change, for views that show marks. */
  version = 0;
  /** The last write to the store that failed, in words (the marks stay in the page). */
  storeError: string | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: MarkStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads a scope's marks from the store once; later calls answer the same map. */
  open(scope: string): Promise<Map<string, MarkEntry>> {
    const there = this.scopes.get(scope);
    if (there) return Promise.resolve(there);
    let p = this.opening.get(scope);
    if (!p) {
      p = this.store
        .load(scope)
        .catch((e: unknown) => {
          this.storeError = `Marks could not be read from this browser's storage: ${(e as Error).message}`;
          return [] as MarkEntry[];
        })
        .then((entries) => {
          const map = new Map(entries.map((e) => [entryId(e.key, e.completion), e]));
          this.scopes.set(scope, map);
          this.opening.delete(scope);
          this.touch();
          return map;
        });
      this.opening.set(scope, p);
    }
    return p;
  }

  isOpen = (scope: string) => this.scopes.has(scope);

  entries(scope: string): MarkEntry[] {
    return [...(this.scopes.get(scope)?.values() ?? [])];
  }

  get(scope: string, key: string, completion: number | null = null): MarkEntry | null {
    return this.scopes.get(scope)?.get(entryId(key, completion)) ?? null;
  }

  /** Whether a scope has any mark or note. */
  hasAny(scope: string): boolean {
    return (this.scopes.get(scope)?.size ?? 0) > 0;
  }

  counts(scope: string): MarkCounts {
    return countMarks(this.scopes.get(scope)?.values() ?? []);
  }

  /** Applies one action (a mark, a note, a bulk mark); it can be undone as one. Answers the entries now. */
  async apply(scope: string, changes: readonly MarkChange[], label = "mark"): Promise<MarkEntry[]> {
    const map = await this.open(scope);
    const at = this.now().toISOString();
    const before: MarkEntry[] = [];
    const ids: string[] = [];
    const after: MarkEntry[] = [];
    for (const c of changes) {
      const id = entryId(c.key, c.completion);
      const old = map.get(id);
      ids.push(id);
      if (old) before.push(old);
      const next: MarkEntry = {
        ...(old ?? blank(scope, c.key, c.completion)),
        ...(c.mark !== undefined ? { mark: c.mark } : {}),
        ...(c.note !== undefined ? { note: c.note } : {}),
        marked_at: at,
      };
      after.push(next);
    }
    this.undoStack.push({ scope, label, before, ids });
    if (this.undoStack.length > 100) this.undoStack.shift();
    this.write(scope, map, after);
    return after;
  }

  /** Puts entries in as they are (an import, an undo): no undo step of their own. */
  private write(scope: string, map: Map<string, MarkEntry>, entries: readonly MarkEntry[]) {
    const put: MarkEntry[] = [];
    const remove: MarkEntry[] = [];
    const replaced: MarkEntry[] = [];
    for (const e of entries) {
      const id = entryId(e.key, e.completion);
      if (map.has(id)) replaced.push(e);
      if (isEmpty(e)) {
        map.delete(id);
        remove.push(e);
      } else {
        map.set(id, e);
        put.push(e);
      }
    }
    this.saving = this.saving
      .then(() => this.store.save(put, remove))
      .then(
        () => void (this.storeError = null),
        (e: unknown) => {
          this.storeError = `Marks could not be saved in this browser's storage (they last while the page is open): ${(e as Error).message}`;
        },
      );
    this.listeners.forEach((l) => l({ scope, entries: [...entries], replaced }));
    this.touch();
  }

  /** What `u` would take back, in words; null when there is nothing. */
  lastAction(): { scope: string; label: string } | null {
    const a = this.undoStack.at(-1);
    return a ? { scope: a.scope, label: a.label } : null;
  }

  /** Takes back the last action: every mark it touched is as it was before. */
  async undo(): Promise<{ scope: string; label: string; entries: MarkEntry[] } | null> {
    const a = this.undoStack.pop();
    if (!a) return null;
    const map = await this.open(a.scope);
    const was = new Map(a.before.map((e) => [entryId(e.key, e.completion), e]));
    const entries = a.ids.map((id) => {
      const [key, c] = id.split("\n") as [string, string];
      return was.get(id) ?? blank(a.scope, key, c === "" ? null : Number(c));
    });
    this.write(a.scope, map, entries);
    return { scope: a.scope, label: a.label, entries };
  }

  /**
   * Merges marks read from a file into a scope: a mark the page has already is replaced only by a
   * newer one. Answers how many were added, replaced, and kept as they were.
   */
  async merge(
    scope: string,
    incoming: readonly MarkEntry[],
  ): Promise<{ added: number; replaced: number; kept: number }> {
    const map = await this.open(scope);
    const out = { added: 0, replaced: 0, kept: 0 };
    const take: MarkEntry[] = [];
    const seen = new Map<string, MarkEntry>();
    // The last line of the file for one mark counts, as if they had been set in that order.
    for (const e of incoming) seen.set(entryId(e.key, e.completion), { ...e, scope });
    for (const [id, e] of seen) {
      const old = map.get(id);
      if (!old) out.added++;
      else if (old.marked_at <= e.marked_at) out.replaced++;
      else {
        out.kept++;
        continue;
      }
      take.push(e);
    }
    this.write(scope, map, take);
    return out;
  }

  /** The store has every change so far. */
  flushed(): Promise<void> {
    return this.saving;
  }

  /** Told every change, with the entries as they now are (the engines' tables follow it). */
  onUpdate(listener: (update: MarkUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** For React's useSyncExternalStore. */
  subscribe = (watcher: () => void) => {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  };
  snapshot = () => this.version;

  private touch() {
    this.version++;
    this.watchers.forEach((w) => w());
  }
}
