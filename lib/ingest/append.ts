import type { DerivedTables } from "../datasets/derived";
import type { Connector } from "../engine/types";
import { specOf } from "../layouts/registry";
import { deriveSelect } from "../sql/derive";
import { ident } from "../sql/ident";
import { COMPRESS_WHEN_HELD, memoryInUse } from "./memory";
import type { LayoutId } from "../types";

export interface AppendTarget {
  table: string;
  layout: LayoutId;
  /** The data's own columns (a generic table previews the first). */
  columns: readonly string[];
}

/** The tables that hold a dataset: its own, and the layout's companion (UltraFeedback's completions). */
export function datasetTables(table: string, layout: LayoutId): string[] {
  const companion = specOf(layout).companion;
  return companion ? [table, `${table}${companion.suffix}`] : [table];
}

/**
 * Moves one staged batch into the dataset's table with its derived columns, numbering its rows from
 * `offset`; the layout's companion table gets its rows too. The first batch creates the tables. The
 * staging table is dropped.
 */
export async function appendStaged(db: Connector, target: AppendTarget, staging: string, offset: number) {
  const create = offset === 0;
  const t = ident(target.table);
  const select = `SELECT ${deriveSelect(target.layout, offset, target.columns)} FROM ${ident(staging)}`;
  await db.query(create ? `CREATE TABLE ${t} AS ${select}` : `INSERT INTO ${t} BY NAME ${select}`);
  const companion = specOf(target.layout).companion;
  if (companion) {
    const c = ident(`${target.table}${companion.suffix}`);
    const rows = companion.select(t, offset);
    await db.query(create ? `CREATE TABLE ${c} AS ${rows}` : `INSERT INTO ${c} BY NAME ${rows}`);
  }
  await db.query(`DROP TABLE ${ident(staging)}`);
}

/** Arrow bytes appended between two compactions of a load: what the engine holds uncompressed at most. */
export const COMPACT_EVERY = 256 * 1024 * 1024;

/**
 * Compresses a load's tables as they fill: a checkpoint of the engine's in-memory database compresses
 * the rows appended since the last one (FSST and dictionaries for text, to about a fifth), so a load
 * that does not fit as it is holds at most `COMPACT_EVERY` bytes uncompressed. Each is measured
 * (`load:compact`).
 */
export function compactor(db: Connector) {
  let since = 0;
  const compact = async () => {
    const t0 = performance.now();
    await db.query("CHECKPOINT", [], { write: true, ownTables: true });
    performance.measure("load:compact", { start: t0, end: performance.now() });
    since = 0;
  };
  return {
    async appended(bytes: number) {
      since += bytes;
      if (since >= COMPACT_EVERY) await compact();
    },
    now: compact,
  };
}

/**
 * Compresses what is open when the engine holds more than `above` bytes (before work that needs room
 * beside it, as a pairing's features); true when it did.
 */
export async function compactWhenFull(db: Connector, above = COMPRESS_WHEN_HELD): Promise<boolean> {
  if ((await memoryInUse(db)) <= above) return false;
  await compactor(db).now();
  return true;
}

/**
 * Drops a dataset's tables (after a failed load, or when it is closed): first those its workspace
 * computed from it (check flags, overlap runs, re-binarized pairs), then its own.
 */
export async function dropDataset(db: Connector, ds: { table: string; layout: LayoutId; derived?: DerivedTables }) {
  for (const t of [...(ds.derived?.release(ds.table) ?? []), ...datasetTables(ds.table, ds.layout).reverse()]) {
    await db.query(`DROP TABLE IF EXISTS ${ident(t)}`, [], { write: true }).catch(() => undefined);
  }
}

/**
 * Before a batch of a file of no layout is appended: columns the batch brings that the table lacks are
 * added, and a column that now holds text where it held numbers becomes text, so no value is lost.
 */
export async function alignColumns(db: Connector, table: string, staging: string) {
  const types = async (t: string) =>
    new Map((await db.query(`DESCRIBE ${ident(t)}`)).rows.map((r) => [String(r.column_name), String(r.column_type)]));
  const [have, incoming] = [await types(table), await types(staging)];
  for (const [name, type] of incoming) {
    const now = have.get(name);
    if (now === undefined) await db.query(`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(name)} ${type}`);
    else if (now !== type) await db.query(`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(name)} TYPE VARCHAR`);
  }
}
