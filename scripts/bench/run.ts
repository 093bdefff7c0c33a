/**
 * npm run bench: the production build in headless Chromium against native DuckDB, on data of the real
 * sizes (scripts/bench/generate.ts). Prints one table and writes it as JSON.
 *   tsx scripts/bench/run.ts [--scale 1] [--repeat 9] [--out bench/results.json] [--sets test_sft,train_prefs,…]
 * Needs `next build` first (npm run bench does both). Numbers are never asserted anywhere.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, totalmem, release, platform } from "node:os";
import { dirname, join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { CATALOG } from "../../lib/datasets/catalog";
import { NativeEngine } from "../../lib/engine/native";
import type { SqlParam } from "../../lib/engine/types";
import type { LayoutId } from "../../lib/formats/layouts";
import { modelSummaryQuery } from "../../lib/sql/feedback";
import { NO_FILTERS, type Filters } from "../../lib/sql/filters";
import { countQuery, listQuery, recordQuery, type DatasetRef, type ListState, type Query } from "../../lib/sql/list";
import { searchColumnStatements } from "../../lib/sql/search";
import { loadFiles } from "../../lib/test/native-load";
import { startHub } from "../hub-server";
import { generateBench } from "./generate";

const root = join(import.meta.dirname, "..", "..");
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const scale = Number(arg("--scale") ?? 1);
const repeat = Number(arg("--repeat") ?? 9);
const out = arg("--out") ?? join(root, "bench", scale === 1 ? "results.json" : `results-scale-${scale}.json`);
const PORT = Number(arg("--port") ?? 3300);

// ---------------------------------------------------------------- data and servers

interface ShardSet {
  key: string;
  repo: string;
  split: string;
  layout: Exclude<LayoutId, "generic">;
  /** local files, in catalog order */
  files: string[];
}

function shardSets(dir: string): ShardSet[] {
  const local = (sub: string) =>
    readdirSync(join(dir, sub))
      .filter((f) => !f.endsWith(".part"))
      .sort()
      .map((f) => join(dir, sub, f));
  const chat = local("ultrachat_200k");
  return [
    {
      key: "ultrachat_200k test_sft",
      repo: "HuggingFaceH4/ultrachat_200k",
      split: "test_sft",
      layout: "ultrachat_200k",
      files: chat.filter((f) => f.includes("test_sft")),
    },
    {
      key: "ultrafeedback_binarized train_prefs",
      repo: "HuggingFaceH4/ultrafeedback_binarized",
      split: "train_prefs",
      layout: "ultrafeedback_binarized",
      files: local("ultrafeedback_binarized"),
    },
    {
      key: "UltraFeedback raw (6 files)",
      repo: "openbmb/UltraFeedback",
      split: "train",
      layout: "ultrafeedback",
      files: local("ultrafeedback"),
    },
    {
      key: "ultrachat_200k train_sft (3 shards)",
      repo: "HuggingFaceH4/ultrachat_200k",
      split: "train_sft",
      layout: "ultrachat_200k",
      files: chat.filter((f) => f.includes("train_sft")),
    },
  ];
}

/** The hub serves the benchmark files under the catalog's paths. */
function hubFiles(sets: ShardSet[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const set of sets) {
    const split = CATALOG.find((d) => d.repo === set.repo)!.splits.find((s) => s.name === set.split)!;
    split.files.forEach((f, i) => {
      const file = set.layout === "ultrafeedback" ? set.files.find((p) => p.endsWith(`/${f.path}`)) : set.files[i];
      if (file) map.set(`${set.repo}/${f.path}`, file);
    });
  }
  return map;
}

function startNext(hubUrl: string): Promise<ChildProcess> {
  if (!existsSync(join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
  const child = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(PORT)], {
    cwd: root,
    env: { ...process.env, HF_BASE_URL: hubUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () =>
      fetch(`http://127.0.0.1:${PORT}/`)
        .then(() => resolve(child))
        .catch(() =>
          Date.now() - started > 60_000 ? reject(new Error("next start did not answer")) : setTimeout(poll, 300),
        );
    poll();
  });
}

// ---------------------------------------------------------------- measuring

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const median = (xs: number[]) => pct(xs, 50);

/** Resident memory of all Chromium processes, in bytes (Linux /proc). */
function chromiumRss(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!/chrom/i.test(cmd.split("\0")[0] ?? "")) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // the process ended
    }
  }
  return total;
}

