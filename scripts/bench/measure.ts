import { readdirSync, readFileSync, statSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { NativeEngine } from "../../lib/engine/native";
import type { Query, SqlParam } from "../../lib/engine/types";
import type { LoadedDataset } from "../../lib/types";
import type { ShardSet } from "./servers";
import { dirname, join } from "node:path";
import { findSplit } from "../../lib/datasets/catalog";
import { conversionDir } from "./generate";

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
export const median = (xs: number[]) => pct(xs, 50);

/** Resident memory of all Chromium processes, in bytes (Linux /proc). */
export const chromiumRss = (): number => Object.values(chromiumRssByKind()).reduce((a, b) => a + b, 0);

/** The same, by kind of process (`renderer`, `gpu-process`, `utility`…; `browser` for the main one). */
export function chromiumRssByKind(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // a child rewrites its command line as one string: its kind is found in it, not as an argument
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!/chrom/i.test(cmd.split(/[\0 ]/)[0] ?? "")) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      const kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? "browser";
      if (m) out[kind] = (out[kind] ?? 0) + Number(m[1]) * 1024;
    } catch {
      // the process ended
    }
  }
  return out;
}

/** The datasets open in the page (the `?bench` hook). */
export async function browserDatasets(page: Page): Promise<LoadedDataset[]> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __explorer?: { datasets: () => LoadedDataset[] } }).__explorer;
    return hook ? hook.datasets().map((d) => ({ ...d })) : [];
  });
}

/** Runs a list of statements `n` times through the page's own query queue (uncached); milliseconds per run. */
export async function timeInBrowser(page: Page, steps: Query[], n: number): Promise<number[]> {
  return page.evaluate(
    async ({ steps, n }) => {
      const hook = (window as unknown as { __explorer: { query(sql: string, params: unknown[]): Promise<unknown> } })
        .__explorer;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        for (const s of steps) await hook.query(s.sql, s.params);
        times.push(performance.now() - t0);
      }
      return times;
    },
    { steps: steps as { sql: string; params: SqlParam[] }[], n },
  );
}

export async function timeNative(engine: NativeEngine, steps: Query[], n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    for (const s of steps) await engine.query(s.sql, s.params);
    times.push(performance.now() - t0);
  }
  return times;
}

export interface LoadResult {
  set: string;
  files: number;
  bytes: number;
  rows: number;
  firstRowsMs: number;
  fullMs: number;
  mbPerS: number;
  peakRssMB: number;
  /** At the peak: each kind of Chromium process (MB); then, with the table whole, the engine's own count. */
  peakByKindMB?: Record<string, number>;
  engineMemoryMB?: { buffers: number; tables: number; byTag?: Record<string, number> };
  peakJsHeapMB: number;
  fetchedMB: number | null;
  /**
   * The page's engine at work during the load, summed from the page's own measures: Arrow batches
   * inserted, and their derived columns computed as they join the table (a reopen only inserts). On one
   * engine thread this is the least a load can take, however fast the files are read and decoded.
   */
  engineMs?: { insert: number; derive: number; compact: number };
  /** After the full table: until the browser's store holds its copy (in the background, while it is read). */
  storeMs?: number;
  nativeLoadMs: number;
  ratio: number;
}

