/**
 * npm run bench: the production build in headless Chromium against native DuckDB, on data of the real
 * sizes (scripts/bench/generate.ts). Prints one table and writes it as JSON.
 *   tsx scripts/bench/run.ts [--scale 1] [--repeat 9] [--out bench/results.json] [--sets test_sft,train_prefs,…]
 * Needs `next build` first (npm run bench does both). Numbers are never asserted anywhere.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { chromium } from "@playwright/test";
import { coldStart } from "./start";
import { NativeEngine } from "../../lib/engine/native";
import type { Query } from "../../lib/engine/types";
import { searchTextStatements } from "../../lib/sql/search";
import { DerivedTables } from "../../lib/datasets/derived";
import { loadFilesSql } from "../../lib/ingest/sql-stage";
import type { DatasetRef } from "../../lib/types";
import { startHub } from "../hub-server";
import { checksReport, exports, marking, overlapOf, panelAndConsole } from "./features";
import { pairingOf } from "./pairing";
import { generateBench, translationOf } from "./generate";
import {
  browserDatasets,
  loadAndReopen,
  loadSet,
  median,
  pct,
  scrollFrames,
  timeInBrowser,
  timeNative,
} from "./measure";
import { pickNeedles, queriesFor, searchSteps } from "./queries";
import { report, type Results } from "./report";
import { HttpSession, serveArgs, startServe, waitHeld } from "./server";
import { rawServerBench, rawServerReport } from "./raw-server";
import { ROOT, hubFiles, shardSets, startNext, type ShardSet } from "./servers";
import { arg } from "../lib/cli";

const scale = Number(arg("--scale") ?? 1);
const repeat = Number(arg("--repeat") ?? 9);
const out = arg("--out") ?? join(ROOT, "bench", scale === 1 ? "results.json" : `results-scale-${scale}.json`);
const PORT = Number(arg("--port") ?? 3300);
const URL_ = `http://127.0.0.1:${PORT}`;

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-precise-memory-info"];
const launch = (extra: string[] = []) =>
  chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: [...ARGS, ...extra],
  });

/**
 * The fling through train_sft twice: at the display's pace (intervals, dropped frames), and in a
 * browser whose frame rate is not capped, where each frame's interval is the work it took.
 */
async function scrolling(page: import("@playwright/test").Page, set: ShardSet, rows: number) {
  const paced = await scrollFrames(page);
  const free = await launch(["--disable-gpu-vsync", "--disable-frame-rate-limit"]);
  try {
    const context = await free.newContext({ viewport: { width: 1600, height: 1000 } });
    const p = await context.newPage();
    await loadSet(p, URL_, set, rows);
    const frames = await scrollFrames(p);
    return {
      rows,
      frames: frames.length,
      p50: median(frames),
      p95: pct(frames, 95),
      pacedP50: median(paced),
      pacedP95: pct(paced, 95),
      dropped: paced.filter((f) => f >= 1.5 * (1000 / 60)).length,
    };
  } finally {
    await free.close();
  }
}

/**
 * The same statements on `npm run serve` over HTTP, started after the tab's measurements so the two do
 * not share the cores; each result gets its server p50 and its ratio to native in-process.
 */
async function serverColumn(
  sets: readonly ShardSet[],
  asked: Map<ShardSet, { queries: (ref: DatasetRef) => ReturnType<typeof queriesFor> }>,
  queries: Results["queries"],
) {
  const serving = await startServe(serveArgs(sets), PORT + 2);
  try {
    const held = await waitHeld(serving);
    console.log(`server: search text held (${held.searchIn.join(", ")}) ${Math.round(held.ms)} ms after ready`);
    const http = new HttpSession(serving.url);
    for (const [i, set] of sets.entries()) {
      const served = serving.datasets[i]!.dataset!;
      for (const q of await asked.get(set)!.queries(served)) {
        await http.time(q.steps.slice(0, 1), 1);
        const times: number[] = [];
        if (q.perStep) for (const s of q.steps) times.push(...(await http.time([s], 1)));
        else times.push(...(await http.time(q.steps, repeat)));
        const row = queries.find((x) => x.set === set.key && x.name === q.name);
        if (!row) continue;
        row.serverP50 = median(times);
        row.serverP95 = pct(times, 95);
        row.serverRatio = row.serverP50 / row.nativeP50;
      }
    }
  } finally {
    serving.stop();
  }
}

