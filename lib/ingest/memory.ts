import type { Connector } from "../engine/types";

/**
 * Memory is planned before a load: what the files will take once decoded into the in-browser
 * database, against what the page can hold. The factors are measured ratios of table memory to
 * file size for these layouts (text-heavy; Parquet is Snappy-compressed about threefold).
 */
const GiB = 1024 ** 3;

export interface PlannedFile {
  name: string;
  bytes: number;
}

export function memoryFactor(name: string): number {
  if (/\.parquet$/i.test(name)) return 3.2;
  if (/\.gz$/i.test(name)) return 5;
  return 1.3;
}

/**
 * A table compressed by the engine's checkpoint holds about a fifth of its size uncompressed (FSST and
 * dictionaries on this text: 441 MB against 1,990 MB for train_sft; a quarter planned).
 */
export const COMPRESSED_SHARE = 0.25;

/** What a load compressed as it comes holds uncompressed at once, at most: one stretch between checkpoints. */
export const COMPRESS_STRETCH = 0.5 * GiB;

/**
 * What a load of these files is planned to take in the engine: as it is when that fits in `room`,
 * else compressed as it comes.
 */
export function loadNeed(files: readonly PlannedFile[], room: number): { need: number; compressed: boolean } {
  const full = memoryNeed(files);
  return full > room ? { need: memoryNeed(files, true), compressed: true } : { need: full, compressed: false };
}

/** Past this much held in the engine, what is open is compressed before another load, or a pairing's features. */
export const COMPRESS_WHEN_HELD = 1.5 * GiB;

/** What the files will take in the engine: uncompressed, or compressed as they come (with one stretch uncompressed). */
export function memoryNeed(files: readonly PlannedFile[], compressed = false): number {
  const full = files.reduce((s, f) => s + f.bytes * memoryFactor(f.name), 0);
  return compressed ? Math.min(full, full * COMPRESSED_SHARE + COMPRESS_STRETCH) : full;
}

/**
 * What the page may use: 32-bit WebAssembly memory ends at 4 GiB, and the database needs headroom
 * for queries; on a device that reports less memory, a share of that.
 */
export function memoryBudget(deviceMemoryGiB: number | undefined): number {
  const ceiling = 3 * GiB;
  return deviceMemoryGiB ? Math.min(ceiling, deviceMemoryGiB * GiB * 0.4) : ceiling;
}

const gb = (n: number) => `${(n / 1e9).toFixed(n < 1e10 ? 1 : 0)} GB`;

/** Null when the load fits; otherwise a message that says what it needs, what there is, and what to do. */
export function memoryProblem(
  label: string,
  files: readonly PlannedFile[],
  budget: number,
  inUse = 0,
  compressed = false,
): string | null {
  const need = memoryNeed(files, compressed);
  if (need + inUse <= budget) return null;
  const disk = files.reduce((s, f) => s + f.bytes, 0);
  const held = inUse > 0 ? ` (${gb(inUse)} of that is taken by what is already open)` : "";
  return (
    `${label}: ${files.length} file${files.length === 1 ? "" : "s"} of ${gb(disk)} need about ${gb(need)} of memory ` +
    (compressed ? `(compressed as they load; ${gb(memoryNeed(files))} as they are) ` : "") +
    `in this page, which can hold about ${gb(budget)}${held}. Load fewer shards (choose files in the catalog) ` +
    `or a smaller split, or reload the page to free what is open.`
  );
}

/** A load that cannot fit in the page's memory, even compressed: said before anything is read. */
export class MemoryProblem extends Error {}

/**
 * Plans a load's memory against what is open, each time more of its sizes are known: what is open is
 * compressed first (`compaction.now()`, once) when it holds more than `COMPRESS_WHEN_HELD`, or when the
 * load does not fit beside it as it is (what other running loads will take stays counted). Resolves
 * whether the load must then come compressed; throws a `MemoryProblem` when it cannot fit at all.
 */
export function memoryPlanner(
  db: Connector,
  label: string,
  memory: { budget: number; inUse: number } | undefined,
  compaction: { now(): Promise<void> },
) {
  let roomMade = false;
  let compress = false;
  const makeRoom = async (m: { inUse: number }) => {
    if (roomMade) return;
    roomMade = true;
    const before = await memoryInUse(db);
    await compaction.now();
    m.inUse -= Math.max(0, before - (await memoryInUse(db)));
  };
  return async (files: readonly PlannedFile[]): Promise<boolean> => {
    if (!memory) return false;
    if (memory.inUse > COMPRESS_WHEN_HELD) await makeRoom(memory);
    if (!compress && memoryNeed(files) + memory.inUse > memory.budget) {
      await makeRoom(memory);
      compress = memoryNeed(files) + memory.inUse > memory.budget;
    }
    const problem = memoryProblem(label, files, memory.budget, memory.inUse, compress);
    if (problem) throw new MemoryProblem(problem);
    return compress;
  };
}

/** What the open tables take in the database now (0 when it cannot say), so a new load is planned against what is left. */
export async function memoryInUse(db: Connector): Promise<number> {
  try {
    const { rows } = await db.query("SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS n FROM duckdb_memory()");
    return Number(rows[0]?.n ?? 0) || 0;
  } catch {
    return 0;
  }
}
