import { QueryAbortedError, type Connector, type QueryOptions, type QueryResult, type SqlParam } from "../engine/types";
import { anySignal, cacheable, keyOf, PRIORITY, type RequestOptions } from "./requests";

export { PRIORITY, type Priority, type RequestOptions } from "./requests";

interface Waiter {
  resolve: (r: QueryResult) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Entry {
  key: string;
  sql: string;
  /** Work that is not a statement (an Arrow batch into a table), run in turn like one. */
  task?: (signal: AbortSignal) => Promise<void>;
  params: readonly SqlParam[];
  rank: number;
  seq: number;
  write: boolean;
  ownTables: boolean;
  cache: boolean;
  interruptible: boolean;
  single: boolean;
  prepareOnly: boolean;
  arrow: boolean;
  generation: number;
  waiters: Set<Waiter>;
  controller: AbortController;
  state: "queued" | "running";
}

export interface ManagerStats {
  run: number;
  cached: number;
  shared: number;
  dropped: number;
}

/**
 * One queue between every view and the one connection, after Mosaic's coordinator: requests run by
 * priority (the oldest first within one), a request nobody waits for any more is dropped or stopped,
 * the same read asked twice runs once, and answers are cached until a write.
 */
export class QueryManager implements Connector {
  private readonly queue: Entry[] = [];
  private readonly running = new Set<Entry>();
  private readonly inflight = new Map<string, Entry>();
  private readonly cache = new Map<string, QueryResult>();
  private seq = 0;
  private generation = 0;
  private connector: Connector | null = null;
  private failure: unknown = null;
  readonly stats: ManagerStats = { run: 0, cached: 0, shared: 0, dropped: 0 };
  /** Called with each statement as it starts (the order tests observe). */
  onStart: ((sql: string) => void) | null = null;
  /** When a request above `idle` was last asked or answered (performance.now()). */
  private lastBusy = -Infinity;

  constructor(
    connector: Connector | Promise<Connector>,
    private readonly options: { concurrency?: number; cacheSize?: number } = {},
  ) {
    void Promise.resolve(connector).then(
      (c) => {
        this.connector = c;
        this.pump();
      },
      (e: unknown) => {
        this.failure = e;
        this.pump();
      },
    );
  }

