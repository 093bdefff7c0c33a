import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import { Params, setConstants } from "../sql/params";
import type { DatasetRef } from "../types";
import type { CheckHelper, CheckSpec, Rel, Settings } from "./types";

/** The table of a dataset's check flags: one row per dataset row, one boolean column per check. */
export const flagsTable = (table: string) => `${table}__k`;

/** A check's column in the flags table; `__` never starts a data column, so it never meets one. */
export const flagColumn = (id: string) => `__k_${id}`;

/** The kept table of a helper. */
export const helperTable = (table: string, id: string) => `${table}__h_${id}`;

/** For each dataset table: the settings its flags were computed with. */
const stored = new Map<string, string>();
/** For each helper table: the SQL and values it was computed from. */
const helpers = new Map<string, string>();

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
    ident(helperTable(ds.table, h.id));

/** Reads a check from the stored flags when they were computed with these settings; null otherwise. */
export function checkFlagsPredicate(
  ds: DatasetRef,
  checks: readonly CheckSpec[],
  s: Settings,
  id: string,
): string | null {
  if (stored.get(ds.table) !== settingsKey(checks, s)) return null;
  return `__row IN (SELECT __row FROM ${ident(flagsTable(ds.table))} WHERE ${ident(flagColumn(id))})`;
}

/** Whether the flags of these settings are stored. */
export const hasFlags = (ds: DatasetRef, checks: readonly CheckSpec[], s: Settings) =>
  stored.get(ds.table) === settingsKey(checks, s);

/** Computes (or keeps) the tables of these helpers; one whose SQL and values are unchanged is not computed again. */
export async function keepHelpers(db: Connector, ds: DatasetRef, s: Settings, used: Iterable<CheckHelper>) {
  for (const h of used) {
    const params = new Params({ constants: true });
    const sql = h.sql(ds, s, params);
    const name = helperTable(ds.table, h.id);
    const key = JSON.stringify([sql, params.values, [...params.constants!]]);
    if (helpers.get(name) === key) continue;
    helpers.delete(name);
    await setConstants(db, params);
    await db.query(`CREATE OR REPLACE TABLE ${ident(name)} AS ${sql}`, params.values);
    helpers.set(name, key);
  }
}

/**
 * Computes every check over all rows of the dataset once, into its flags table: the report counts
 * them and a check's filter reads them, so a heavy check is not run again for every page of the list.
 * The helpers the checks and their details read are kept first.
 */
export async function storeFlags(db: Connector, ds: DatasetRef, checks: readonly CheckSpec[], s: Settings) {
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
  if (stored.get(ds.table) === key) return;
  stored.delete(ds.table);
  await setConstants(db, params);
  await db.query(
    `CREATE OR REPLACE TABLE ${ident(flagsTable(ds.table))} AS SELECT __row, ${columns.join(", ")} FROM ${ident(ds.table)}`,
    params.values,
  );
  stored.set(ds.table, key);
}

/** Forgets the helpers of a table, so the next use computes them again. */
export function forgetHelpers(table: string) {
  for (const name of [...helpers.keys()]) if (name.startsWith(`${table}__h_`)) helpers.delete(name);
}

/** Forgets the flags and helpers of a dataset table that is dropped. */
export function forgetFlags(table: string) {
  stored.delete(table);
  forgetHelpers(table);
}
