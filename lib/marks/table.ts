import type { Connector, SqlParam } from "../engine/types";
import { Params } from "../sql/params";
import { isScope } from "./keys";
import { isEmpty, type MarkEntry } from "./types";

/** The marks as a table of each engine the page uses, for the list, the filters and the console. */
export const MARKS_TABLE = "marks";

export const COLUMNS = "scope VARCHAR, key VARCHAR, completion INTEGER, mark VARCHAR, note VARCHAR, marked_at VARCHAR";

/** Rows per INSERT and ids per DELETE: well under the bound values a statement takes. */
const INSERT_ROWS = 150;
const DELETE_IDS = 500;
/** Changes larger than this go through `append` where there is one. */
const BULK = 300;

/** Statements that put `entries` into the table (their values bound, never written into the SQL). */
export function insertStatements(
  entries: readonly MarkEntry[],
  table = MARKS_TABLE,
): { sql: string; params: SqlParam[] }[] {
  const out: { sql: string; params: SqlParam[] }[] = [];
  for (let i = 0; i < entries.length; i += INSERT_ROWS) {
    const params = new Params();
    const values = entries
      .slice(i, i + INSERT_ROWS)
      .map(
        (e) =>
          `(${params.add(e.scope)}, ${params.add(e.key)}, CAST(${params.add(e.completion)} AS INTEGER), ${params.add(e.mark)}, ${params.add(e.note)}, ${params.add(e.marked_at)})`,
      )
      .join(", ");
    out.push({ sql: `INSERT INTO ${table} VALUES ${values}`, params: params.values });
  }
  return out;
}

/** Statements that remove the table's rows for `entries` (by key and completion). */
export function deleteStatements(scope: string, entries: readonly MarkEntry[]): { sql: string; params: SqlParam[] }[] {
  const out: { sql: string; params: SqlParam[] }[] = [];
  const byCompletion = new Map<number | null, string[]>();
  for (const e of entries) byCompletion.set(e.completion, [...(byCompletion.get(e.completion) ?? []), e.key]);
  for (const [completion, keys] of byCompletion) {
    for (let i = 0; i < keys.length; i += DELETE_IDS) {
      const params = new Params();
      const s = params.add(scope);
      const c = completion === null ? "completion IS NULL" : `completion = ${params.add(completion)}`;
      const list = keys
        .slice(i, i + DELETE_IDS)
        .map((k) => params.add(k))
        .join(", ");
      out.push({
        sql: `DELETE FROM ${MARKS_TABLE} WHERE scope = ${s} AND ${c} AND key IN (${list})`,
        params: params.values,
      });
    }
  }
  return out;
}

/**
 * The `marks` table of one engine, following the page's marks: created on first use, each scope put in
 * once when a dataset of it is shown, then every change written through. On a server it is a TEMP table
 * of the page's own connection; a renewed connection (`reset`) starts it again.
 */
export class MarksTable {
  private created = false;
  private readonly loaded = new Set<string>();
  private readonly tables = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly watchers = new Set<() => void>();
  /** Moves on whenever what the table holds changes: SQL that reads it carries this, so no stale answer is reused. */
  version = 0;

  constructor(
    private readonly db: () => Connector,
    /** Whether a scope has any mark (the page's marks know it): the list shows its mark column then. */
    private readonly has: (scope: string) => boolean = () => false,
    /**
     * Appends many marks to the table at once (the browser's Arrow import), for bulk changes; without
     * it they go in as bound values, a statement per 150.
     */
    private readonly append?: (entries: readonly MarkEntry[]) => Promise<void>,
  ) {}

  /** Whether the table is there to be read (it is made when the first dataset is shown). */
  get exists(): boolean {
    return this.created;
  }

  hasMarks(scope: string): boolean {
    return this.loaded.has(scope) && this.has(scope);
  }

  /** The scope of a dataset table whose marks are in, or null. */
  scopeOf(table: string): string | null {
    const scope = this.tables.get(table);
    return scope !== undefined && this.loaded.has(scope) ? scope : null;
  }

  /** Puts a scope's marks in (once) and ties a dataset table to it. */
  attach(table: string, scope: string, entries: () => readonly MarkEntry[]): Promise<void> {
    if (!isScope(scope)) return Promise.reject(new Error(`Not a name marks can be kept under: ${scope}`));
    if (this.scopeOf(table) === scope) return Promise.resolve();
    return this.run(async (db) => {
      if (!this.created) {
        await db.query(`CREATE OR REPLACE TEMP TABLE ${MARKS_TABLE} (${COLUMNS})`, [], {
          write: true,
          ownTables: true,
        });
        this.created = true;
      }
      if (!this.loaded.has(scope)) {
        const all = entries();
        if (this.append && all.length > BULK) await this.append(all);
        else for (const s of insertStatements(all)) await db.query(s.sql, s.params, { write: true, ownTables: true });
        this.loaded.add(scope);
      }
      this.tables.set(table, scope);
    });
  }

  /** Writes changed entries through (for a scope that is in); `replaced`: those that were there before. */
  update(scope: string, entries: readonly MarkEntry[], replaced: readonly MarkEntry[] = entries): Promise<void> {
    if (!this.loaded.has(scope) || entries.length === 0) return Promise.resolve();
    const write = { write: true, ownTables: true };
    return this.run(async (db) => {
      const kept = entries.filter((e) => !isEmpty(e));
      for (const s of deleteStatements(scope, replaced)) await db.query(s.sql, s.params, write);
      if (this.append && kept.length > BULK) await this.append(kept);
      else for (const s of insertStatements(kept)) await db.query(s.sql, s.params, write);
    });
  }

  /** The table is gone (a server connection renewed): it is made again when next asked. */
  reset() {
    this.created = false;
    this.loaded.clear();
    this.tables.clear();
    this.touch();
  }

  /** Every write asked so far is done. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  subscribe = (watcher: () => void) => {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  };

  /** The last write that failed, in words (the marks stay in the page and its store). */
  error: string | null = null;

  private run(f: (db: Connector) => Promise<void>): Promise<void> {
    const next = this.queue
      .then(() => f(this.db()))
      .then(
        () => void (this.error = null),
        (e: unknown) => {
          this.error = `Marks could not be written to the database: ${(e as Error).message}`;
          throw e;
        },
      )
      .finally(() => this.touch());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private touch() {
    this.version++;
    this.watchers.forEach((w) => w());
  }
}

/** The marks table of the engine behind `queries`, following `book` (bulk changes through `append`, where given). */
export function marksTableOver(
  queries: { client(options: { priority: "list"; write: true; ownTables: true }): Connector },
  book: { hasAny(scope: string): boolean },
  append?: (entries: readonly MarkEntry[]) => Promise<void>,
): MarksTable {
  return new MarksTable(
    () => queries.client({ priority: "list", write: true, ownTables: true }),
    (scope) => book.hasAny(scope),
    append,
  );
}
