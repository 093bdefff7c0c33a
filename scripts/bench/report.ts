import { median } from "./measure";
import type { LoadResult } from "./measure";

/** The name of the pairing's check line (the goal reads the one with each side's features prepared). */
export const PAIRING = "translation pairing, aligned and every flag counted";

export interface QueryResult {
  name: string;
  set: string;
  browserP50: number;
  browserP95: number;
  nativeP50: number;
  nativeP95: number;
  ratio: number;
  /** The same statements on the app's server over HTTP (`npm run serve`), and their ratio to native. */
  serverP50?: number;
  serverP95?: number;
  serverRatio?: number;
  /** The page searched through its search index; native DuckDB scanned the text: not the same work. */
  indexed?: boolean;
}

export interface ScrollResult {
  rows: number;
  frames: number;
  /** Frame times with the frame rate unlimited: the work each frame takes. */
  p50: number;
  p95: number;
  /** The same fling at the display's 60 Hz: frame intervals, and frames that took two or more. */
  pacedP50: number;
  pacedP95: number;
  dropped: number;
}

export interface ExportResult {
  set: string;
  format: string;
  rows: number;
  bytes: number;
  ms: number;
  peakRssMB: number;
}

/** A heavy one-off computation (the checks report, an overlap), timed from nothing computed. */
export interface CheckResult {
  name: string;
  set: string;
  ms: number;
  nativeMs: number;
  peakRssMB: number;
  /** What it found, as counts (the same in the page and in native DuckDB). */
  found: [string, number][];
}

/** Marking rows as a reader does, on one dataset (see lib/marks/bench.ts). */
export interface MarksResult {
  set: string;
  rows: number;
  /** A row marked and the next one selected, one after another. */
  stepP50: number;
  stepP95: number;
  steps: number;
  bulkRows: number;
  bulkMs: number;
}

/** A dataset's search text and then its search index, built in the page as it builds them. */
export interface SearchIndexResult {
  set: string;
  rows: number;
  textMs: number;
  indexMs: number;
  /** Native DuckDB building the same search text (it has no index: its scan is fast enough). */
  nativeTextMs: number;
}

export interface Results {
  scale: number;
  searchIndex?: SearchIndexResult[];
  marks?: MarksResult[];
  coldStart: Record<string, number>;
  loads: LoadResult[];
  queries: QueryResult[];
  exports: ExportResult[];
  checks?: CheckResult[];
  scroll: ScrollResult | null;
}

