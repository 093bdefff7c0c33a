import { own } from "../engine/values";

/**
 * A file's column names, as the database stores them. Names the engine reserves or cannot hold are
 * given another name and keep their own as a label: the empty name, names of the explorer's own
 * columns (`__row`, `__text`, anything starting with two underscores), `rowid`, names already given
 * by this rule, and names equal to an earlier one but for case (DuckDB does not tell them apart).
 */
export const ESCAPE = "_~";

const reserved = (name: string) =>
  name === "" || name.startsWith("__") || name.startsWith(ESCAPE) || name.toLowerCase() === "rowid";

export class ColumnNamer {
  private readonly given = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Stored name → the file's own name, for the names that were changed. */
  readonly labels: Record<string, string> = {};

  /** The stored name of a file's column, the same each time it is asked. */
  name(original: string): string {
    const known = this.given.get(original);
    if (known !== undefined) return known;
    let stored = reserved(original) ? `${ESCAPE}${original}` : original;
    for (let k = 2; this.used.has(stored.toLowerCase()); k++) stored = `${ESCAPE}${original}${ESCAPE}${k}`;
    this.used.add(stored.toLowerCase());
    this.given.set(original, stored);
    if (stored !== original) this.labels[stored] = original;
    return stored;
  }

  get renamed(): boolean {
    return Object.keys(this.labels).length > 0;
  }
}

/** How a column is shown: its name in the file (a name like `constructor` is a column's, never Object's). */
export const columnLabel = (ds: { labels?: Record<string, string> }, stored: string) =>
  own(ds.labels, stored) ?? stored;

/** A column's DuckDB type, where known. */
export const columnType = (ds: { columnTypes?: Record<string, string> } | null | undefined, name: string) =>
  own(ds?.columnTypes, name);
