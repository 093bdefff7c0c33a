import type { Page } from "@playwright/test";
import { forgetFlags } from "../../lib/checks/flags";
import { computeOverlap, DEFAULT_OVERLAP, forgetGrams, promptOf } from "../../lib/checks/overlap";
import { runReport } from "../../lib/checks/report";
import { DerivedTables } from "../../lib/datasets/derived";
import { dropFilesSql, loadFilesSql } from "../../lib/ingest/sql-stage";
import { runQuery } from "../../lib/console/run";

/** The derived tables of the benchmark's console runs in native DuckDB. */
const consoleTables = new DerivedTables("console");
import type { NativeEngine } from "../../lib/engine/native";
import { parseClauses } from "../../lib/filters/url";
import { readableViewStatements } from "../../lib/ingest/views";
import { specOf } from "../../lib/layouts/registry";
import { statsQueries } from "../../lib/stats/query";
import type { DatasetRef, LoadedDataset } from "../../lib/types";
import { browserDatasets, chromiumRss, median, pct, timeNative } from "./measure";
import type { ShardSet } from "./servers";
import type { CheckResult, ExportResult, MarksResult, QueryResult } from "./report";
import { MarkBook } from "../../lib/marks/book";
import { firstKeys, markFilter } from "../../lib/marks/bench";
import { MemoryMarkStore } from "../../lib/marks/store";
import { MarksTable } from "../../lib/marks/table";

/** The bench's timings of the charts, the console and exports, through the page's `?bench` hook. */
type Hook = {
  checks(table: string): Promise<{ ms: number; lines: [string, number][] }>;
  overlap(a: string, b: string): Promise<{ ms: number; a: number[]; b: number[] }>;
  pairing(
    a: string,
    b: string,
    mode: "at once" | "prepared" | "from nothing",
  ): Promise<{
    ms: number;
    counts: Record<string, number>;
    kind: string;
    phases: [string, number][];
    builds: number[];
  }>;
  charts(table: string, link: string): Promise<{ ms: number }>;
  console(sql: string): Promise<{ ms: number; rows: number }>;
  export(table: string, format: string): Promise<{ ms: number; rows: number; bytes: number }>;
  marks(
    table: string,
    steps: number,
    bulk: number,
    filters: number,
  ): Promise<{ step: number[]; bulkMs: number; bulkKeys: number; filter: number[]; listed: number }>;
};
export type Win = { __explorer: Hook };
const timeCharts = (page: Page, table: string, link: string) =>
  page.evaluate(([t, l]) => (window as unknown as Win).__explorer.charts(t!, l!), [table, link]);
const timeConsole = (page: Page, sql: string) =>
  page.evaluate((q) => (window as unknown as Win).__explorer.console(q), sql);
const timeExport = (page: Page, table: string, format: string) =>
  page.evaluate(([t, f]) => (window as unknown as Win).__explorer.export(t!, f!), [table, format]);

/**
 * The stats panel refreshed after a filter change (every chart, each without its own clause), and a
 * console GROUP BY over the completions, in the page and in native DuckDB.
 */
export async function panelAndConsole(
  page: Page,
  native: NativeEngine,
  bds: LoadedDataset,
  nds: DatasetRef,
  repeat: number,
) {
  const out: QueryResult[] = [];
  const links = ["honesty=..2", "helpfulness=4..&scope=all", "overall=9..&fine=..2", "source=sharegpt"];
  const b: number[] = [];
  const n: number[] = [];
  const charts = specOf(nds.layout).charts(nds, []);
  for (let i = 0; i < repeat + 1; i++) {
    const link = links[i % links.length]!;
    const { ms } = await timeCharts(page, bds.table, link);
    const state = { search: "", sort: null, clauses: parseClauses(new URLSearchParams(link)) };
    const [t] = await timeNative(
      native,
      statsQueries(nds, state, charts, { partner: null }).map((g) => g.query),
      1,
    );
    if (i > 0) {
      b.push(ms);
      n.push(t!);
    }
  }
  out.push(row("stats panel after a filter change (all charts)", "UltraFeedback raw (6 files)", b, n));
  const sql = (name: string) =>
    `SELECT model, count(*) AS completions, avg(r_honesty) AS honesty FROM ${name}_completions GROUP BY model ORDER BY completions DESC`;
  for (const s of readableViewStatements(bds.sqlName, nds.table, nds.layout, nds.columns)) await native.query(s);
  const cb: number[] = [];
  const cn: number[] = [];
  for (let i = 0; i < repeat + 1; i++) {
    const { ms } = await timeConsole(page, sql(bds.sqlName));
    const t0 = performance.now();
    await runQuery(native, consoleTables, sql(bds.sqlName));
    if (i > 0) {
      cb.push(ms);
      cn.push(performance.now() - t0);
    }
  }
  out.push(row("console: GROUP BY model over the completions", "UltraFeedback raw (6 files)", cb, cn));
  return out;
}