/** Opens a split from the catalog in a fresh page and times first rows and the full table. */
export async function loadSet(
  page: Page,
  url: string,
  set: ShardSet,
  rows: number,
  query = "",
  /** Where a split the Hub has a Parquet conversion of is read from: its own files, or the conversion. */
  from: "files" | "conversion" = "files",
): Promise<Omit<LoadResult, "nativeLoadMs" | "ratio">> {
  await page.goto(`${url}/?bench${query}`);
  // each set is read from its files, and only its own copy is kept
  await clearStore(page);
  // the bundled sample itself arrives shard by shard: wait until it is whole
  await page
    .getByTestId("row-count")
    .getByText(/^84 of 84 rows$/)
    .waitFor({ timeout: 60_000 });
  const bytes = set.files.reduce((s, f) => s + statSync(f).size, 0);
  // Watch the row count from inside the page: the first time it shows rows of the new split, and the end.
  await page.evaluate((total) => {
    const w = window as unknown as { __bench: { t0: number; first: number | null; full: number | null } };
    w.__bench = { t0: 0, first: null, full: null };
    const target = document.querySelector('[data-testid="row-count"]')!;
    const final = `${total.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`;
    new MutationObserver(() => {
      const text = target.textContent ?? "";
      const now = performance.now();
      if (w.__bench.first === null && (/^loading — [1-9]/.test(text) || text.startsWith(final))) w.__bench.first = now;
      if (w.__bench.full === null && text.startsWith(final)) w.__bench.full = now;
    }).observe(target, { childList: true, characterData: true, subtree: true });
  }, rows);
  await page.getByTestId("open-catalog").click();
  let peakRss = 0;
  let peakByKind: Record<string, number> = {};
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const byKind = chromiumRssByKind();
    const total = Object.values(byKind).reduce((a, b) => a + b, 0);
    if (total > peakRss) [peakRss, peakByKind] = [total, byKind];
  }, 250);
  await page.evaluate(() => {
    (window as unknown as { __bench: { t0: number } }).__bench.t0 = performance.now();
  });
  const id = `${set.repo}:${set.split}`;
  const converted = !findSplit(set.repo, set.split)?.split.conversion
    ? null
    : await page
        .locator(`[data-split="${id}"] [data-testid="catalog-conversion"]:not([data-state="checking"])`)
        .getAttribute("data-state", { timeout: 30_000 })
        .catch(() => null);
  if (from === "conversion" && converted !== "complete") throw new Error(`${set.key}: no Parquet conversion offered`);
  const button = from === "files" && converted === "complete" ? `catalog-load-original-${id}` : `catalog-load-${id}`;
  await page.getByTestId(button).click();
  try {
    for (;;) {
      const state = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { full: number | null } }).__bench;
        const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
        const error = document.querySelector('[data-testid="load-error"]')?.textContent ?? null;
        return { done: b.full !== null, heap: memory?.usedJSHeapSize ?? 0, error };
      });
      peakHeap = Math.max(peakHeap, state.heap);
      if (state.error) throw new Error(`${set.key}: ${state.error}`);
      if (state.done) break;
      await page.waitForTimeout(250);
    }
  } finally {
    clearInterval(sampler);
  }
  const b = await page.evaluate(
    () => (window as unknown as { __bench: { t0: number; first: number; full: number } }).__bench,
  );
  const loaded = (await browserDatasets(page)).find((d) => d.rows === rows && !d.loading);
  const [insert, derive, compact] = await measured(page, ["load:insert", "load:derive", "load:compact"], b.t0);
  const engineMemoryMB = await engineMemory(page);
  console.log(`${set.key}: in the engine after ${Math.round(b.full - b.t0)} ms: ${JSON.stringify(engineMemoryMB)}`);
  // The copy for the next open is written in the background; the queries measured next wait for it.
  await page
    .locator('[data-testid="stored-badge"]:is([data-stored="kept"],[data-stored="failed"])')
    .first()
    .waitFor({ timeout: 1_800_000 });
  const storeMs = (await page.evaluate(() => performance.now())) - b.full;
  // (asked without waiting: a badge that says "kept" is the usual answer)
  const failedBadge = page.locator('[data-testid="stored-badge"][data-stored="failed"]');
  const failed = (await failedBadge.count()) > 0 ? await failedBadge.first().getAttribute("title") : null;
  if (failed) console.warn(`${set.key}: not kept in the browser's store: ${failed}`);
  return {
    storeMs,
    set: set.key,
    files: set.files.length,
    bytes,
    rows,
    firstRowsMs: b.first - b.t0,
    fullMs: b.full - b.t0,
    mbPerS: bytes / 1e6 / ((b.full - b.t0) / 1000),
    peakRssMB: peakRss / 1e6,
    peakByKindMB: Object.fromEntries(Object.entries(peakByKind).map(([k, v]) => [k, Math.round(v / 1e6)])),
    engineMemoryMB,
    peakJsHeapMB: peakHeap / 1e6,
    fetchedMB: loaded?.transfer ? loaded.transfer.fetched / 1e6 : null,
    engineMs: { insert: insert!, derive: derive!, compact: compact! },
  };
}

