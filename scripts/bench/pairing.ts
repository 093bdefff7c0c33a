import type { Page } from "@playwright/test";
import { basename } from "node:path";
import { DerivedTables } from "../../lib/datasets/derived";
import type { NativeEngine } from "../../lib/engine/native";
import { dropFilesSql, loadFilesSql } from "../../lib/ingest/sql-stage";
import { computePairing, type PairSide } from "../../lib/pairs/align";
import type { DatasetRef, LoadedDataset } from "../../lib/types";
import { withPeak, type Win } from "./features";
import { browserDatasets } from "./measure";
import { PAIRING, type CheckResult } from "./report";
import type { ShardSet } from "./servers";

/**
 * An ultrachat_200k split beside its Japanese translation (written by the bench's generator), aligned
 * and every flag counted: with each side's unit features as the page prepares them after a load, and
 * from nothing computed; in the page (the split is open there; the translation opens as a file beside
 * it) and in native DuckDB on the same files. Their counts must agree.
 */
export async function pairingOf(
  page: Page,
  native: NativeEngine,
  set: ShardSet,
  bds: LoadedDataset,
  nds: DatasetRef,
  translation: string,
): Promise<CheckResult[]> {
  await page.getByTestId("file-input").setInputFiles(translation);
  let partner: LoadedDataset | undefined;
  while (
    !(partner = (await browserDatasets(page)).find(
      (d) => d.table !== bds.table && d.files.length === 1 && d.files[0] === basename(translation) && !d.loading,
    ))
  ) {
    const failed = page.getByTestId("load-error");
    if ((await failed.count()) > 0)
      throw new Error(`pairing: the translation did not open: ${await failed.first().textContent()}`);
    await page.waitForTimeout(250);
  }
  console.log(`${set.split}: its translation is open; pairing`);
  const pair = (mode: "at once" | "prepared" | "from nothing") =>
    withPeak(() =>
      page.evaluate(
        ([x, y, m]) => (window as unknown as Win).__explorer.pairing(x!, y!, m as "at once"),
        [bds.table, partner!.table, mode],
      ),
    );
  // as a reader pairs them once the translation is open (its features not yet built), then with every
  // feature the page prepared, then from nothing
  const atOnce = await pair("at once");
  const ready = await pair("prepared");
  const fresh = await pair("from nothing");
  const derived = new DerivedTables("pair");
  const nt = await loadFilesSql(native, { table: "pair_ja", layout: "ultrachat_200k", paths: [translation], derived });
  const side = (ds: DatasetRef, id: string): PairSide => ({ ...ds, derived, id, name: id, rows: 0 });
  const timedNative = async () => {
    const t0 = performance.now();
    const r = await computePairing(native, side(nds, "en"), side(nt, "ja"));
    return {
      ms: performance.now() - t0,
      counts: { aligned: r.aligned, onlyLeft: r.onlyLeft, onlyRight: r.onlyRight, ...r.flags },
    };
  };
  // from nothing first; then again, with the features the first one built
  const nativeFresh = await timedNative();
  const nativeReady = await timedNative();
  for (const [what, page, nat] of [
    ["at once", atOnce.out.counts, nativeReady.counts],
    ["prepared", ready.out.counts, nativeReady.counts],
    ["from nothing", fresh.out.counts, nativeFresh.counts],
  ] as const) {
    if (JSON.stringify(nat) !== JSON.stringify(page) || JSON.stringify(nat) !== JSON.stringify(nativeFresh.counts))
      throw new Error(
        `pairing (${what}): the page's ${JSON.stringify(page)} differs from native ${JSON.stringify(nat)}`,
      );
  }
  // the pairing's own tables (its features, its aligned rows), then the translation
  for (const t of [...derived.release(nds.table), ...derived.release(nt.table)])
    await native.query(`DROP TABLE IF EXISTS "${t}"`);
  await dropFilesSql(native, nt, [translation]);
  const phases = (r: typeof ready) => r.out.phases.map(([p, ms]): [string, number] => [`${p}, ms`, ms]);
  const on = `${set.split} × its Japanese translation`;
  return [
    {
      name: PAIRING,
      set: on,
      ms: ready.out.ms,
      nativeMs: nativeReady.ms,
      peakRssMB: ready.peak / 1e6,
      found: [
        ...Object.entries(ready.out.counts),
        ...phases(ready),
        // each build from its start (the end of its load) to its end: paused while a load ran or the page asked
        ["features of the split, built over, ms", ready.out.builds[0]!],
        ["features of the translation, built over, ms", ready.out.builds[1]!],
      ],
    },
    {
      name: `${PAIRING}, at once after the translation opened`,
      set: on,
      ms: atOnce.out.ms,
      nativeMs: nativeFresh.ms,
      peakRssMB: atOnce.peak / 1e6,
      found: phases(atOnce),
    },
    {
      name: `${PAIRING}, from nothing computed (each side's features too)`,
      set: on,
      ms: fresh.out.ms,
      nativeMs: nativeFresh.ms,
      peakRssMB: fresh.peak / 1e6,
      found: phases(fresh),
    },
  ];
}
