import type { DerivedTables } from "../datasets/derived";
import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import { Params, setConstants } from "../sql/params";
import type { DatasetRef } from "../types";
import type { CheckHelper, CheckSpec, Rel, Settings } from "./types";

/** The tables its workspace computed from a dataset. */
export function derivedOf(ds: DatasetRef): DerivedTables {
  if (!ds.derived) throw new Error(`${ds.table}: a dataset without its workspace's derived tables`);
  return ds.derived;
}

/** The table of a dataset's check flags: one row per dataset row, one boolean column per check. */
export const flagsTable = (ds: DatasetRef) => derivedOf(ds).slot(ds.table, "k");

/** A check's column in the flags table; `__` never starts a data column, so it never meets one. */
export const flagColumn = (id: string) => `__k_${id}`;

/** The kept table of a helper. */
export const helperTable = (ds: DatasetRef, id: string) => derivedOf(ds).slot(ds.table, `h_${id}`);

const settingsKey = (checks: readonly CheckSpec[], s: Settings) =>
  JSON.stringify([checks.map((c) => c.id), Object.entries(s).sort(([a], [b]) => a.localeCompare(b))]);

/** Helpers inline, as subqueries: for a filter read before the report has kept them. */
export const inlineRel =
  (ds: DatasetRef, s: Settings, params: Params): Rel =>
  (h) =>
    `(${h.sql(ds, s, params)})`;

/** Helpers from their kept tables (`keepHelpers` made them). */
export const keptRel =
  (ds: DatasetRef): Rel =>
  (h) =>
    ident(helperTable(ds, h.id));

/** Whether the flags of these settings are stored (in the dataset's workspace). */
export const hasFlags = (ds: DatasetRef, checks: readonly CheckSpec[], s: Settings) =>
  derivedOf(ds).sourceOf(flagsTable(ds)) === settingsKey(checks, s);

/** Reads a check from the stored flags when they were computed with these settings; null otherwise. */
export function checkFlagsPredicate(
  ds: DatasetRef,
  checks: readonly CheckSpec[],
  s: Settings,
  id: string,
): string | null {
  if (!hasFlags(ds, checks, s)) return null;
  return `__row IN (SELECT __row FROM ${ident(flagsTable(ds))} WHERE ${ident(flagColumn(id))})`;
}

/** Computes (or keeps) the tables of these helpers; one whose SQL and values are unchanged is not computed again. */
export async function keepHelpers(db: Connector, ds: DatasetRef, s: Settings, used: Iterable<CheckHelper>) {
  const derived = derivedOf(ds);
  for (const h of used) {
    const params = new Params({ constants: true });
    const sql = h.sql(ds, s, params);
    const name = helperTable(ds, h.id);
    const key = JSON.stringify([sql, params.values, [...params.constants!]]);
    if (derived.sourceOf(name) === key) continue;
    derived.forget(name);
    await setConstants(db, params);
    await db.query(`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${sql}`, params.values, { write: true });
    derived.computed(name, key);
  }
}

/**
 * Computes every check over all rows of the dataset once, into its flags table: the report counts
 * them and a check's filter reads them, so a heavy check is not run again for every page of the list.
 * The helpers the checks and their details read are kept first.
 */
export async function storeFlags(db: Connector, ds: DatasetRef, checks: readonly CheckSpec[], s: Settings) {
  const derived = derivedOf(ds);
  const key = settingsKey(checks, s);
  const used = new Map<string, CheckHelper>();
  const kept = keptRel(ds);
  const rel: Rel = (h) => {
    used.set(h.id, h);
    return kept(h);
  };
  const params = new Params({ constants: true });
  const columns = checks.map(
    (c) => `coalesce(${c.predicate(ds, s, params, rel)}, false) AS ${ident(flagColumn(c.id))}`,
  );
  for (const c of checks) c.detail?.sql(ds, s, new Params(), rel);
  await keepHelpers(db, ds, s, used.values());
  const table = flagsTable(ds);
  if (derived.sourceOf(table) === key) return;
  derived.forget(table);
  await setConstants(db, params);
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS SELECT __row, ${columns.join(", ")} FROM ${ident(ds.table)}`,
    params.values,
    { write: true },
  );
  derived.computed(table, key);
}

/** Forgets the helpers of a dataset, so the next use computes them again. */
export function forgetHelpers(ds: DatasetRef) {
  derivedOf(ds).forgetSlots(ds.table, "h_");
}

/** Forgets the flags and helpers of a dataset, so the next report computes them again. */
export function forgetFlags(ds: DatasetRef) {
  derivedOf(ds).forget(flagsTable(ds));
  forgetHelpers(ds);
}
