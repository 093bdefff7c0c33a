import type { Page } from "@playwright/test";
import { runQuery } from "../../lib/console/run";
import type { NativeEngine } from "../../lib/engine/native";
import { parseClauses } from "../../lib/filters/url";
import { readableViewStatements } from "../../lib/ingest/views";
import { specOf } from "../../lib/layouts/registry";
import { statsQueries } from "../../lib/stats/query";
import type { DatasetRef, LoadedDataset } from "../../lib/types";
import { chromiumRss, median, pct, timeNative } from "./measure";
import type { ExportResult, QueryResult } from "./report";

/** The bench's timings of the charts, the console and exports, through the page's `?bench` hook. */
type Hook = {
  charts(table: string, link: string): Promise<{ ms: number }>;
  console(sql: string): Promise<{ ms: number; rows: number }>;
  export(table: string, format: string): Promise<{ ms: number; rows: number; bytes: number }>;
};
type Win = { __explorer: Hook };
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
    await runQuery(native, sql(bds.sqlName));
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
