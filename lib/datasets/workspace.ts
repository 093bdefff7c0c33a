import { prepareLate, preparePairing, prepareSearch } from "./prepare-search";
import { isAbort, type Backend, type Connector } from "../engine/types";
import { adoptTable } from "../ingest/adopt";
import { dropDataset } from "../ingest/append";
import { loadSources, type LoadProgress } from "../ingest/load";
import { KeptDatasets } from "./kept";
import { memoryInUse } from "../ingest/memory";
import { AddressCopies } from "./copies";
import { DerivedTables } from "./derived";
import { JobQueue } from "./job-queue";
import { MarkBook } from "../marks/book";
import { IdbMarkStore, MemoryMarkStore } from "../marks/store";
import { MARKS_TABLE, marksTableOver } from "../marks/table";
import { marksIpc } from "../marks/arrow";
import { ServerLink } from "./server-link";
import { dropViewStatements, readableName, restoreViews } from "../ingest/views";
import { QueryManager, type RequestOptions } from "../query/manager";
import type { EngineKind, LoadedDataset } from "../types";
import { pageIndexBuilder } from "../search/signer";
import type { Failure, Job, LoadHandlers, Loading, Sources, WorkspaceState } from "./workspace-state";
import { initialState, plannedNeed } from "./workspace-state";

export type { Failure, LoadHandlers, Loading, Sources, WorkspaceState } from "./workspace-state";

/** Loads that read at once; more would only share the same two cores. */
const RUNNING = 2;

/**
 * The datasets open in the page and the loads that bring them, over one backend and its query queue.
 * Loads wait their turn (two read at once, so a small file is not stuck behind a big split) and can
 * each be cancelled alone; a failed or cancelled load leaves every open dataset as it was. Views
 * subscribe to it (React's useSyncExternalStore).
 */
export class Workspace {
  readonly queries: QueryManager;
  /** The tables this page computes from its datasets, named with its own prefix. */
  readonly derived = new DerivedTables();
  /** The reader's marks, kept in this browser; each engine's `marks` table follows them. */
  readonly marks = new MarkBook(typeof indexedDB === "undefined" ? new MemoryMarkStore() : new IdbMarkStore());
  private backend: Backend | null = null;
  private state: WorkspaceState = initialState();
  /** The app's server, when the page was given one. */
  private server: ServerLink | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly queue = new JobQueue<Job>(
    RUNNING,
    (job) => this.run(job),
    (job) => this.patchLoad(job.key, { state: "running" }),
    (job) => this.set({ loads: this.state.loads.filter((l) => l.key !== job.key) }),
  );
  private counter = 0;
  private readonly copies = new AddressCopies();
  /** Datasets kept in this browser's storage, opened from there while their files are unchanged. */
  readonly kept = new KeptDatasets(undefined, (table, stored) => {
    const ds = [...this.state.datasets.values()].find((d) => d.table === table);
    if (ds) this.set({ datasets: new Map(this.state.datasets).set(ds.id, { ...ds, stored }) });
  });