/** The targets, each read off a run; null where the run did not measure it. */
export function targets(r: Results): { what: string; value: number | null; target: number; unit: string }[] {
  const q = (name: string, set: string) => r.queries.filter((x) => x.name.startsWith(name) && x.set.includes(set));
  const load = (set: string) => r.loads.find((l) => l.set.includes(set));
  const worst = (xs: QueryResult[], f: (x: QueryResult) => number) => (xs.length ? Math.max(...xs.map(f)) : null);
  const ratios = [...r.queries.filter((x) => !x.indexed).map((x) => x.ratio), ...r.loads.map((l) => l.ratio)];
  const serverRatios = r.queries.flatMap((x) => (x.serverRatio === undefined ? [] : [x.serverRatio]));
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
    { what: "list scrolling, p95 frame (work per frame)", value: r.scroll?.p95 ?? null, target: 16, unit: "ms" },
    {
      what: "marking a row and moving on, train_sft, p95",
      value: r.marks?.find((m) => m.set.includes("train_sft"))?.stepP95 ?? null,
      target: 50,
      unit: "ms",
    },
    {
      what: "bulk-marking 50,000 rows of train_sft (to the table and the browser's store)",
      value: r.marks?.find((m) => m.set.includes("train_sft") && m.bulkRows >= 50_000)?.bulkMs ?? null,
      target: 2000,
      unit: "ms",
    },
    {
      what: "the mark filter on train_sft (count and first page), p50",
      value: q("mark filter", "train_sft")[0]?.browserP50 ?? null,
      target: 100,
      unit: "ms",
    },
    {
      what: "stats panel after a filter change, UltraFeedback raw, p50",
      value: q("stats panel", "UltraFeedback")[0]?.browserP50 ?? null,
      target: 150,
      unit: "ms",
    },
    {
      what: "console GROUP BY model over the completions, p50",
      value: q("console", "UltraFeedback")[0]?.browserP50 ?? null,
      target: 100,
      unit: "ms",
    },
    {
      what: "export of binarized train_prefs, Parquet and JSON Lines (slower)",
      value: r.exports.length ? Math.max(...r.exports.map((e) => e.ms)) : null,
      target: 10_000,
      unit: "ms",
    },
    {
      what: "checks report, UltraFeedback raw (every check, all rows)",
      value: r.checks?.find((c) => c.name.startsWith("checks") && c.set.includes("UltraFeedback"))?.ms ?? null,
      target: 3000,
      unit: "ms",
    },
    {
      what: "checks report, binarized train_prefs",
      value: r.checks?.find((c) => c.name.startsWith("checks") && c.set.includes("train_prefs"))?.ms ?? null,
      target: 3000,
      unit: "ms",
    },
    {
      what: "13-word overlap of train_prefs × test_prefs, both ways",
      value: r.checks?.find((c) => c.name.startsWith("overlap"))?.ms ?? null,
      target: 10_000,
      unit: "ms",
    },
    {
      what: "test_sft × its Japanese translation, aligned and every flag counted",
      value: r.checks?.find((c) => c.name === PAIRING && c.set.startsWith("test_sft"))?.ms ?? null,
      // the goal of 10 s for two train_sft-sized splits, in proportion to test_sft's rows
      target: Math.round((10_000 * 23_110) / 207_865),
      unit: "ms",
    },
    {
      what: "train_sft × its Japanese translation (207,865 rows each), aligned and every flag counted",
      value: r.checks?.find((c) => c.name === PAIRING && c.set.startsWith("train_sft"))?.ms ?? null,
      target: 10_000,
      unit: "ms",
    },
    {
      what: "UltraFeedback raw, 6 JSON Lines files, full table",
      value: r.loads.find((l) => l.set === "UltraFeedback raw (6 files)")?.fullMs ?? null,
      target: 12_000,
      unit: "ms",
    },
    {
      what: "UltraFeedback raw from the Hub's Parquet conversion, full table",
      value: r.loads.find((l) => l.set === "UltraFeedback raw (Parquet conversion)")?.fullMs ?? null,
      target: 6_000,
      unit: "ms",
    },
    {
      what: "ultrachat_200k train_sft, 3 Parquet shards, full table",
      value: r.loads.find((l) => l.set === "ultrachat_200k train_sft (3 shards)")?.fullMs ?? null,
      target: 11_000,
      unit: "ms",
    },
    {
      what: "UltraFeedback raw opened again (reload), from the browser's store",
      value: load("UltraFeedback raw (reopened")?.fullMs ?? null,
      target: 3000,
      unit: "ms",
    },
    {
      what: "train_sft opened again (reload), from the browser's store",
      value: load("train_sft (reopened")?.fullMs ?? null,
      target: 3000,
      unit: "ms",
    },
    {
      what: "peak memory of Chromium, train_sft loaded",
      value: load("train_sft (3 shards)")?.peakRssMB ?? null,
      target: 2800,
      unit: "MB",
    },
    {
      what: "search over all text of train_sft, p50 (worse of English, Japanese)",
      value: worst(q("search", "train_sft"), (x) => x.browserP50),
      target: 300,
      unit: "ms",
    },
    {
      what: "first search over train_sft, before its search text is built (worse of the two)",
      value: worst(q("first search", "train_sft"), (x) => x.browserP50),
      target: 2000,
      unit: "ms",
    },
    {
      what: "browser/native ratio on the same work, median",
      value: ratios.length ? median(ratios) : null,
      target: 3,
      unit: "×",
    },
    {
      what: "server over HTTP / native in-process on the same work, median",
      value: serverRatios.length ? median(serverRatios) : null,
      target: 1.5,
      unit: "×",
    },
  ];
}

export const ms = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n)
    ? "—"
    : n < 10
      ? n.toFixed(1)
      : Math.round(n).toLocaleString("en-US");

/** What a load spent in the page's engine: the bound of a load on one engine thread. */
const engine = (l: LoadResult) =>
  l.engineMs
    ? `${ms(l.engineMs.insert + l.engineMs.derive + (l.engineMs.compact ?? 0))} ms ` +
      `(${ms(l.engineMs.insert)} + ${ms(l.engineMs.derive)} + ${ms(l.engineMs.compact)})`
    : "—";

