"use client";
import { useEffect } from "react";
import type { ExportFormat } from "@/lib/export/encode";
import { parseClauses } from "@/lib/filters/url";
import { specOf } from "@/lib/layouts/registry";
import type { SqlParam } from "@/lib/engine/types";
import { useWorkspace } from "@/components/query/workspace";

/**
 * Only with `?bench` in the address: lets the benchmark (scripts/bench) time SQL, the charts, the
 * console and exports on the page's own engine and tables, through the same query queue the views
 * use (uncached). Renders nothing; the code it runs loads only when the benchmark calls it.
 */
export function BenchHook() {
  const ws = useWorkspace();
  useEffect(() => {
    if (!ws || !new URLSearchParams(window.location.search).has("bench")) return;
    const db = () => ws.queries.client({ priority: "panel", cache: false });
    const dataset = (table: string) => [...ws.snapshot().datasets.values()].find((d) => d.table === table)!;
    const timed = async <T,>(f: () => Promise<T>) => {
      const t0 = performance.now();
      const out = await f();
      return { ms: performance.now() - t0, out };
    };
    (window as Window & { __explorer?: unknown }).__explorer = {
      query: (sql: string, params: SqlParam[]) => ws.queries.request(sql, params, { cache: false }),
      datasets: () => [...ws.snapshot().datasets.values()],
      charts: async (table: string, link: string) => {
        const { fetchCharts } = await import("@/lib/stats/query");
        const ds = dataset(table);
        const state = { search: "", sort: null, clauses: parseClauses(new URLSearchParams(link)) };
        const { ms, out } = await timed(() =>
          fetchCharts(db(), ds, state, specOf(ds.layout).charts(ds, []), { partner: null }),
        );
        return { ms, charts: out.length };
      },
      console: async (sql: string) => {
        const { runQuery } = await import("@/lib/console/run");
        const { ms, out } = await timed(() => runQuery(ws.queries.client({ priority: "console" }), ws.derived, sql));
        return { ms, rows: out.ds.rows };
      },
      checks: async (table: string) => {
        const [{ runReport }, { forgetFlags }] = await Promise.all([
          import("@/lib/checks/report"),
          import("@/lib/checks/flags"),
        ]);
        const ds = dataset(table);
        forgetFlags(ds);
        const write = ws.queries.client({ priority: "panel", write: true, cache: false });
        const { ms, out } = await timed(() => runReport(db(), write, ds, { search: "", sort: null }));
        return { ms, lines: out.lines.map((l) => [l.check.id, l.count]) };
      },
      overlap: async (a: string, b: string) => {
        const { computeOverlap, forgetGrams, promptOf, DEFAULT_OVERLAP } = await import("@/lib/checks/overlap");
        const side = (table: string) => {
          const ds = dataset(table);
          return { id: ds.id, name: ds.name, table: ds.table, text: promptOf(ds.layout)!, derived: ws.derived };
        };
        const write = ws.queries.client({ priority: "panel", cache: false });
        await forgetGrams(write, [side(a), side(b)], DEFAULT_OVERLAP);
        const { ms, out } = await timed(() => computeOverlap(write, side(a), side(b), DEFAULT_OVERLAP));
        return { ms, a: [out.aExact, out.aRuns, out.aAny], b: [out.bExact, out.bRuns, out.bAny] };
      },
      pairing: async (a: string, b: string, mode: "at once" | "prepared" | "from nothing") => {
        const [{ computePairing }, { preparedFeatures }] = await Promise.all([
          import("@/lib/pairs/align"),
          import("@/lib/pairs/features"),
        ]);
        const [left, right] = [dataset(a), dataset(b)];
        // At once: as the page finds the features (a build under way is taken over); prepared: the builds the
        // page starts after each load, waited for (and how long each took); from nothing: every feature too.
        const builds: number[] = [];
        for (const side of [left, right]) {
          if (mode === "from nothing") ws.derived.forgetSlots(side.table, "pf");
          if (mode === "prepared") builds.push(Math.round((await preparedFeatures(side))?.ms ?? -1));
        }
        const phases: [string, number][] = [];
        const { ms, out } = await timed(() =>
          computePairing(db(), left, right, {
            makeRoom: true,
            onPhase: (name, t) => phases.push([name, Math.round(t)]),
          }),
        );
        return {
          ms,
          phases,
          builds,
          counts: { aligned: out.aligned, onlyLeft: out.onlyLeft, onlyRight: out.onlyRight, ...out.flags },
          kind: out.kind,
        };
      },
      searchIndex: async (table: string) => {
        const { buildSearchIndex, buildSearchText } = await import("@/lib/data/list");
        const ds = dataset(table);
        const write = ws.queries.client({ priority: "panel", write: true, ownTables: true, cache: false });
        // built apart from the page's own (tables of the benchmark's), as the page builds them
        const fresh = { ...ds, derived: undefined, indexed: false, searchTable: undefined, grams: undefined };
        const text = await timed(() => buildSearchText(write, fresh));
        const index = await timed(() => buildSearchIndex(write, text.out, ws.indexBuilder(ds)!));
        return { textMs: text.ms, indexMs: index.ms, table: index.out.searchTable, grams: index.out.grams };
      },
      marks: async (table: string, steps: number, bulk: number, filters: number) => {
        const [{ timeMarks }, { markScope }] = await Promise.all([
          import("@/lib/marks/bench"),
          import("@/lib/marks/keys"),
        ]);
        const ds = dataset(table);
        const list = ws.queries.client({ priority: "list", cache: false });
        return timeMarks(list, ds, ws.marks, ws.derived.marks!, markScope(ds), { steps, bulk, filters });
      },
      export: async (table: string, format: ExportFormat) => {
        const { exportBlob } = await import("@/lib/export/download");
        const ds = dataset(table);
        const { ms, out } = await timed(() =>
          exportBlob(db(), ds, { search: "", sort: null }, format, () => undefined),
        );
        return { ms, rows: out.rows, bytes: out.blob.size };
      },
    };
  }, [ws]);
  return null;
}
