import type { Connector } from "../engine/types";
import { ident } from "../sql/ident";
import { Params } from "../sql/params";
import type { DatasetRef } from "../types";
import type { CheckSpec, Settings } from "./types";

/** The table of a dataset's check flags: one row per dataset row, one boolean column per check. */
export const flagsTable = (table: string) => `${table}__k`;

/** A check's column in the flags table; `__` never starts a data column, so it never meets one. */
export const flagColumn = (id: string) => `__k_${id}`;

/** For each dataset table: the settings its flags were computed with. */
const stored = new Map<string, string>();

const settingsKey = (checks: readonly CheckSpec[], s: Settings) =>
  JSON.stringify([checks.map((c) => c.id), Object.entries(s).sort(([a], [b]) => a.localeCompare(b))]);

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

/**
 * Computes every check over all rows of the dataset once, into its flags table: the report counts
 * them and a check's filter reads them, so a heavy check is not run again for every page of the list.
 */
export async function storeFlags(db: Connector, ds: DatasetRef, checks: readonly CheckSpec[], s: Settings) {
  const key = settingsKey(checks, s);
  if (stored.get(ds.table) === key) return;
  stored.delete(ds.table);
  const params = new Params();
  const columns = checks.map((c) => `coalesce(${c.predicate(ds, s, params)}, false) AS ${ident(flagColumn(c.id))}`);
  await db.query(
    `CREATE OR REPLACE TABLE ${ident(flagsTable(ds.table))} AS SELECT __row, ${columns.join(", ")} FROM ${ident(ds.table)}`,
    params.values,
  );
  stored.set(ds.table, key);
}

/** Forgets the flags of a dataset table that is dropped. */
export const forgetFlags = (table: string) => void stored.delete(table);
