import { beforeAll, describe, expect, it } from "vitest";
import { NativeEngine } from "../engine/native";
import type { Connector } from "../engine/types";
import { sampleFile } from "../test/fixtures";
import { loadFiles } from "../test/native-load";
import type { DatasetRef } from "../types";
import { computePairing, type PairSide } from "./align";
import { featuresReady, featuresTable, prepareFeatures, unitFeatures } from "./features";
import { featuresSql } from "./flags";
import { unitsSql } from "./units";

let engine: NativeEngine;
let n = 0;
async function side(file: string): Promise<PairSide> {
  const ds = await loadFiles(engine, `f${++n}`, "ultrachat_raw", [sampleFile(file)]);
  const rows = Number((await engine.rows(`SELECT count(*) AS n FROM f${n}`))[0]!.n);
  return { ...ds, id: `f${n}`, name: file, rows };
}
/** A connector that counts the statements it runs, and can do something before one of them. */
function counted(before?: (sql: string, i: number) => Promise<void>) {
  const seen: string[] = [];
  const db: Connector = {
    query: async (sql, params, options) => {
      await before?.(sql, seen.length);
      seen.push(sql);
      return engine.query(sql, params, options);
    },
  };
  return { db, seen };
}
const inserts = (seen: string[]) => seen.filter((s) => s.startsWith("INSERT")).length;
/** Rows of the features table that differ from the features computed at once over the whole table. */
async function apart(ds: DatasetRef): Promise<number> {
  const whole = `SELECT __row, ${featuresSql(`(${unitsSql(ds)})`)} AS f FROM ${ds.table}`;
  const table = featuresTable(ds);
  const [r] = await engine.rows(
    `SELECT (SELECT count(*) FROM (${whole} EXCEPT ALL SELECT * FROM ${table})) + ` +
      `(SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT ALL ${whole})) AS n`,
  );
  return Number(r!.n);
}

beforeAll(async () => {
  engine = await NativeEngine.open();
});

describe("a dataset's unit features, prepared in slices", () => {
  it("are the features of every row, once, as computed at once", async () => {
    const en = await side("ultrachat/train_0.jsonl");
    const { db, seen } = counted();
    expect(featuresReady(en)).toBe(false);
    const done = await prepareFeatures(db, en, { firstSlice: 8 });
    expect(done?.ms).toBeGreaterThan(0);
    expect(featuresReady(en)).toBe(true);
    // 70 rows in slices of 8 at first (then sized by time, never under 8): more than one slice
    expect(inserts(seen)).toBeGreaterThan(1);
    expect(Number((await engine.rows(`SELECT count(*) AS n FROM ${featuresTable(en)}`))[0]!.n)).toBe(en.rows);
    expect(await apart(en)).toBe(0);
    // ready: neither prepared again nor built by a pairing
    expect(await prepareFeatures(db, en)).toBeNull();
    const before = seen.length;
    expect(await unitFeatures(db, en)).toBe(featuresTable(en));
    expect(seen.length).toBe(before);
    // forgotten (computed again from nothing): a pairing builds it again, whole
    en.derived!.forgetSlots(en.table, "pf");
    expect(featuresReady(en)).toBe(false);
    await unitFeatures(db, en);
    expect(inserts(seen.slice(before))).toBe(1);
    expect(await apart(en)).toBe(0);
  });

  it("a pairing that finds a build under way takes it over, and counts what a pairing from nothing counts", async () => {
    const [en, ja] = [await side("ultrachat/train_0.jsonl"), await side("ultrachat_ja/train_0.jsonl")];
    // the background's first slice waits until the pairing has asked for the features
    let reached = () => {};
    let release = () => {};
    const atFirst = new Promise<void>((r) => (reached = r));
    const gate = new Promise<void>((r) => (release = r));
    let slices = 0;
    const background = counted(async (sql) => {
      if (!sql.startsWith("INSERT") || ++slices !== 1) return;
      reached();
      await gate;
    });
    const prepared = prepareFeatures(background.db, en, { firstSlice: 4 });
    await atFirst;
    const pairing = counted();
    const asked = computePairing(pairing.db, en, ja);
    release();
    const summary = await asked;
    expect((await prepared)?.ms).toBeGreaterThan(0);
    // one slice ran in the background; the rest in one statement on the pairing's client, and the partner's
    expect(inserts(background.seen)).toBe(1);
    expect(pairing.seen.filter((s) => s.startsWith(`INSERT INTO "${featuresTable(en)}"`))).toHaveLength(1);
    expect(pairing.seen.filter((s) => s.startsWith(`INSERT INTO "${featuresTable(ja)}"`))).toHaveLength(1);
    expect(await apart(en)).toBe(0);
    expect(await apart(ja)).toBe(0);

    const [en2, ja2] = [await side("ultrachat/train_0.jsonl"), await side("ultrachat_ja/train_0.jsonl")];
    const fresh = await computePairing(engine, en2, ja2);
    const counts = (s: typeof summary) => [s.kind, s.assistantOnly, s.aligned, s.onlyLeft, s.onlyRight, s.flags];
    expect(counts(summary)).toEqual(counts(fresh));
    expect([summary.aligned, summary.onlyLeft, summary.onlyRight]).toEqual([67, 2, 1]);
  });

  it("a build whose dataset is closed meanwhile ends quietly, and leaves nothing ready", async () => {
    const en = await side("ultrachat/train_0.jsonl");
    let slices = 0;
    const { db } = counted(async (sql) => {
      // (the native load's table is a view over its parts)
      if (sql.startsWith("INSERT") && ++slices === 2) await engine.query(`DROP VIEW ${en.table}`);
    });
    expect(await prepareFeatures(db, en, { firstSlice: 4 })).toBeNull();
    expect(featuresReady(en)).toBe(false);
    await expect(unitFeatures(engine, en)).rejects.toThrow(/f\d+/);
  });

  it("each background slice waits until the page is free (no load runs), and a pairing does not", async () => {
    const en = await side("ultrachat/train_0.jsonl");
    let free: () => void = () => undefined;
    let asked = 0;
    const whenFree = () => {
      asked++;
      return new Promise<void>((r) => (free = r));
    };
    const { db, seen } = counted();
    const prepared = prepareFeatures(db, en, { firstSlice: 8, whenFree });
    await expect.poll(() => asked).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inserts(seen)).toBe(0);
    free();
    await expect.poll(() => inserts(seen)).toBe(1);
    // a pairing asks for it: the rest runs at once, without waiting
    await unitFeatures(db, en);
    expect((await prepared)?.ms).toBeGreaterThan(0);
    expect(inserts(seen)).toBe(2);
    expect(await apart(en)).toBe(0);
  });
});