interface BrowserDataset extends DatasetRef {
  rows: number;
  loading?: boolean;
}

async function browserDatasets(page: Page): Promise<BrowserDataset[]> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __explorer?: { datasets: () => [string, BrowserDataset][] } }).__explorer;
    return hook ? hook.datasets().map(([, d]) => ({ ...d })) : [];
  });
}

/** Runs a list of statements `n` times in the page's engine; milliseconds per run. */
async function timeInBrowser(page: Page, steps: Query[], n: number): Promise<number[]> {
  return page.evaluate(
    async ({ steps, n }) => {
      const hook = (
        window as unknown as {
          __explorer: { engine: { query(sql: string, params: unknown[]): Promise<unknown> } };
        }
      ).__explorer;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        for (const s of steps) await hook.engine.query(s.sql, s.params);
        times.push(performance.now() - t0);
      }
      return times;
    },
    { steps: steps as { sql: string; params: SqlParam[] }[], n },
  );
}

async function timeNative(engine: NativeEngine, steps: Query[], n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    for (const s of steps) await engine.query(s.sql, s.params);
    times.push(performance.now() - t0);
  }
  return times;
}

interface QueryResult {
  name: string;
  set: string;
  browserP50: number;
  browserP95: number;
  nativeP50: number;
  nativeP95: number;
  ratio: number;
}

interface LoadResult {
  set: string;
  files: number;
  bytes: number;
  rows: number;
  firstRowsMs: number;
  fullMs: number;
  mbPerS: number;
  peakRssMB: number;
  peakJsHeapMB: number;
  fetchedMB: number | null;
  nativeLoadMs: number;
  ratio: number;
}

/** Opens a split from the catalog in a fresh page and times first rows and the full table. */
async function loadSet(page: Page, set: ShardSet, rows: number): Promise<Omit<LoadResult, "nativeLoadMs" | "ratio">> {
  await page.goto(`http://127.0.0.1:${PORT}/?bench`);
  // the bundled sample itself arrives shard by shard: wait until it is whole
  await page
    .getByTestId("row-count")
    .getByText(/^75 of 75 rows$/)
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
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, chromiumRss());
  }, 250);
  await page.evaluate(() => {
    (window as unknown as { __bench: { t0: number } }).__bench.t0 = performance.now();
  });
  await page.getByTestId(`catalog-load-${set.repo}:${set.split}`).click();
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
  const transfer = loaded as unknown as { transfer?: { fetched: number } } | undefined;
  return {
    set: set.key,
    files: set.files.length,
    bytes,
    rows,
    firstRowsMs: b.first - b.t0,
    fullMs: b.full - b.t0,
    mbPerS: bytes / 1e6 / ((b.full - b.t0) / 1000),
    peakRssMB: peakRss / 1e6,
    peakJsHeapMB: peakHeap / 1e6,
    fetchedMB: transfer?.transfer ? transfer.transfer.fetched / 1e6 : null,
  };
}