async function main() {
  const dir = await generateBench(scale);
  const only = arg("--sets")?.split(",");
  const sets = shardSets(dir).filter((s) => !only || only.some((k) => s.key.includes(k)));
  const hub = await startHub(0, hubFiles(sets));
  const next = await startNext(PORT, hub.url);
  const browser = await launch();
  const profile = mkdtempSync(join(tmpdir(), "bench-profile-"));
  const results = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? "",
      memoryGB: Math.round(totalmem() / 1e9),
      os: `${platform()} ${release()}`,
      node: process.version,
      chromium: browser.version(),
    },
    date: new Date().toISOString(),
    scale,
    repeat,
    coldStart: {} as Record<string, number>,
    loads: [],
    queries: [],
    exports: [],
    checks: [],
    scroll: null,
  } as Results & Record<string, unknown>;
  try {
    results.coldStart = await coldStart(browser, URL_, Math.min(3, repeat));
    await browser.close();
    const native = await NativeEngine.open();
    const derived = new DerivedTables("bench");
    // A profile on disk, as a reader's: its storage may hold the copies of big splits (a private context's cannot).
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
      args: ARGS,
      viewport: { width: 1600, height: 1000 },
    });
    const page = await context.newPage();
    const rowsOf = new Map<ShardSet, number>();
    /** For the server column: each set's statements as a function of the dataset they read, and their rows. */
    const asked = new Map<ShardSet, { queries: (ref: DatasetRef) => ReturnType<typeof queriesFor> }>();
    for (const [i, set] of sets.entries()) {
      const nt0 = performance.now();
      const nds = await loadFilesSql(native, { table: `n${i}`, layout: set.layout, paths: set.files, derived });
      const nativeLoadMs = performance.now() - nt0;
      const rows = Number((await native.rows(`SELECT count(*) AS n FROM n${i}`))[0]!.n);
      results.loads.push(...(await loadAndReopen(page, URL_, set, rows, nativeLoadMs)));

      const bds = (await browserDatasets(page)).find((d) => d.rows === rows && !d.loading);
      if (!bds) throw new Error(`${set.key}: the loaded table is not visible to the benchmark`);
      const bref: DatasetRef = { table: bds.table, layout: bds.layout, columns: bds.columns };
      const needles = await pickNeedles(native, nds);
      let [nref, bsearch] = [nds, bref];
      if (set.layout === "ultrachat_200k") {
        // As in the page: the first search reads the rows themselves, and then the search text is
        // built apart, a slice at a time; searches after it scan that.
        const first = async (needle: string, label: string) => {
          const [bs, ns] = [await searchSteps(bref, needle), await searchSteps(nds, needle)];
          const b = await timeInBrowser(page, bs, Math.min(3, repeat));
          const n = await timeNative(native, ns, Math.min(3, repeat));
          results.queries.push({
            name: `first search, ${label} (“${needle}”), before the search text is built`,
            set: set.key,
            browserP50: median(b),
            browserP95: pct(b, 95),
            nativeP50: median(n),
            nativeP95: pct(n, 95),
            ratio: median(b) / median(n),
          });
        };
        await first(needles.en, "English");
        await first(needles.ja, "Japanese");
        const built = <T extends DatasetRef>(ds: T, table: string): T => ({
          ...ds,
          indexed: true,
          searchTable: table,
          searchApart: true,
        });
        const build = (ds: DatasetRef, table: string): Query[] =>
          searchTextStatements(ds, table, 0, rows - 1).map((sql) => ({ sql, params: [] }));
        type Built = { textMs: number; indexMs: number; table: string; grams?: string };
        const index = await page.evaluate(
          (table) =>
            (window as unknown as { __explorer: { searchIndex(t: string): Promise<Built> } }).__explorer.searchIndex(
              table,
            ),
          bref.table,
        );
        if (!index.grams) throw new Error(`${set.key}: the page built its search text without the index`);
        const [n] = await timeNative(native, build(nds, "bench_search_n"), 1);
        (results.searchIndex ??= []).push({
          set: set.key,
          rows,
          textMs: index.textMs,
          indexMs: index.indexMs,
          nativeTextMs: n!,
        });
        [nref, bsearch] = [built(nds, "bench_search_n"), { ...built(bref, index.table), grams: index.grams }];
      }
      const nQueries = await queriesFor(set, nref, needles, rows);
      const bQueries = await queriesFor(set, bsearch, needles, rows);
      asked.set(set, { queries: (ref) => queriesFor(set, ref, needles, rows) });
      for (const [k, q] of bQueries.entries()) {
        const nq = nQueries[k]!;
        // one warm-up run each, then `repeat` timed runs; a record opening is timed statement by statement
        const runs = async (f: (steps: Query[], n: number) => Promise<number[]>, steps: Query[]) => {
          await f(steps.slice(0, 1), 1);
          if (!q.perStep) return f(steps, repeat);
          const times: number[] = [];
          for (const s of steps) times.push(...(await f([s], 1)));
          return times;
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
          // the page searches through its index; native DuckDB, which has none, scans the text
          ...(bsearch.grams && q.name.startsWith("search, ") ? { indexed: true } : {}),
        });
      }
      if (bsearch.grams) {
        // the benchmark's own copies of the search text and its index, which no dataset owns
        for (const t of [bsearch.grams, bsearch.searchTable!])
          await timeInBrowser(page, [{ sql: `DROP TABLE ${t}`, params: [] }], 1);
      }
      if (set.layout === "ultrafeedback") {
        results.queries.push(...(await panelAndConsole(page, native, bds, nds, repeat)));
      }
      if (set.layout === "ultrafeedback" || set.split === "train_prefs") {
        results.checks!.push(await checksReport(page, native, set.key, bds, nds, repeat));
      }
      if (set.split === "train_prefs") results.exports.push(...(await exports(page, set.key, bds)));
      if (set.split === "test_sft")
        results.checks!.push(...(await pairingOf(page, native, set, bds, nds, translationOf(dir, "test_sft"))));
      rowsOf.set(set, rows);
      if (set.split === "train_sft") results.scroll = await scrolling(page, set, rows);
      if (set.split === "train_sft" || set.split === "train_prefs") {
        const m = await marking(page, native, set.key, bds, nds, repeat);
        (results.marks ??= []).push(m.marks);
        results.queries.push(m.filter);
      }
      // last of its set: the translation opens beside the split and becomes the dataset shown
      if (set.split === "train_sft")
        results.checks!.push(...(await pairingOf(page, native, set, bds, nds, translationOf(dir, "train_sft"))));
      // The set's view, its parts and its companion go before the next set is read.
      await native.query(`DROP VIEW n${i}`);
      for (const { name } of await native.rows(
        "SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, $1)",
        [`n${i}_`],
      ))
        await native.query(`DROP TABLE "${String(name)}"`);
    }
    const train = sets.find((s) => s.split === "train_prefs");
    const test = sets.find((s) => s.split === "test_prefs");
    if (train && test) {
      const a = { set: train, rows: rowsOf.get(train)! };
      const b = { set: test, rows: rowsOf.get(test)! };
      results.checks!.push(await overlapOf(page, URL_, native, a, b));
    }
    await context.close();
    if (!process.argv.includes("--no-server")) await serverColumn(sets, asked, results.queries);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    try {
      if (next.pid) process.kill(-next.pid);
    } catch {
      // already gone
    }
    await hub.close();
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  report(results);
  console.log(`\nwritten to ${out}`);
}

if (process.argv.includes("--ultrachat-raw")) {
  const raw = await rawServerBench(scale, PORT + 2, repeat);
  const file = join(ROOT, "bench", scale === 1 ? "results-ultrachat-raw.json" : `results-ultrachat-raw-${scale}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), scale, ...raw }, null, 2) + "\n");
  console.log(rawServerReport(raw));
  console.log(`\nwritten to ${file}`);
} else await main();
