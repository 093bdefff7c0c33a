import type { Connector } from "../engine/types";
import { rowSpan } from "../data/row-span";
import { ident } from "../sql/ident";
import type { DatasetRef, LayoutId } from "../types";
import { featuresSql } from "./flags";
import { unitsSql } from "./units";

/**
 * What every pairing of a dataset reads of its rows: each unit's features (see `featuresSql`), in a
 * table of (`__row`, `f`) kept with the dataset. It is built in slices, so a dataset just opened has
 * its features ready by the time it is compared while its reader's lists and counts go first (the
 * page starts it after each load, behind everything else; `prepareFeatures`); a pairing that finds
 * it under way takes the rest over at its own priority, and one that finds none builds it.
 */
interface Build {
  /** What the table is built from (the units' SQL): another means it is built again. */
  source: string;
  /** The client the next slice runs on (a pairing that waits for it hands over its own). */
  client: Connector;
  /** A pairing waits for it: the rest is one statement (slices only keep others from waiting). */
  waited: boolean;
  /** Until a pairing waits for it, each slice waits for this first (the page's loads to end). */
  whenFree?: () => Promise<void>;
  /** Resolved when a pairing starts waiting for it (a slice waiting for `whenFree` goes at once). */
  hurried: Promise<void>;
  hurry: () => void;
  done: Promise<string>;
  /** When it started and ended (performance.now()), for the benchmark. */
  started: number;
  ended?: number;
}

/** The layouts whose features are prepared after a load: those a pairing reads unit by unit. */
export const PREPARED_LAYOUTS: readonly LayoutId[] = [
  "ultrachat_raw",
  "ultrachat_200k",
  "ultrafeedback",
  "ultrafeedback_binarized",
];

/** A slice takes about this long, so what waits behind it is not held up for more. */
const SLICE_MS = 100;
const FIRST_SLICE = 2048;

const buildsOf = (ds: DatasetRef) => ds.derived!.store<Build>("features");
const buildKey = (ds: DatasetRef) => `${ds.table}\nfeatures`;

/** The name of a dataset's features table. */
export const featuresTable = (ds: DatasetRef) => ds.derived!.slot(ds.table, "pf");

/** The dataset's features are built and whole. */
export const featuresReady = (ds: DatasetRef) =>
  ds.derived !== undefined && ds.derived.sourceOf(featuresTable(ds)) === unitsSql(ds);

/**
 * The dataset's features table, whole: as it is when built, else the build under way finished on
 * `db`, else built on `db` now.
 */
export async function unitFeatures(db: Connector, ds: DatasetRef): Promise<string> {
  if (featuresReady(ds)) return featuresTable(ds);
  const build = buildsOf(ds).get(buildKey(ds));
  if (build && build.ended === undefined && build.source === unitsSql(ds)) {
    build.client = db;
    build.waited = true;
    build.hurry();
    return build.done;
  }
  const started = startBuild(db, ds);
  started.waited = true;
  return started.done;
}

/**
 * Starts building the dataset's features on `db` (the page's lowest priority), unless they are built
 * or under way; each slice waits for `whenFree` first (the page's loads are not slowed by it).
 * Resolves with the build's span (ms), or null when nothing was started; a build that fails (the
 * dataset was closed meanwhile) leaves nothing and says nothing: a pairing builds it again.
 */
export function prepareFeatures(
  db: Connector,
  ds: DatasetRef,
  options: { firstSlice?: number; whenFree?: () => Promise<void> } = {},
): Promise<{ ms: number } | null> {
  const under = ds.derived && buildsOf(ds).get(buildKey(ds));
  if (!ds.derived || featuresReady(ds) || (under && under.ended === undefined)) return Promise.resolve(null);
  const build = startBuild(db, ds, options.firstSlice);
  build.whenFree = options.whenFree;
  return build.done.then(
    () => ({ ms: (build.ended ?? performance.now()) - build.started }),
    () => null,
  );
}

/**
 * How long the last build of a dataset's features took once it is done (the benchmark waits for it),
 * from its start to its end: behind the page's other work, not its own time.
 */
export async function preparedFeatures(ds: DatasetRef): Promise<{ ms: number } | null> {
  const build = buildsOf(ds).get(buildKey(ds));
  if (!build) return null;
  await build.done.catch(() => undefined);
  return build.ended === undefined ? null : { ms: build.ended - build.started };
}

function startBuild(db: Connector, ds: DatasetRef, firstSlice = FIRST_SLICE): Build {
  const builds = buildsOf(ds);
  const key = buildKey(ds);
  const source = unitsSql(ds);
  let hurry = () => {};
  const hurried = new Promise<void>((r) => (hurry = r));
  const build: Build = {
    source,
    client: db,
    waited: false,
    hurried,
    hurry,
    started: performance.now(),
    done: Promise.resolve(""),
  };
  build.done = buildSlices(build, ds, firstSlice).then(
    (table) => {
      // kept, ended: what it took is asked after (`preparedFeatures`)
      build.ended = performance.now();
      return table;
    },
    (e: unknown) => {
      if (builds.get(key) === build) builds.delete(key);
      throw e;
    },
  );
  // A failure is reported by whoever waits for the build (a pairing); in the background, none does.
  build.done.catch(() => undefined);
  builds.set(key, build);
  return build;
}

/** The slices of `__row`, each sized by how long the one before took, appended to the table in order. */
async function buildSlices(build: Build, ds: DatasetRef, firstSlice: number): Promise<string> {
  const derived = ds.derived!;
  const name = featuresTable(ds);
  derived.forget(name);
  const table = ident(name);
  const from = `FROM ${ident(ds.table)}`;
  const select = `SELECT __row, ${featuresSql(`(${build.source})`)} AS f ${from}`;
  const own = { write: true, ownTables: true };
  await build.client.query(`DROP TABLE IF EXISTS ${table}`, [], own);
  const [lo, hi] = await rowSpan(build.client, ds.table);
  await build.client.query(`CREATE TEMP TABLE ${table} AS ${select} WHERE false`, [], own);
  let rows = firstSlice;
  for (let at = lo; at <= hi;) {
    if (!build.waited && build.whenFree) await Promise.race([build.whenFree(), build.hurried]);
    const end = build.waited ? hi + 1 : at + rows;
    const t0 = performance.now();
    await build.client.query(`INSERT INTO ${table} ${select} WHERE __row >= ${at} AND __row < ${end}`, [], own);
    at = end;
    // (the time it waited its turn counts: a busy page gets smaller slices)
    const ms = Math.max(1, performance.now() - t0);
    rows = Math.max(Math.min(firstSlice, 256), Math.min(65_536, Math.round((rows * SLICE_MS) / ms)));
  }
  derived.computed(name, build.source);
  return name;
}
