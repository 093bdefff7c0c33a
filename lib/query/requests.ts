import type { SqlParam } from "../engine/types";

/**
 * Who is waiting, most urgent first: the rows on screen, then the counts beside them, then loads,
 * then panels and charts, then what a person typed into the console, then work prepared ahead of
 * need (a dataset's pairing features, in slices).
 */
export const PRIORITY = { list: 0, count: 1, ingest: 2, panel: 3, console: 4, idle: 5 } as const;
export type Priority = keyof typeof PRIORITY;

export interface RequestOptions {
  priority?: Priority;
  signal?: AbortSignal;
  /** Answers of reads are kept, keyed by SQL and values, until a write. Off for the console. */
  cache?: boolean;
  /** The statement changes tables: it empties the cache (unless `ownTables`). */
  write?: boolean;
  /** It writes only tables its caller reads (see `QueryOptions`): the cache stays. */
  ownTables?: boolean;
  /** Stopping it midway is worth a slower start (see `QueryOptions`). */
  interruptible?: boolean;
  /** One prepared statement (see `QueryOptions`). */
  single?: boolean;
  /** Only parse and bind it. */
  prepareOnly?: boolean;
  /** The answer as Arrow IPC where the transport has it. */
  arrow?: boolean;
}

/** Reads are kept; writes, console runs and checks that only prepare are not. */
export const cacheable = (o: RequestOptions) =>
  !o.write && o.cache !== false && !o.prepareOnly && !o.interruptible && !o.arrow;
/** What makes two requests the same: their SQL, values and how they are prepared. */
export const keyOf = (sql: string, params: readonly SqlParam[], o: RequestOptions) =>
  JSON.stringify([sql, params, o.single ?? false, o.prepareOnly ?? false]);

/** A signal that aborts when any of the given ones does. */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