  constructor(backend: Promise<Backend>) {
    this.queries = new QueryManager(backend.then((b) => b.connector));
    this.derived.marks = marksTableOver(this.queries, this.marks, (entries) =>
      // Bulk marks go in as one Arrow batch; they change only the marks table.
      this.insertArrow(MARKS_TABLE, marksIpc(entries), false, { priority: "list", ownTables: true }),
    );
    this.marks.onUpdate(({ scope, entries, replaced }) => {
      for (const d of [this.derived, this.server?.derived])
        void d?.marks?.update(scope, entries, replaced).catch(() => undefined);
    });
    backend.then(
      (b) => {
        this.backend = b;
        this.set({ ready: true, backend: b.kind });
        this.queue.start();
      },
      (e: unknown) =>
        this.set({
          failures: [
            ...this.state.failures,
            { id: "", message: `The database did not start: ${(e as Error).message}`, retry: () => location.reload() },
          ],
        }),
    );
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  snapshot = () => this.state;

  private set(patch: Partial<WorkspaceState>) {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  /** Statements of loads and of the search column: writes, in their turn on the queue. */
  private writer(): Connector {
    return this.queries.client({ priority: "ingest", write: true });
  }

  /** Queues the load of a dataset under `id`; resolves with it, or null when it failed or was cancelled. */
  load(id: string, label: string, sources: Sources, handlers: LoadHandlers = {}): Promise<LoadedDataset | null> {
    for (const job of this.queue.jobs) if (job.id === id) this.cancel(job);
    return new Promise((resolve) => {
      const job: Job = {
        key: ++this.counter,
        id,
        label,
        sources,
        controller: new AbortController(),
        handlers,
        resolve,
      };
      // A new load moves on from what failed before: its message is no longer about what is asked for.
      this.set({
        failures: this.state.failures.filter((f) => f.sticky),
        loads: [
          ...this.state.loads,
          { key: job.key, id, label, state: "queued", progress: null, cancel: () => this.cancel(job) },
        ],
      });
      this.queue.add(job);
    });
  }

  /** Says why what the link names cannot be opened. */
  fail(id: string, message: string) {
    const others = this.state.failures.filter((f) => !(f.sticky && f.id === id));
    this.set({ failures: [...others, { id, message, sticky: true }] });
  }

  dismiss(failure: Failure) {
    this.set({ failures: this.state.failures.filter((f) => f !== failure) });
  }

  private cancel(job: Job) {
    job.controller.abort();
    if (!this.queue.remove(job)) return;
    this.set({ loads: this.state.loads.filter((l) => l.key !== job.key) });
    job.resolve(null);
  }

  private patchLoad(key: number, patch: Partial<Loading>) {
    this.set({ loads: this.state.loads.map((l) => (l.key === key ? { ...l, ...patch } : l)) });
  }

  private async run(job: Job) {
    const backend = this.backend;
    if (!backend) return;
    const { signal } = job.controller;
    // Statements of a load are not stopped midway (the reader is): a cancelled load still cleans up.
    const db = this.writer();
    const previous = this.state.datasets.get(job.id);
    const taken = new Set([...this.state.datasets.values()].filter((d) => d.id !== job.id).map((d) => d.sqlName));
    const sqlName = previous?.sqlName ?? readableName(job.id, taken);
    let shown = false;
    try {
      if (!backend.ingest) throw new Error(`${job.label}: this engine cannot load files`);
      const sources = typeof job.sources === "function" ? await job.sources(signal) : job.sources;
      let memory: { budget: number; inUse: number } | undefined;
      if (backend.memoryBudget) {
        // What is open, and what the other running loads will take once they are in.
        const others = this.queue.others(job).reduce((s, j) => s + plannedNeed(j.sources), 0);
        const inUse = await memoryInUse(this.queries.client({ cache: false, priority: "ingest" }));
        memory = { budget: backend.memoryBudget, inUse: inUse + others };
      }
      const target = {
        db,
        insertArrow: (table: string, ipc: Uint8Array, create: boolean) =>
          this.insertArrow(table, ipc, create, { priority: "ingest" }),
      };
      const request = {
        id: job.id,
        name: job.label,
        sqlName,
        sources,
        table: this.derived.fresh("ds"),
        derived: this.derived,
      };
      const options = {
        signal,
        memory,
        onProgress: (progress: LoadProgress) => this.patchLoad(job.key, { progress }),
        // The rows already arriving are shown at once.
        onRows: (partial: LoadedDataset) => {
          if (signal.aborted) return;
          this.set({ datasets: new Map(this.state.datasets).set(job.id, partial) });
          if (!shown) {
            shown = true;
            job.handlers.onFirstRows?.();
          }
        },
      };
      const loaded =
        backend.kind === "browser"
          ? await this.kept.load(target, request, options, this.queries.client({ priority: "console", cache: false }))
          : await loadSources(target, request, options);
      const warning = job.handlers.check?.(loaded) ?? null;
      const ds = warning ? { ...loaded, warnings: [...(loaded.warnings ?? []), warning] } : loaded;
      this.set({ datasets: new Map(this.state.datasets).set(job.id, ds) });
      if (backend.kind === "browser") preparePairing(ds, this.access);
      if (previous) await this.drop(previous, false);
      job.resolve(ds);
    } catch (e) {
      // What the id named before comes back, with its views.
      const datasets = new Map(this.state.datasets);
      if (previous) {
        datasets.set(job.id, previous);
        await restoreViews(db, previous);
      } else datasets.delete(job.id);
      const failed = !(signal.aborted || isAbort(e));
      const failure: Failure = {
        id: job.id,
        message: e instanceof Error ? e.message : String(e),
        retry: () => void this.load(job.id, job.label, job.sources, job.handlers),
      };
      this.set({ datasets, failures: failed ? [...this.state.failures, failure] : this.state.failures });
      job.resolve(null);
    }
  }

  /** Drops a dataset's tables (and, when it is closed, its views). */
  private async drop(ds: LoadedDataset, views: boolean) {
    const db = this.writer();
    if (views) for (const sql of dropViewStatements(ds.sqlName, ds.layout)) await db.query(sql).catch(() => undefined);
    await dropDataset(db, ds);
  }

  /** Opens a table of the database (a console result) as a dataset of its own. */
  async adopt(id: string, name: string, from: string): Promise<LoadedDataset> {
    const taken = new Set([...this.state.datasets.values()].filter((d) => d.id !== id).map((d) => d.sqlName));
    const ds = await adoptTable(this.writer(), from, {
      id,
      name,
      sqlName: readableName(id, taken),
      derived: this.derived,
    });
    this.set({ datasets: new Map(this.state.datasets).set(id, ds) });
    return ds;
  }

  /** The path the engine reads an address's copy by (see `AddressCopies`); only for agreed hosts. */
  copyOf(url: string, signal?: AbortSignal): Promise<string> {
    return this.copies.pathOf(url, this.backend?.files, signal);
  }

  /** The query queue of the engine a dataset is on (the page's own by default). */
  queriesFor(ds?: { engine?: EngineKind } | null): QueryManager {
    return ds?.engine === "server" && this.server ? this.server.queries : this.queries;
  }

  /** The derived tables of the engine a dataset is on. */
  derivedFor(ds?: { engine?: EngineKind } | null): DerivedTables {
    return ds?.engine === "server" && this.server ? this.server.derived : this.derived;
  }

  /** Links the page to the app's server (configured by the page, not imported): its datasets join the picker. */
  connectServer() {
    if (this.server) return;
    this.server = new ServerLink({ state: () => this.state, patch: (p) => this.set(p) });
    this.server.derived.marks = marksTableOver(this.server.queries, this.marks);
  }

  /** Arrow IPC into a table of the page's engine, in its turn on the queue like a write. */
  private insertArrow(table: string, ipc: Uint8Array, create: boolean, options: RequestOptions) {
    const ingest = this.backend?.ingest;
    if (!ingest) return Promise.reject(new Error("this engine cannot take Arrow batches"));
    return this.queries.exclusive(`insert into ${table}`, () => ingest.insertArrowIPC(table, ipc, create), options);
  }

  /** What builds a dataset's search index in the page's engine (none for a served dataset's search text). */
  indexBuilder(ds: { engine?: EngineKind }) {
    if (ds.engine === "server" || !this.backend?.ingest) return undefined;
    return pageIndexBuilder((table, ipc, create) =>
      this.insertArrow(table, ipc, create, { priority: "panel", ownTables: true }),
    );
  }

  /** Asks the server again after it stopped answering; the views ask again when it answers. */
  retryServer = () => this.server?.retry();

  /** A served dataset the page asks for: shown like any other once its load on the server is done. */
  openServed(id: string) {
    this.server?.open(id);
  }

  /** The first search of a whole dataset builds its search column; searches after it scan that. */
  prepareSearch = (id: string) => prepareSearch(id, this.access);
  /** The charts or a filter that read a late summary build its column; until then it is computed inline. */
  prepareLate = (id: string) => prepareLate(id, this.access);
  private readonly access = {
    state: () => this.state,
    subscribe: this.subscribe,
    set: (p: Partial<WorkspaceState>) => this.set(p),
    queriesFor: (ds: LoadedDataset) => this.queriesFor(ds),
    indexBuilder: (ds: LoadedDataset) => this.indexBuilder(ds),
  };
}
