import type { DerivedTables } from "../datasets/derived";
import type { Connector } from "../engine/types";
import { specOf } from "../layouts/registry";
import { ident } from "../sql/ident";
import type { LayoutId, LoadedDataset, Transfer } from "../types";
import { alignColumns, appendStaged, compactor, dropDataset } from "./append";
import { memoryPlanner, type PlannedFile } from "./memory";
import { sourceFingerprint, type IngestSource } from "./protocol";
import { readSource } from "./reader";
import { finishLoad } from "./finish";
import { dropViewStatements, readableViewStatements } from "./views";

export interface LoadProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  rows: number;
  /** Bytes of the current file read so far (decoded position) and its size. */
  bytesDone: number;
  bytesTotal: number | null;
  /** Bytes over the network for all remote files so far; null for local files. */
  fetched: number | null;
  /** How the current remote file is read: by ranges, or downloaded whole; null for local files. */
  ranged: boolean | null;
  /** Sum of the sizes of all files of the load, where known. */
  plannedBytes: number | null;
  /** Bytes of the files finished before the current one. */
  doneBytes: number;
  startedAt: number;
  /** When this report was made (performance.now()). */
  at: number;
}

/** Where a load writes: statements (through the page's query queue), and Arrow batches into a table. */
export interface IngestTarget {
  db: Connector;
  insertArrow(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
}

export interface LoadRequest {
  id: string;
  name: string;
  /** The table it loads into (a new name of the workspace's), and the workspace's derived tables. */
  table: string;
  derived: DerivedTables;
  /** The readable SQL name its views get. */
  sqlName: string;
  sources: IngestSource[];
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  /** Called after each batch with the rows so far: the first call is the moment the first rows can be shown. */
  onRows?: (partial: LoadedDataset) => void;
  /** What the page can hold, and what is already taken, in bytes. */
  memory?: { budget: number; inUse: number };
  signal?: AbortSignal;
}

const sizeOf = (s: IngestSource): number | null => (s.kind === "file" ? s.file.size : (s.bytes ?? null));

/** How often the rows of a load still arriving are shown (ms). */
const SHOW_EVERY_MS = 1000;

/**
 * Loads the files of one split into a fresh table. Rows are readable as they arrive (see `onRows`);
 * on failure or cancel the table is dropped, so whatever was loaded before stays as it was.
 */
export async function loadSources(
  target: IngestTarget,
  request: LoadRequest,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const { db } = target;
  const { sources, name } = request;
  const { signal } = options;
  const { table } = request;
  const staging = `${table}_staging`;
  let layout: LayoutId | null = null;
  let columns: string[] = [];
  let labels: Record<string, string> | undefined;
  /** The file's columns changed after the table was made (a file of no layout): align before appending. */
  let align = false;
  let rows = 0;
  let fetchedBefore = 0;
  let doneBytes = 0;
  /** Size of the file being read, when known. */
  let currentSize = 0;
  let viewsMade = false;
  const transfer: Transfer = { fetched: 0, ranged: true, size: 0 };
  const warnings: string[] = [];
  let remote = false;
  const startedAt = performance.now();
  // The rows shown so far, and when: the first batch at once, then at most once a second (each showing
  // renders the list and reads its page, which would compete with the load itself).
  let [shownRows, shownAt] = [0, 0];
  performance.mark("load:start");
  const known = sources.map(sizeOf);
  const plannedBytes = known.every((b) => b !== null) ? known.reduce<number>((s, b) => s + (b ?? 0), 0) : null;

  const compaction = compactor(db);
  /** The load is compressed as it comes: it does not fit beside what is open as it is. */
  let compress = false;
  const planner = memoryPlanner(db, name, options.memory, compaction);
  // Plan memory with the sizes known now; a remote file of unknown size is checked when it opens.
  const plan = async (sizes: (number | null)[]) => {
    const files: PlannedFile[] = sources.flatMap((s, i) => (sizes[i] ? [{ name: s.name, bytes: sizes[i] }] : []));
    compress = await planner(files);
  };
  await plan(known);

  const cleanup = async () => {
    await db.query(`DROP TABLE IF EXISTS ${ident(staging)}`).catch(() => undefined);
    if (viewsMade && layout) {
      for (const sql of dropViewStatements(request.sqlName, layout)) await db.query(sql).catch(() => undefined);
    }
    await dropDataset(db, { table, layout: layout ?? "generic", derived: request.derived });
  };
  const snapshot = (loading: boolean): LoadedDataset => ({
    id: request.id,
    table,
    derived: request.derived,
    layout: layout ?? "generic",
    columns: columns.filter((c) => !c.startsWith("__")),
    labels,
    name,
    sqlName: request.sqlName,
    rows,
    files: sources.map((s) => s.name),
    origins: sources.map((s) => (s.kind === "url" ? s.url : s.name)),
    fingerprint: sourceFingerprint(sources),
    loading,
    transfer: remote ? { ...transfer, size: loading ? doneBytes + currentSize : transfer.size } : null,
    warnings: warnings.length ? [...warnings] : undefined,
  });

  try {
    for (const [fileIndex, source] of sources.entries()) {
      signal?.throwIfAborted();
      let fileFetched = 0;
      let ranged: boolean | null = null;
      let fileSize = known[fileIndex] ?? null;
      currentSize = fileSize ?? 0;
      const report = (bytesDone: number, bytesTotal: number | null) =>
        options.onProgress?.({
          file: source.name,
          fileIndex,
          fileCount: sources.length,
          rows: shownRows,
          bytesDone,
          bytesTotal,
          fetched: source.kind === "url" ? fetchedBefore + fileFetched : null,
          ranged,
          plannedBytes,
          doneBytes,
          startedAt,
          at: performance.now(),
        });
      await readSource(
        source,
        async (msg, worker) => {
          if (msg.type === "remote") {
            remote = true;
            ranged = msg.ranged;
            transfer.ranged &&= msg.ranged;
            if (msg.size !== null) {
              fileSize = msg.size;
              currentSize = msg.size;
              if (known[fileIndex] === null) await plan(known.map((b, i) => (i === fileIndex ? msg.size : b)));
            }
            report(0, fileSize);
          } else if (msg.type === "progress") {
            fileFetched = msg.fetched;
            report(0, msg.bytesTotal);
          } else if (msg.type === "schema") {
            if (layout !== null && msg.layout !== layout) {
              throw new Error(
                `${source.name}: is ${specOf(msg.layout).label}, but the files before it are ${specOf(layout).label}`,
              );
            }
            layout = msg.layout;
            if (rows === 0 && columns.length === 0) {
              columns = msg.columns;
              labels = msg.labels;
            } else if (!specOf(msg.layout).fields) {
              // More columns, or wider ones, from a later batch or file of a table of no layout.
              const added = msg.columns.filter((c) => !columns.includes(c));
              columns = [...columns, ...added];
              if (msg.labels) labels = { ...labels, ...msg.labels };
              if (rows > 0) align = true;
            }
          } else if (msg.type === "warning") {
            warnings.push(msg.message);
          } else if (msg.type === "batch" && msg.rows === 0) {
            worker.postMessage({ type: "credit" });
          } else if (msg.type === "batch") {
            if (rows === 0) performance.mark("load:first-batch");
            // Each batch's two steps are measured (`load:insert`, `load:derive`): what bounds a load, for the benchmark.
            const t0 = performance.now();
            await target.insertArrow(staging, msg.ipc, true);
            const t1 = performance.now();
            performance.measure("load:insert", { start: t0, end: t1 });
            const into = { table, layout: layout ?? "generic", columns };
            if (align) {
              await alignColumns(db, table, staging);
              align = false;
            }
            await appendStaged(db, into, staging, rows).catch((e: unknown) => {
              // The engine's first line says what went wrong; the list of function signatures after it does not help.
              throw new Error(appendFailure(source.name, rows, specOf(into.layout).label, (e as Error).message));
            });
            performance.measure("load:derive", { start: t1, end: performance.now() });
            if (!viewsMade) {
              for (const sql of readableViewStatements(request.sqlName, table, into.layout, columns, labels))
                await db.query(sql);
              viewsMade = true;
            }
            if (rows === 0) performance.mark("load:first-rows-in");
            rows += msg.rows;
            if (compress) await compaction.appended(msg.ipc.byteLength);
            if (msg.fetched !== null) fileFetched = msg.fetched;
            transfer.fetched = fetchedBefore + fileFetched;
            worker.postMessage({ type: "credit" });
            if (shownRows === 0 || performance.now() - shownAt >= SHOW_EVERY_MS) {
              [shownRows, shownAt] = [rows, performance.now()];
              report(msg.bytesDone, msg.bytesTotal ?? fileSize);
              options.onRows?.(snapshot(true));
            }
          }
        },
        signal,
      );
      fetchedBefore += fileFetched;
      transfer.fetched = fetchedBefore;
      transfer.size += fileSize ?? 0;
      doneBytes += fileSize ?? 0;
    }
    if (rows === 0 || layout === null) throw new Error(`${name}: no rows were loaded`);
    // The view again, with every column the whole load brought.
    const finished = await finishLoad(db, { sqlName: request.sqlName, table, layout, labels });
    if (compress) await compaction.now();
    columns = finished.columns;
    return { ...snapshot(false), columnTypes: finished.columnTypes };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/**
 * Why rows could not join the table, in words: the engine's first line (the list of function
 * signatures after it does not help), and whether the page ran out of memory, the first rows do not
 * fit the layout, or later rows do not match the earlier ones.
 */
export function appendFailure(name: string, rows: number, layout: string, message: string): string {
  const why = message.split("\n")[0];
  if (/out of memory|could not allocate/i.test(why ?? "")) {
    return (
      `${name}: the page ran out of memory after ${rows.toLocaleString("en-US")} rows (${why}). What was open ` +
      `before is kept; close other datasets (reload the page), load fewer files, or open it on the app's server (npm run serve).`
    );
  }
  return rows === 0
    ? `${name}: cannot be read as ${layout} (${why})`
    : `${name}: its rows from row ${rows.toLocaleString("en-US")} on do not match the rows before them (${why})`;
}