export function report(r: Results) {
  const lines: string[] = [`scale ${r.scale}`, ""];
  lines.push(
    `cold start to the first bundled row: ${ms(r.coldStart.firstRowMs)} ms (DuckDB start ${ms(r.coldStart.duckdbStartMs)} ms, ` +
      `wasm ${r.coldStart.wasmMB?.toFixed(1)} MB transferred); after a reload: ${ms(r.coldStart.warmFirstRowMs)} ms\n` +
      `the list served by the database (search, sort, filters answer): ${ms(r.coldStart.databaseRowsMs)} ms; ` +
      `after a reload: ${ms(r.coldStart.warmDatabaseRowsMs)} ms`,
  );
  lines.push("");
  lines.push(
    "| shard set | size | rows | first rows | full table | in the engine: insert + derive + compress | MB/s | peak RSS (Chromium) | native load | ratio |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|");
  for (const l of r.loads) {
    lines.push(
      `| ${l.set} | ${(l.bytes / 1e6).toFixed(0)} MB | ${l.rows.toLocaleString("en-US")} | ${ms(l.firstRowsMs)} ms | ${ms(l.fullMs)} ms | ${engine(l)} | ${l.mbPerS.toFixed(1)} | ${l.peakRssMB.toFixed(0)} MB | ${ms(l.nativeLoadMs)} ms | ${l.ratio.toFixed(1)}× |`,
    );
  }
  const split = r.loads.filter((l) => l.peakByKindMB && l.engineMemoryMB);
  if (split.length) lines.push("");
  for (const l of split) {
    const kinds = Object.entries(l.peakByKindMB!)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")} MB`);
    if (Object.keys(l.peakByKindMB!).length === 0) continue;
    lines.push(
      `- ${l.set}: at the peak of ${l.peakRssMB.toFixed(0)} MB, ${kinds.join(", ")}; with the table whole, the engine ` +
        `holds ${l.engineMemoryMB!.buffers.toLocaleString("en-US")} MB of buffers, its tables ` +
        `${l.engineMemoryMB!.tables.toLocaleString("en-US")} MB of them` +
        (l.engineMemoryMB!.byTag
          ? ` (${Object.entries(l.engineMemoryMB!.byTag)
              .sort((a, b) => b[1] - a[1])
              .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
              .join(", ")})`
          : ""),
    );
  }
  lines.push("");
  lines.push(
    "| query | on | browser p50 | browser p95 | native p50 | browser/native | server (HTTP) p50 | server/native |",
  );
  lines.push("|---|---|---|---|---|---|---|---|");
  for (const q of r.queries) {
    const server = q.serverP50 === undefined ? "— | —" : `${ms(q.serverP50)} ms | ${q.serverRatio!.toFixed(2)}×`;
    lines.push(
      `| ${q.name}${q.indexed ? " (the page through its index)" : ""} | ${q.set} | ${ms(q.browserP50)} ms | ${ms(q.browserP95)} ms | ${ms(q.nativeP50)} ms | ${q.ratio.toFixed(1)}× | ${server} |`,
    );
  }
  if (r.searchIndex?.length) {
    lines.push("", "| built after the first search | on | search text | then its index | native (text) | index size |");
    lines.push("|---|---|---|---|---|---|");
    for (const b of r.searchIndex)
      lines.push(
        `| the search text, then its index | ${b.set} | ${ms(b.textMs)} ms | ${ms(b.indexMs)} ms | ${ms(b.nativeTextMs)} ms | ${((b.rows * 264) / 1e6).toFixed(0)} MB |`,
      );
  }
  if (r.exports.length) {
    lines.push("", "| export | of | rows | size | time | peak RSS (Chromium) |", "|---|---|---|---|---|---|");
    for (const e of r.exports) {
      lines.push(
        `| ${e.format} | ${e.set} | ${e.rows.toLocaleString("en-US")} | ${(e.bytes / 1e6).toFixed(0)} MB | ${ms(e.ms)} ms | ${e.peakRssMB.toFixed(0)} MB |`,
      );
    }
  }
  if (r.checks?.length) {
    lines.push("", "| checks | on | browser | native | peak RSS (Chromium) | found |", "|---|---|---|---|---|---|");
    for (const c of r.checks) {
      const found = c.found.filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n.toLocaleString("en-US")}`);
      lines.push(
        `| ${c.name} | ${c.set} | ${ms(c.ms)} ms | ${ms(c.nativeMs)} ms | ${c.peakRssMB.toFixed(0)} MB | ${found.join(", ") || "nothing"} |`,
      );
    }
  }
  if (r.marks?.length) {
    lines.push("", "| marks on | rows | mark and move on p50 | p95 | bulk mark | time |", "|---|---|---|---|---|---|");
    for (const m of r.marks) {
      lines.push(
        `| ${m.set} | ${m.rows.toLocaleString("en-US")} | ${ms(m.stepP50)} ms | ${ms(m.stepP95)} ms | ${m.bulkRows.toLocaleString("en-US")} rows | ${ms(m.bulkMs)} ms |`,
      );
    }
  }
  if (r.scroll) {
    const s = r.scroll;
    lines.push(
      "",
      `list scrolling through ${s.rows.toLocaleString("en-US")} rows, ${s.frames} frames: work per frame p50 ${ms(s.p50)} ms, ` +
        `p95 ${ms(s.p95)} ms; at 60 Hz, frame interval p50 ${ms(s.pacedP50)} ms, p95 ${ms(s.pacedP95)} ms, ` +
        `${s.dropped} frames of ${s.frames} took two intervals or more`,
    );
  }
  lines.push("", "| target | measured | goal | |", "|---|---|---|---|");
  for (const t of targets(r)) {
    const verdict = t.value === null ? "not measured" : t.value <= t.target ? "met" : "**missed**";
    const value = t.value === null ? "—" : t.unit === "×" ? `${t.value.toFixed(1)}×` : `${ms(t.value)} ${t.unit}`;
    lines.push(`| ${t.what} | ${value} | ≤ ${t.target}${t.unit === "×" ? "×" : ` ${t.unit}`} | ${verdict} |`);
  }
  console.log(lines.join("\n"));
}