/** What the page's engine says it holds: its buffers in use, and of them its tables' (MB). */
async function engineMemory(page: Page): Promise<{ buffers: number; tables: number; byTag: Record<string, number> }> {
  const megabytes = (sql: string) =>
    page.evaluate(
      async (q) =>
        (
          window as unknown as {
            __explorer: { query(sql: string, p: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
          }
        ).__explorer
          .query(q, [])
          .then((r) => Math.round(Number(r.rows[0]?.b ?? 0) / 1e6)),
      sql,
    );
  const tags = await page.evaluate(() =>
    (
      window as unknown as {
        __explorer: { query(sql: string, p: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
      }
    ).__explorer
      .query("SELECT tag, memory_usage_bytes AS b FROM duckdb_memory() WHERE memory_usage_bytes > 0", [])
      .then((r) => r.rows.map((x) => [String(x.tag), Math.round(Number(x.b) / 1e6)] as [string, number])),
  );
  return {
    byTag: Object.fromEntries(tags),
    buffers: await megabytes("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()"),
    tables: await megabytes("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'"),
  };
}

/** The sums of the page's measures of each name, from `since` on (ms since the page's start). */
const measured = (page: Page, names: string[], since: number) =>
  page.evaluate(
    ({ names, since }) =>
      names.map((n) =>
        performance
          .getEntriesByName(n, "measure")
          .filter((e) => e.startTime >= since)
          .reduce((sum, e) => sum + e.duration, 0),
      ),
    { names, since },
  );

/** Empties the browser's store of datasets (the next open reads the files). */
const clearStore = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry("datasets", { recursive: true }).catch(() => undefined);
  });

/** The loads whose second open is measured too: after a reload, from the browser's store. */
const REOPENED = ["UltraFeedback raw", "train_sft"];

/** Loads a set from the catalog; for the big ones, reloads the page and opens it again, from the browser's store. */
export async function loadAndReopen(page: Page, url: string, set: ShardSet, rows: number, nativeLoadMs: number) {
  const out: LoadResult[] = [];
  // (files under 32 MB are parsed by the reader alone whatever is asked: nothing to measure at a small scale)
  if (set.layout === "ultrafeedback" && set.files.some((f) => statSync(f).size >= 32 << 20)) {
    // JSON Lines parsed by two workers (on two cores the reader parses alone), for how parsing scales
    const two = await loadSet(page, url, set, rows, "&parsers=2");
    out.push({ ...two, set: set.key.replace(/\)$/, ", two parsers)"), nativeLoadMs, ratio: two.fullMs / nativeLoadMs });
    await clearStore(page);
  }
  if (set.layout === "ultrafeedback") {
    // the Hub's Parquet conversion of the same rows (its native figure: the JSON Lines' load)
    const c = await loadSet(page, url, set, rows, "", "conversion");
    const dir = conversionDir(dirname(dirname(set.files[0]!)));
    const parts = readdirSync(dir).filter((f) => f.endsWith(".parquet"));
    const bytes = parts.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    out.push({
      ...c,
      files: parts.length,
      bytes,
      mbPerS: bytes / 1e6 / (c.fullMs / 1000),
      set: set.key.replace(/ \(.*\)$/, " (Parquet conversion)"),
      nativeLoadMs,
      ratio: c.fullMs / nativeLoadMs,
    });
    await clearStore(page);
  }
  const load = await loadSet(page, url, set, rows);
  out.push({ ...load, nativeLoadMs, ratio: load.fullMs / nativeLoadMs });
  if (!REOPENED.some((k) => set.key.includes(k))) return out;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, chromiumRss())), 250);
  const total = rows.toLocaleString("en-US");
  try {
    await page.goto(`${url}/?bench&ds=${encodeURIComponent(`hf:${set.repo}:${set.split}`)}`);
    await page
      .getByTestId("row-count")
      .getByText(new RegExp(`^${total} of ${total} `))
      .waitFor({ timeout: 600_000 });
  } finally {
    clearInterval(sampler);
  }
  // from the start of the page's navigation: the page, the engine's start, the check of the files, the copy read
  const [fullMs, heap] = await page.evaluate(() => [
    performance.now(),
    (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  ]);
  const [reinsert, recompact] = await measured(page, ["reopen:insert", "load:compact"], 0);
  const stored = await page.getByTestId("stored-badge").getAttribute("data-stored");
  if (stored !== "reopened") throw new Error(`${set.key}: the second open was not read from the store (${stored})`);
  out.push({
    ...load,
    fullMs: fullMs!,
    set: `${set.key.replace(/ \(.*\)$/, "")} (reopened from the browser's store)`,
    firstRowsMs: fullMs!,
    mbPerS: load.bytes / 1e6 / (fullMs! / 1000),
    peakRssMB: peakRss / 1e6,
    peakJsHeapMB: heap! / 1e6,
    fetchedMB: null,
    storeMs: undefined,
    engineMs: { insert: reinsert!, derive: 0, compact: recompact! },
    nativeLoadMs,
    ratio: fullMs! / nativeLoadMs,
  });
  return out;
}

/**
 * Frame times while the list is flung from top to bottom through all its rows, 240 steps. Each step
 * moves the list by about a screenful of pages, so every frame shows rows it has not shown before.
 */
export async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const list = document.querySelector('[data-testid="record-list"]') as HTMLElement;
    const frames: number[] = [];
    const end = list.scrollHeight - list.clientHeight;
    const steps = 240;
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          const now = performance.now();
          frames.push(now - last);
          last = now;
          list.scrollTop = (end * i) / steps;
          resolve();
        }),
      );
    }
    return frames.slice(1);
  });
}