const row = (name: string, set: string, b: number[], n: number[]): QueryResult => ({
  name,
  set,
  browserP50: median(b),
  browserP95: pct(b, 95),
  nativeP50: median(n),
  nativeP95: pct(n, 95),
  ratio: median(b) / median(n),
});

/** Exports of a whole split, as Parquet and as JSON Lines, with the peak memory of the browser. */
export async function exports(page: Page, set: string, bds: LoadedDataset) {
  const out: ExportResult[] = [];
  for (const format of ["parquet", "jsonl"]) {
    let peak = chromiumRss();
    const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 200);
    try {
      const r = await timeExport(page, bds.table, format);
      peak = Math.max(peak, chromiumRss());
      out.push({ set, format, rows: r.rows, bytes: r.bytes, ms: r.ms, peakRssMB: peak / 1e6 });
    } finally {
      clearInterval(sampler);
    }
  }
  return out;
}

/** Runs `f` while sampling Chromium's resident memory; its answer and the peak, in bytes. */
export async function withPeak<T>(f: () => Promise<T>): Promise<{ out: T; peak: number }> {
  let peak = chromiumRss();
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
  try {
    const out = await f();
    return { out, peak: Math.max(peak, chromiumRss()) };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The whole checks report of a loaded dataset, from nothing computed (its flags forgotten each time),
 * in the page and in native DuckDB; the counts of both must agree.
 */
export async function checksReport(
  page: Page,
  native: NativeEngine,
  set: string,
  bds: LoadedDataset,
  nds: DatasetRef,
  repeat: number,
): Promise<CheckResult> {
  const runs = Math.max(1, Math.min(3, repeat));
  const b: number[] = [];
  let peak = 0;
  let lines: [string, number][] = [];
  for (let i = 0; i < runs; i++) {
    const { out, peak: p } = await withPeak(() =>
      page.evaluate((t) => (window as unknown as Win).__explorer.checks(t), bds.table),
    );
    b.push(out.ms);
    peak = Math.max(peak, p);
    lines = out.lines;
  }
  const n: number[] = [];
  let nativeLines: [string, number][] = [];
  for (let i = 0; i < runs; i++) {
    forgetFlags(nds);
    const t0 = performance.now();
    const r = await runReport(native, native, nds, { search: "", sort: null });
    n.push(performance.now() - t0);
    nativeLines = r.lines.map((l) => [l.check.id, l.count]);
  }
  if (JSON.stringify(lines) !== JSON.stringify(nativeLines)) {
    throw new Error(
      `${set}: the page's checks ${JSON.stringify(lines)} differ from native ${JSON.stringify(nativeLines)}`,
    );
  }
  return {
    name: "checks report, every check over all rows",
    set,
    ms: median(b),
    nativeMs: median(n),
    peakRssMB: peak / 1e6,
    found: lines,
  };
}

/** Opens each set in one page, one after the other, through the catalog; their tables. */
async function openAll(page: Page, url: string, sets: { set: ShardSet; rows: number }[]): Promise<LoadedDataset[]> {
  await page.goto(`${url}/?bench`);
  await page
    .getByTestId("row-count")
    .getByText(/^84 of 84 rows$/)
    .waitFor({ timeout: 60_000 });
  const out: LoadedDataset[] = [];
  for (const { set, rows } of sets) {
    await page.getByTestId("open-catalog").click();
    await page.getByTestId(`catalog-load-${set.repo}:${set.split}`).click();
    for (;;) {
      const found = (await browserDatasets(page)).find(
        (d) => d.rows === rows && !d.loading && !out.some((o) => o.table === d.table),
      );
      if (found) {
        out.push(found);
        break;
      }
      await page.waitForTimeout(250);
    }
  }
  return out;
}

/**
 * The overlap of two splits both ways (13-word runs, 20-character runs for Japanese), from nothing
 * computed: in the page, and in native DuckDB on the same files; their counts must agree.
 */
export async function overlapOf(
  page: Page,
  url: string,
  native: NativeEngine,
  a: { set: ShardSet; rows: number },
  b: { set: ShardSet; rows: number },
): Promise<CheckResult> {
  const [ta, tb] = await openAll(page, url, [a, b]);
  const { out, peak } = await withPeak(() =>
    page.evaluate(([x, y]) => (window as unknown as Win).__explorer.overlap(x!, y!), [ta!.table, tb!.table]),
  );
  const derived = new DerivedTables("ov");
  const na = await loadFilesSql(native, { table: "ov_a", layout: a.set.layout, paths: a.set.files, derived });
  const nb = await loadFilesSql(native, { table: "ov_b", layout: b.set.layout, paths: b.set.files, derived });
  const side = (ds: DatasetRef, id: string) => ({ id, name: id, table: ds.table, text: promptOf(ds.layout)!, derived });
  await forgetGrams(native, [side(na, "a"), side(nb, "b")], DEFAULT_OVERLAP);
  const t0 = performance.now();
  const r = await computeOverlap(native, side(na, "a"), side(nb, "b"), DEFAULT_OVERLAP);
  const nativeMs = performance.now() - t0;
  const nat = { a: [r.aExact, r.aRuns, r.aAny], b: [r.bExact, r.bRuns, r.bAny] };
  if (JSON.stringify(nat) !== JSON.stringify({ a: out.a, b: out.b })) {
    throw new Error(`overlap: the page's ${JSON.stringify(out)} differs from native ${JSON.stringify(nat)}`);
  }
  await dropFilesSql(native, na, a.set.files);
  await dropFilesSql(native, nb, b.set.files);
  const found: [string, number][] = [
    [`${a.set.split} rows matching ${b.set.split}`, out.a[2]!],
    [`${b.set.split} rows matching ${a.set.split}`, out.b[2]!],
    [`${b.set.split} exact`, out.b[0]!],
    [`${b.set.split} runs`, out.b[1]!],
  ];
  return {
    name: `overlap, ${DEFAULT_OVERLAP.words}-word runs, both ways`,
    set: `${a.set.split} × ${b.set.split}`,
    ms: out.ms,
    nativeMs,
    peakRssMB: peak / 1e6,
    found,
  };
}

/**
 * Marking as a reader does on a loaded dataset: rows marked one by one and moved on from, 50,000 rows
 * marked at once, and the mark filter, in the page; the filter also in native DuckDB over the same marks.
 */
export async function marking(
  page: Page,
  native: NativeEngine,
  set: string,
  bds: LoadedDataset,
  nds: DatasetRef,
  repeat: number,
): Promise<{ marks: MarksResult; filter: QueryResult }> {
  const bulk = Math.min(50_000, bds.rows);
  const r = await page.evaluate(
    ([t, b, f]) => (window as unknown as Win).__explorer.marks(t as string, 100, b as number, f as number),
    [bds.table, bulk, repeat] as const,
  );
  const book = new MarkBook(new MemoryMarkStore());
  const table = new MarksTable(() => native);
  const ref = { ...nds, derived: new DerivedTables("nmarks") };
  ref.derived.marks = table;
  const scope = "bench";
  await table.attach(ref.table, scope, () => []);
  book.onUpdate(({ entries, replaced }) => void table.update(scope, entries, replaced));
  await book.open(scope);
  await book.apply(
    scope,
    (await firstKeys(native, ref, bulk)).map((key) => ({ key, completion: null, mark: "discard" as const })),
  );
  await table.settled();
  const n: number[] = [];
  let listed = 0;
  for (let i = 0; i < repeat + 1; i++) {
    const t0 = performance.now();
    listed = await markFilter(native, ref);
    if (i > 0) n.push(performance.now() - t0);
  }
  if (listed !== r.listed) throw new Error(`${set}: the page's mark filter lists ${r.listed} rows, native ${listed}`);
  await native.query("DROP TABLE IF EXISTS marks");
  return {
    marks: {
      set,
      rows: bds.rows,
      stepP50: median(r.step),
      stepP95: pct(r.step, 95),
      steps: r.step.length,
      bulkRows: r.bulkKeys,
      bulkMs: r.bulkMs,
    },
    filter: {
      name: "mark filter (count and first page)",
      set,
      browserP50: median(r.filter),
      browserP95: pct(r.filter, 95),
      nativeP50: median(n),
      nativeP95: pct(n, 95),
      ratio: median(r.filter) / median(n),
    },
  };
}