  query(sql: string, params: readonly SqlParam[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.request(sql, params, options);
  }

  /** A connector whose statements all go through this queue with the given options. */
  client(options: RequestOptions): Connector {
    return {
      query: (sql, params = [], more = {}) =>
        this.request(sql, params, {
          ...options,
          ...more,
          interruptible: options.interruptible || more.interruptible,
          write: options.write || more.write,
          ownTables: options.ownTables || more.ownTables,
          signal: anySignal(options.signal, more.signal),
        }),
    };
  }

  request(sql: string, params: readonly SqlParam[], options: RequestOptions = {}): Promise<QueryResult> {
    if (options.signal?.aborted) return Promise.reject(new QueryAbortedError());
    const cache = cacheable(options);
    if (cache) {
      const key = keyOf(sql, params, options);
      const hit = this.cache.get(key);
      if (hit) {
        this.stats.cached++;
        // Most recently used last: the oldest answer is the first to go.
        this.cache.delete(key);
        this.cache.set(key, hit);
        return Promise.resolve(hit);
      }
    }
    return this.wait(this.enqueue(sql, params, options), options.signal);
  }

  private enqueue(sql: string, params: readonly SqlParam[], options: RequestOptions): Entry {
    const { priority = "panel", write = false } = options;
    const cache = cacheable(options);
    const key = keyOf(sql, params, options);
    if (write && !options.ownTables) this.generation++;
    const rank = PRIORITY[priority];
    if (rank < PRIORITY.idle) this.lastBusy = performance.now();
    const shared = cache ? this.inflight.get(key) : undefined;
    if (shared && shared.generation === this.generation) {
      this.stats.shared++;
      if (rank < shared.rank && shared.state === "queued") {
        shared.rank = rank;
        this.sortQueue();
      }
      return shared;
    }
    const entry: Entry = {
      key,
      sql,
      params,
      rank,
      seq: this.seq++,
      write,
      ownTables: options.ownTables ?? false,
      cache,
      interruptible: options.interruptible ?? false,
      single: options.single ?? false,
      prepareOnly: options.prepareOnly ?? false,
      arrow: options.arrow ?? false,
      generation: this.generation,
      waiters: new Set(),
      controller: new AbortController(),
      state: "queued",
    };
    if (cache) this.inflight.set(key, entry);
    this.queue.push(entry);
    this.sortQueue();
    return entry;
  }

  private wait(entry: Entry, signal: AbortSignal | undefined): Promise<QueryResult> {
    if (signal?.aborted) return Promise.reject(new QueryAbortedError());
    return new Promise<QueryResult>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => this.leave(entry, waiter);
        signal.addEventListener("abort", waiter.onAbort);
      }
      entry.waiters.add(waiter);
      this.pump();
    });
  }

  /**
   * Runs work on the connection in its turn, like a write: an Arrow batch appended by the loader must
   * not run in the middle of another statement.
   */
  async exclusive(label: string, task: (signal: AbortSignal) => Promise<void>, options: RequestOptions = {}) {
    const entry = this.enqueue(label, [], { ...options, write: true, cache: false });
    entry.task = task;
    await this.wait(entry, options.signal);
  }

  clearCache() {
    this.cache.clear();
  }

  /** Resolves once no request above `idle` waits or runs, and none was asked or answered for `quietMs`. */
  async whenQuiet(quietMs: number): Promise<void> {
    for (;;) {
      const busy =
        this.queue.some((e) => e.rank < PRIORITY.idle) || [...this.running].some((e) => e.rank < PRIORITY.idle);
      const since = performance.now() - this.lastBusy;
      if (!busy && since >= quietMs) return;
      await new Promise((r) => setTimeout(r, busy ? quietMs : quietMs - since));
    }
  }

  /** Statements waiting and running, for tests and the status line. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  private sortQueue() {
    this.queue.sort((a, b) => a.rank - b.rank || a.seq - b.seq);
  }

  private leave(entry: Entry, waiter: Waiter) {
    if (!entry.waiters.delete(waiter)) return;
    waiter.reject(new QueryAbortedError());
    if (entry.waiters.size > 0) return;
    // Nobody wants the answer any more: drop it before it starts, or stop it where it runs.
    this.stats.dropped++;
    // Nobody may join it after this: a later ask of the same statement would get its cancellation.
    if (this.inflight.get(entry.key) === entry) this.inflight.delete(entry.key);
    if (entry.state === "queued") this.queue.splice(this.queue.indexOf(entry), 1);
    else entry.controller.abort();
  }

  private pump() {
    if (this.failure !== null) {
      for (const entry of this.queue.splice(0)) this.settle(entry, null, this.failure);
      this.inflight.clear();
      return;
    }
    const connector = this.connector;
    if (!connector) return;
    const limit = this.options.concurrency ?? 1;
    while (this.running.size < limit && this.queue.length > 0) {
      const entry = this.queue.shift()!;
      entry.state = "running";
      this.running.add(entry);
      this.stats.run++;
      this.onStart?.(entry.sql);
      const signal = entry.controller.signal;
      const work = entry.task
        ? entry.task(signal).then((): QueryResult => ({ columns: [], rows: [] }))
        : connector.query(entry.sql, entry.params, {
            signal,
            interruptible: entry.interruptible,
            single: entry.single,
            prepareOnly: entry.prepareOnly,
            arrow: entry.arrow,
            write: entry.write,
          });
      work.then(
        (result) => this.finish(entry, result, null),
        (error: unknown) => this.finish(entry, null, error),
      );
    }
  }

  private finish(entry: Entry, result: QueryResult | null, error: unknown) {
    this.running.delete(entry);
    if (entry.rank < PRIORITY.idle) this.lastBusy = performance.now();
    if (this.inflight.get(entry.key) === entry) this.inflight.delete(entry.key);
    if (result || entry.write) {
      if (entry.write && !entry.ownTables) {
        this.generation++;
        this.cache.clear();
      } else if (result && entry.cache && entry.generation === this.generation) {
        this.cache.set(entry.key, result);
        const max = this.options.cacheSize ?? 128;
        while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value!);
      }
    }
    this.settle(entry, result, error);
    this.pump();
  }

  private settle(entry: Entry, result: QueryResult | null, error: unknown) {
    for (const w of entry.waiters) {
      if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
      if (result) w.resolve(result);
      else w.reject(error);
    }
    entry.waiters.clear();
  }
}