/** Frame times while the list is flung from top to bottom through all its rows. */
async function scrollFrames(page: Page): Promise<number[]> {
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

// ---------------------------------------------------------------- the run

const state = (filters: Partial<Filters> = {}, search = "", sort: ListState["sort"] = null): ListState => ({
  search,
  sort,
  filters: { ...NO_FILTERS, ...filters },
});

/** Each benchmark query: what the page runs for it (count and first page, or the one statement). */
function queriesFor(set: ShardSet, ds: DatasetRef, needles: { en: string; ja: string }, rows: number) {
  const page = (s: ListState): Query[] => [countQuery(ds, s), listQuery(ds, s, 0, 100)];
  const randomRows = Array.from({ length: 20 }, (_, i) => Math.floor(((i * 7919) % 1000) * (rows / 1000)));
  const open = randomRows.map((r) => recordQuery(ds, r));
  if (set.layout === "ultrafeedback") {
    return [
      { name: "rating filter, any completion", steps: page(state({ ratings: { honesty: { min: null, max: 2 } } })) },
      {
        name: "rating filter, all completions",
        steps: page(state({ ratings: { helpfulness: { min: 4, max: null } }, scope: { kind: "all" } })),
      },
      {
        name: "rating filter, one model",
        steps: page(
          state({ ratings: { helpfulness: { min: 4, max: null } }, scope: { kind: "model", model: "gpt-4" } }),
        ),
      },
      {
        name: "sort by mean honesty",
        steps: [listQuery(ds, state({}, "", { column: "__mean_honesty", desc: true }), 0, 100)],
      },
      { name: "per-model summary", steps: [modelSummaryQuery(ds, state(), false)] },
      { name: "count", steps: [countQuery(ds, state())] },
      { name: "open a record", steps: open, perStep: true },
    ];
  }
  if (set.layout === "ultrafeedback_binarized") {
    return [
      { name: "sort by margin", steps: [listQuery(ds, state({}, "", { column: "__margin", desc: true }), 0, 100)] },
      { name: "ties only", steps: page(state({ ties: "only" })) },
      { name: "open a record", steps: open, perStep: true },
    ];
  }
  return [
    { name: `search, English (“${needles.en}”)`, steps: page(state({}, needles.en)) },
    { name: `search, Japanese (“${needles.ja}”)`, steps: page(state({}, needles.ja)) },
    { name: "sort by length", steps: [listQuery(ds, state({}, "", { column: "__chars", desc: true }), 0, 100)] },
    { name: "open a record", steps: open, perStep: true },
  ];
}

async function main() {
  const dir = await generateBench(scale);
  const sets = shardSets(dir).filter(
    (s) =>
      !arg("--sets") ||
      arg("--sets")!
        .split(",")
        .some((k) => s.key.includes(k)),
  );
  const hub = await startHub(0, hubFiles(sets));
  const next = await startNext(hub.url);
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-precise-memory-info"],
  });
  const chromiumVersion = browser.version();
  const results = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? "",
      memoryGB: Math.round(totalmem() / 1e9),
      os: `${platform()} ${release()}`,
      node: process.version,
      chromium: chromiumVersion,
    },
    date: new Date().toISOString(),
    scale,
    repeat,
    coldStart: {} as Record<string, number>,
    loads: [] as LoadResult[],
    queries: [] as QueryResult[],
    scroll: null as Results["scroll"],
  };
  try {
    // Cold start: a fresh context each time (no cache), to the first bundled row in the page (seen by a
    // mutation observer), then a reload of the same page (HTTP cache and compiled wasm reused).
    const cold: { first: number; db: number; duckdb: number; wasm: number; warm: number; warmDb: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      let wasmBytes = 0;
      // the engine's worker fetches the wasm; responses of workers reach the context too
      context.on("response", (res) => {
        if (res.url().endsWith(".wasm")) wasmBytes += Number(res.headers()["content-length"] ?? 0);
      });
      await context.addInitScript(() => {
        // the first row on screen (from the prerendered first page), and the list served by the database
        new MutationObserver((_, observer) => {
          const seen = performance.getEntriesByName("bench:first-row").length > 0;
          if (!seen && document.querySelector('[data-testid="record-row"]')) performance.mark("bench:first-row");
          if (/^75 of 75 rows$/.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? "")) {
            performance.mark("bench:db-rows");
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      const page = await context.newPage();
      const firstRow = async () => {
        await page
          .getByTestId("row-count")
          .getByText(/^75 of 75 rows$/)
          .waitFor({ timeout: 60_000 });
        return page.evaluate(() =>
          ["bench:first-row", "bench:db-rows", "duckdb:start", "duckdb:ready"].map(
            (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN,
          ),
        );
      };
      await page.goto(`http://127.0.0.1:${PORT}/`);
      const [first, db, start, ready] = await firstRow();
      const wasm = wasmBytes;
      await page.reload();
      const [warm, warmDb] = await firstRow();
      cold.push({ first: first!, db: db!, duckdb: ready! - start!, wasm, warm: warm!, warmDb: warmDb! });
      await context.close();
    }
    results.coldStart = {
      firstRowMs: median(cold.map((c) => c.first)),
      duckdbStartMs: median(cold.map((c) => c.duckdb)),
      wasmMB: median(cold.map((c) => c.wasm)) / 1e6,
      warmFirstRowMs: median(cold.map((c) => c.warm)),
      databaseRowsMs: median(cold.map((c) => c.db)),
      warmDatabaseRowsMs: median(cold.map((c) => c.warmDb)),
    };
    report(results);

    const native = await NativeEngine.open();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    for (const [i, set] of sets.entries()) {
      const nt0 = performance.now();
      const nds = await loadFiles(native, `n${i}`, set.layout, set.files);
      const nativeLoadMs = performance.now() - nt0;
      const [{ n: rows }] = (await native.query(`SELECT count(*) AS n FROM n${i}`)) as [{ n: number }];
      const load = await loadSet(page, set, Number(rows));
      results.loads.push({ ...load, nativeLoadMs, ratio: load.fullMs / nativeLoadMs });
      report(results);

      const bds = (await browserDatasets(page)).find((d) => d.rows === Number(rows) && !d.loading);
      if (!bds) throw new Error(`${set.key}: the loaded table is not visible to the benchmark`);
      const bref: DatasetRef = { table: bds.table, layout: bds.layout, columns: bds.columns };
      const needles = await pickNeedles(native, nds);
      let [nref, bsearch] = [nds, bref];
      if (set.layout === "ultrachat_200k") {
        // As in the page: the first search builds the search column, once; searches after it scan that.
        const build = (ds: DatasetRef) =>
          searchColumnStatements(ds.table, ds.layout, ds.columns).map((sql) => ({ sql, params: [] }));
        const [b] = await timeInBrowser(page, build(bref), 1);
        const [n] = await timeNative(native, build(nds), 1);
        results.queries.push({
          name: "building the search column (first search only)",
          set: set.key,
          browserP50: b!,
          browserP95: b!,
          nativeP50: n!,
          nativeP95: n!,
          ratio: b! / n!,
        });
        [nref, bsearch] = [
          { ...nds, indexed: true },
          { ...bref, indexed: true },
        ];
      }
      const nQueries = queriesFor(set, nref, needles, Number(rows));
      const bQueries = queriesFor(set, bsearch, needles, Number(rows));
      for (const [k, q] of bQueries.entries()) {
        const nq = nQueries[k]!;
        // one warm-up run each, then `repeat` timed runs; a record opening is timed statement by statement
        const runs = async (f: (steps: Query[], n: number) => Promise<number[]>, steps: Query[]) => {
          await f(steps.slice(0, 1), 1);
          if (!q.perStep) return f(steps, repeat);
          const out: number[] = [];
          for (const s of steps) out.push(...(await f([s], 1)));
          return out;
        };
        const b = await runs((s, n) => timeInBrowser(page, s, n), q.steps);
        const nat = await runs((s, n) => timeNative(native, s, n), nq.steps);
        results.queries.push({
          name: q.name,
          set: set.key,
          browserP50: median(b),
          browserP95: pct(b, 95),
          nativeP50: median(nat),
          nativeP95: pct(nat, 95),
          ratio: median(b) / median(nat),
        });
      }
      if (set.split === "train_sft") {
        const frames = await scrollFrames(page);
        results.scroll = { rows: Number(rows), frames: frames.length, p50: median(frames), p95: pct(frames, 95) };
      }
      report(results);
      await native.query(`DROP TABLE n${i}; DROP TABLE IF EXISTS n${i}__c`);
    }
    await context.close();
  } finally {
    await browser.close();
    if (next.pid) process.kill(-next.pid);
    await hub.close();
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  report(results, true);
  console.log(`\nwritten to ${out}`);
}

/** An English word and a Japanese word that occur in the data, taken from fixed rows. */
async function pickNeedles(native: NativeEngine, ds: DatasetRef): Promise<{ en: string; ja: string }> {
  if (ds.layout !== "ultrachat_200k") return { en: "", ja: "" };
  const [r] = (await native.query(
    `SELECT split_part(messages[2].content, ' ', 6) AS w FROM ${ds.table} WHERE __row = 10`,
  )) as [{ w: string }];
  return { en: (r?.w ?? "the").replace(/[^\p{L}]/gu, "") || "the", ja: "氷河" };
}

interface Results {
  scale: number;
  coldStart: Record<string, number>;
  loads: LoadResult[];
  queries: QueryResult[];
  scroll: null | { rows: number; frames: number; p50: number; p95: number };
}

/** The targets of the performance issue, each read off a run; null where the run did not measure it. */
function targets(r: Results): { what: string; value: number | null; target: number; unit: string }[] {
  const q = (name: string, set: string) => r.queries.filter((x) => x.name.startsWith(name) && x.set.includes(set));
  const load = (set: string) => r.loads.find((l) => l.set.includes(set));
  const worst = (xs: QueryResult[], f: (x: QueryResult) => number) => (xs.length ? Math.max(...xs.map(f)) : null);
  const ratios = [...r.queries.map((x) => x.ratio), ...r.loads.map((l) => l.ratio)];
  return [
    {
      what: "cold start to the first row of the bundled sample",
      value: r.coldStart.firstRowMs ?? null,
      target: 1200,
      unit: "ms",
    },
    {
      what: "first rows of a 244 MB remote Parquet shard (train_sft)",
      value: load("train_sft")?.firstRowsMs ?? null,
      target: 2000,
      unit: "ms",
    },
    {
      what: "full ultrafeedback_binarized train_prefs in the table",
      value: load("train_prefs")?.fullMs ?? null,
      target: 8000,
      unit: "ms",
    },
    {
      what: "rating filter / sort / count on UltraFeedback raw, p50 (worst of them)",
      value: worst(
        [...q("rating filter", "UltraFeedback"), ...q("sort", "UltraFeedback"), ...q("count", "UltraFeedback")],
        (x) => x.browserP50,
      ),
      target: 60,
      unit: "ms",
    },
    {
      what: "search over all text of test_sft, p50 (worse of English, Japanese)",
      value: worst(q("search", "test_sft"), (x) => x.browserP50),
      target: 250,
      unit: "ms",
    },
    {
      what: "opening a record, p95 (worst set)",
      value: worst(q("open a record", ""), (x) => x.browserP95),
      target: 100,
      unit: "ms",
    },
    { what: "list scrolling, p95 frame", value: r.scroll?.p95 ?? null, target: 16, unit: "ms" },
    {
      what: "browser/native ratio on the same work, median",
      value: ratios.length ? median(ratios) : null,
      target: 3,
      unit: "×",
    },
  ];
}

const ms = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n)
    ? "—"
    : n < 10
      ? n.toFixed(1)
      : Math.round(n).toLocaleString("en-US");

function report(r: Results, final = false) {
  if (!final) return;
  const lines: string[] = [`scale ${r.scale}`, ""];
  lines.push(
    `cold start to the first bundled row: ${ms(r.coldStart.firstRowMs)} ms (DuckDB start ${ms(r.coldStart.duckdbStartMs)} ms, ` +
      `wasm ${r.coldStart.wasmMB?.toFixed(1)} MB transferred); after a reload: ${ms(r.coldStart.warmFirstRowMs)} ms\n` +
      `the list served by the database (search, sort, filters answer): ${ms(r.coldStart.databaseRowsMs)} ms; ` +
      `after a reload: ${ms(r.coldStart.warmDatabaseRowsMs)} ms`,
  );
  lines.push("");
  lines.push(
    "| shard set | size | rows | first rows | full table | MB/s | peak RSS (Chromium) | native load | ratio |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|");
  for (const l of r.loads) {
    lines.push(
      `| ${l.set} | ${(l.bytes / 1e6).toFixed(0)} MB | ${l.rows.toLocaleString("en-US")} | ${ms(l.firstRowsMs)} ms | ${ms(l.fullMs)} ms | ${l.mbPerS.toFixed(1)} | ${l.peakRssMB.toFixed(0)} MB | ${ms(l.nativeLoadMs)} ms | ${l.ratio.toFixed(1)}× |`,
    );
  }
  lines.push("");
  lines.push("| query | on | browser p50 | browser p95 | native p50 | ratio |");
  lines.push("|---|---|---|---|---|---|");
  for (const q of r.queries) {
    lines.push(
      `| ${q.name} | ${q.set} | ${ms(q.browserP50)} ms | ${ms(q.browserP95)} ms | ${ms(q.nativeP50)} ms | ${q.ratio.toFixed(1)}× |`,
    );
  }
  if (r.scroll) {
    lines.push(
      "",
      `list scrolling through ${r.scroll.rows.toLocaleString("en-US")} rows: frame p50 ${ms(r.scroll.p50)} ms, p95 ${ms(r.scroll.p95)} ms`,
    );
  }
  lines.push("", "| target | measured | goal | |", "|---|---|---|---|");
  for (const t of targets(r)) {
    const verdict = t.value === null ? "not measured" : t.value <= t.target ? "met" : "**missed**";
    const value = t.value === null ? "—" : t.unit === "×" ? `${t.value.toFixed(1)}×` : `${ms(t.value)} ms`;
    lines.push(`| ${t.what} | ${value} | ≤ ${t.target}${t.unit === "×" ? "×" : " ms"} | ${verdict} |`);
  }
  console.log(lines.join("\n"));
}

await main();
